/**
 * Content collections. All copy and all figures live under content/; this file
 * says what shape they must have. A malformed file fails the build with the
 * file and the field (or CSV row) named.
 */
import { defineCollection } from 'astro:content';
import { fundingFlowsSchema, projectTimelinesSchema } from './viz/project-timelines/schema';
import { milestonesSchema } from './viz/road-ahead/schema';
import { debtSchema, concernsSchema } from './viz/debt-and-finance/schema';
import { glob, file } from 'astro/loaders';
import { z } from 'astro/zod';
import { csvLoader, jsonLoader, num, optNum, text, optText, sourceIds, confidence } from './lib/data-loader';
import { centralRailwaySchema, southernRailwaySchema } from './viz/climb-profile/schema';
import { stationTableLoader } from './viz/climb-profile/loader';

const chapters = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/chapters' }),
  schema: z.object({
    /** Chapter headline, shown as the page's h1. */
    title: z.string().min(3),
    /** Short title for the chapter list, navigation and embed credits. */
    short: z.string().min(2).max(40),
    /** One or two sentences under the headline. */
    dek: z.string().min(10),
    /** Position in the story, from 1. */
    order: z.number().int().min(1),
    /** URL segment: /<slug>/. Lowercase words joined by hyphens. */
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lowercase words joined by hyphens'),
    /** Summary for the cover page and meta description (max 160 chars). */
    description: z.string().min(40).max(160),
    /** Whether the chapter ends with the comment widget. */
    comments: z.boolean().default(true),
  }),
});

const figures = defineCollection({
  loader: file('content/figures.yaml'),
  schema: z.object({
    /** Chapter slug the figure belongs to. */
    chapter: z.string(),
    /** Which graphic module draws it: a folder name under src/viz/. */
    viz: z.string(),
    /** Visible title of the figure. */
    title: z.string().min(3),
    /** Short text alternative: what the picture shows, in one or two sentences. */
    alt: z.string().min(20),
    /** Longer description for screen-reader users and the no-JS page. */
    description: z.string().min(20),
    /** Source line printed under the figure. */
    source: z.string().min(3),
    /** Optional methodological note printed under the figure (estimates say so here). */
    note: z.string().optional(),
    /** Heavy graphic (WebGL): on a page that opens on it (an embed), it starts when the reader asks. */
    heavy: z.boolean().default(false),
    /** Per-figure labels used by the graphic (all copy lives in content). */
    labels: z.record(z.string(), z.string()).default({}),
  }),
});

const sources = defineCollection({
  loader: csvLoader(
    'content/data/sources.csv',
    z.object({
      /** Short id referenced from every data file's `source` column. */
      id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lowercase letters, digits and hyphens'),
      publisher: text(),
      title: text(),
      url: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
      date: optText(),
      note: optText(),
    }),
  ),
});

const railProjects = defineCollection({
  loader: csvLoader(
    'content/data/rail-projects.csv',
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      /** Project name as shown on the chart. */
      project: text(),
      /** Reported cost in US$ billions. */
      cost_usd_bn: num().pipe(z.number().positive().max(100, 'cost in US$ billions looks too large')),
      /** Route length in km, blank when not reported. */
      length_km: optNum(),
      status: text(),
      /** Whether Chinese finance or building is reported. */
      chinese_backing: text(),
      source: sourceIds(),
      confidence: confidence(),
      note: optText(),
    }),
  ),
});

const facts = defineCollection({
  loader: csvLoader(
    'content/data/facts.csv',
    z.object({
      /** Id used in prose: <V id="…" />. */
      id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lowercase letters, digits and hyphens'),
      /** Text shown on the page. */
      display: text(),
      /** Machine value (number or ISO date), blank for text facts. */
      value: optText(),
      unit: text(),
      source: sourceIds(),
      confidence: confidence(),
      /**
       * What kind of figure it is; every kind but `reported` is labelled in the page's text next to the number.
       * reported: as a source states it. calculated: exact arithmetic on sourced figures (the note says how).
       * estimate: our own modelled or rounded figure. projection: a third party's forecast (AP's jobs, the IIF's debt).
       */
      kind: z.enum(['reported', 'calculated', 'estimate', 'projection'], { error: 'kind must be reported, calculated, estimate or projection' }),
      note: optText(),
    }),
  ),
});

const fundingModels = defineCollection({
  loader: csvLoader(
    'content/data/funding-models.csv',
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      /** Row heading, as in the article's table. */
      feature: text(),
      china: text(),
      us: text(),
      source: sourceIds(),
    }),
  ),
});

/** Money to scale (content/data/funding-flows.csv); fields in src/viz/project-timelines/schema.ts. */
const fundingFlows = defineCollection({ loader: csvLoader('content/data/funding-flows.csv', fundingFlowsSchema) });
/** Dated events of real projects (content/data/project-timelines.csv). */
const projectTimelines = defineCollection({ loader: csvLoader('content/data/project-timelines.csv', projectTimelinesSchema) });
/** The road ahead (content/data/milestones.csv); fields in src/viz/road-ahead/schema.ts. */
const milestones = defineCollection({ loader: csvLoader('content/data/milestones.csv', milestonesSchema) });
/** Peru's public debt and Chancay's owners and cost (content/data/debt.csv); fields in src/viz/debt-and-finance/schema.ts. */
const debt = defineCollection({ loader: csvLoader('content/data/debt.csv', debtSchema) });
/** The article's concerns and what sources report (content/data/concerns.csv). */
const concerns = defineCollection({ loader: csvLoader('content/data/concerns.csv', concernsSchema) });

/** Non-chapter prose: the cover summary and the methods text. */
const pages = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/pages' }),
  schema: z.object({
    title: z.string(),
    description: z.string().min(40).max(160),
    kicker: z.string().optional(),
    dek: z.string().optional(),
  }),
});

/** Central railway stations, Callao -> Huancayo (fields documented in src/viz/climb-profile/schema.ts; km must increase). */
const centralRailway = defineCollection({
  loader: stationTableLoader('content/data/central-railway.csv', centralRailwaySchema),
});

/** Southern railway stations, Mollendo -> Juliaca -> Cusco (same fields plus lat/lon and on_profile). */
const southernRailway = defineCollection({
  loader: stationTableLoader('content/data/southern-railway.csv', southernRailwaySchema),
});

const waypoint = z.object({
  /** Place name; ports are named as in the chart's labels. */
  name: z.string().min(1),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** A port the route calls at (drawn as a dot, labelled). */
  port: z.boolean().optional(),
  /** Where the waypoint comes from: a port position or the sea lane it keeps to. */
  note: z.string().min(3),
});

const seaRoutes = defineCollection({
  loader: jsonLoader(
    'content/data/sea-routes.json',
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      /** Route name as shown on the chart. */
      label: text(),
      short: text(),
      /** new = Chancay direct; old = via Callao; contrast = the Panama route. */
      group: z.enum(['new', 'old', 'contrast']),
      source: sourceIds(),
      confidence: confidence(),
      /** Published distances the computed length is tested against (test/unit/shipping-map.test.ts). */
      checks: z.array(
        z.object({ from: z.string(), to: z.string(), nm: z.number().positive(), method: z.enum(['great-circle', 'sea-lane']) }),
      ),
      note: text(),
      /** Days added to the sailing time: transshipment, canal. Assumptions, each with its reason. */
      stops: z.array(z.object({ at: z.string(), days: z.number().min(0).max(30), what: z.string(), note: z.string().min(3) })),
      /** The two waypoints between which the route crosses land by design (the Panama Canal). */
      canal: z.array(z.string()).length(2).optional(),
      waypoints: z.array(waypoint).min(2),
    }),
  ),
});

const trade = defineCollection({
  loader: csvLoader(
    'content/data/trade.csv',
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      label: text(),
      value: num(),
      unit: text(),
      year: num().pipe(z.number().int().min(1990).max(2030)),
      source: sourceIds(),
      confidence: confidence(),
      note: optText(),
    }),
  ),
});

/** The public corrections log (content/data/corrections.csv): each change of fact, dated, shown on /corrections/ and linked from the chapter. */
const corrections = defineCollection({
  loader: csvLoader(
    'content/data/corrections.csv',
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lowercase letters, digits and hyphens'),
      /** Date the change was published (ISO). */
      date: text().pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')),
      /** Slug of the chapter that changed, or blank for a site-wide change (cover, Sources and methods). */
      chapter: optText(),
      /** correction = a fact was wrong; update = a fact went out of date; clarification = wording could mislead. */
      kind: z.enum(['correction', 'update', 'clarification']),
      /** What the page said, in a sentence. */
      was: text(),
      /** What it says now, in a sentence. */
      now: text(),
      /** Source ids (content/data/sources.csv) for the new wording. */
      source: sourceIds(),
    }),
  ),
});

/** Glossary (content/data/glossary.csv): shown on /glossary/, linked from each term's first use in each chapter. */
const glossary = defineCollection({
  loader: csvLoader(
    'content/data/glossary.csv',
    z.object({
      id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lowercase letters, digits and hyphens'),
      /** The term as the glossary lists it, e.g. "TEU". */
      term: text(),
      /** Spelled out, when the term is an abbreviation, e.g. "twenty-foot equivalent unit". */
      expansion: optText(),
      /** Forms matched in chapter prose, separated by "|", case-sensitive, whole words: "TEU|TEUs". */
      match: text(),
      /** A plain-language definition, one to three sentences. */
      definition: text(),
      /** Source ids (";"-separated) for a definition that states a fact, or blank. */
      source: optText(),
    }),
  ),
});

export const collections = { corrections, glossary, pages, chapters, figures, sources, railProjects, facts, fundingModels, centralRailway, southernRailway, seaRoutes, trade, fundingFlows, projectTimelines, milestones, debt, concerns };
