/**
 * Content collections. All copy and all figures live under content/; this file
 * says what shape they must have. A malformed file fails the build with the
 * file and the field (or CSV row) named.
 *
 * The site's own collections are here. Each graphic declares the data files it
 * reads in its own src/viz/<name>/schema.ts (`export const collections`),
 * found below by import.meta.glob: adding a graphic never edits this file.
 */
import { defineCollection } from 'astro:content';
import { glob, file } from 'astro/loaders';
import { z } from 'astro/zod';
import { existsSync, readdirSync } from 'node:fs';
import type { Loader } from 'astro/loaders';
import { csvLoader, mergeCollections, text, optText, sourceIds, confidence, type DataCollections } from './lib/data-loader';

/** Graphic names: the folders under src/viz/ that have a render.ts (not imported here). */
const graphics = Object.keys(import.meta.glob('./viz/*/render.ts')).map((p) => p.split('/')[2]!);

const chapterSchema = z.object({
    /** Chapter headline, shown as the page's h1. */
    title: z.string().min(3),
    /** Short title for the chapter menu and embed credits (previous/next links give the number and `title`). */
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
    /**
     * The question this chapter puts to its readers above its comments (one sentence or two, story copy, no digits:
     * numbers belong in the prose through <V>). Without it the comments open with the source article's own question
     * (`comments.question` in content/ui/<locale>.json).
     */
    question: z.string().min(20).max(240).optional(),
    /**
     * Close the chapter's comment thread (issue 15, moderation): `true` at once, or a date (`2027-01-31`,
     * or a time with its offset) from which it is closed. The widget then shows the existing comments and
     * says the thread is closed; the comment server (reading data-closed-from from the build) refuses new ones.
     */
    comments_closed: z.union([z.literal(true), z.coerce.date()]).optional(),
});
const chapters = defineCollection({ loader: glob({ pattern: '*.mdx', base: './content/chapters' }), schema: chapterSchema });

/**
 * A file or folder of another edition's copy that may not exist yet: no entries
 * until it does (the edition builds only the pages whose copy exists; src/lib/i18n/content.ts).
 */
const empty: Loader = { name: 'chancay-not-yet', load: async ({ store }) => store.clear() };

/**
 * Spanish chapters (content/chapters/es/<same file name>.mdx): the same front matter,
 * translated, with the same slug and order as the English file (checked in src/lib/i18n/content.ts).
 */
const chaptersEs = defineCollection({
  loader: existsSync('content/chapters/es') ? glob({ pattern: '*.mdx', base: './content/chapters/es' }) : empty,
  schema: chapterSchema,
});

const figures = defineCollection({
  loader: file('content/figures.yaml'),
  schema: z.object({
    /** Chapter slug the figure belongs to. */
    chapter: z.string(),
    /** Which graphic draws it: a folder name under src/viz/ (one with a render.ts). */
    viz: z.string().refine((v) => graphics.includes(v), {
      error: (i) => `unknown graphic "${String(i.input)}": no src/viz/${String(i.input)}/render.ts (graphics: ${graphics.join(', ')})`,
    }),
    /** Visible title of the figure. */
    title: z.string().min(3),
    /** Short text alternative: what the picture shows, in one or two sentences. */
    alt: z.string().min(20),
    /** Longer description for screen-reader users and the no-JS page. */
    description: z.string().min(20),
    /** Source line printed under the figure. */
    source: z.string().min(3),
    /**
     * Ids from content/data/sources.csv (";"-separated) of documents behind the figure that are not already
     * named by the data files its graphic declares (src/viz/<name>/schema.ts): e.g. coordinates, or figures
     * quoted in its copy. The Sources page lists both with their links. Unknown ids fail the build.
     */
    sources: z.string().optional(),
    /** Optional methodological note printed under the figure (estimates say so here). */
    note: z.string().optional(),
    /** Heavy graphic (WebGL): on a page that opens on it (an embed), it starts when the reader asks. */
    heavy: z.boolean().default(false),
    /** Per-figure labels used by the graphic (all copy lives in content). */
    labels: z.record(z.string(), z.string()).default({}),
  }),
});

/**
 * Every content/figures.<locale>*.yaml file (translators may split the copy, e.g. figures.es.a.yaml and
 * figures.es.b.yaml) as one collection, each through Astro's file() loader; an id in two files fails the build naming both.
 */
function figuresCopyLoader(locale: string): Loader {
  const files = existsSync('content')
    ? readdirSync('content').filter((f) => f.startsWith(`figures.${locale}.`) && /\.ya?ml$/.test(f)).sort().map((f) => `content/${f}`)
    : [];
  if (!files.length) return empty;
  return {
    name: `chancay-figures-${locale}`,
    load: async (ctx) => {
      ctx.store.clear();
      const from = new Map<string, string>();
      for (const f of files) {
        const store = new Proxy(ctx.store, {
          get(target, prop, receiver) {
            if (prop === 'clear') return () => {};
            if (prop === 'set')
              return (entry: { id: string }) => {
                if (from.has(entry.id)) throw new Error(`${f}: figure "${entry.id}" is also in ${from.get(entry.id)}`);
                from.set(entry.id, f);
                return target.set(entry as Parameters<typeof target.set>[0]);
              };
            return Reflect.get(target, prop, receiver);
          },
        });
        await file(f).load({ ...ctx, store });
      }
    },
  };
}

/**
 * Spanish copy of each figure (content/figures.es*.yaml): the copy fields of content/figures.yaml,
 * translated; everything else (viz, chapter, sources, heavy) comes from the English entry.
 * Every English figure and label must be there (src/lib/i18n/content.ts fails the build naming the key).
 */
const figuresEs = defineCollection({
  loader: figuresCopyLoader('es'),
  schema: z
    .looseObject({
      title: z.string().min(3),
      alt: z.string().min(20),
      description: z.string().min(20),
      source: z.string().min(3),
      note: z.string().optional(),
      labels: z.record(z.string(), z.string()).default({}),
    })
    .superRefine((v, ctx) => {
      const copy = ['id', 'title', 'alt', 'description', 'source', 'note', 'labels'];
      for (const k of Object.keys(v)) {
        if (!copy.includes(k)) ctx.addIssue({ code: 'custom', path: [k], message: `"${k}" is not copy: it comes from content/figures.yaml (a translation holds ${copy.slice(1).join(', ')})` });
      }
    }),
});

const sources = defineCollection({
  loader: csvLoader(
    'content/data/sources.csv',
    z
      .object({
        /** Short id referenced from every data file's `source` column, MDX `sources="a;b"` props and `/sources/#src-<id>` links. */
        id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lowercase letters, digits and hyphens'),
        /** Who published it (outlet, agency, company, government body), as the reader would look it up; its description is translated (content/data/es/sources.csv `publisher`: "Wikipedia (en inglés)"), the name kept. */
        publisher: text(),
        /** The document's real headline or title, as published (in its own language), not a description of what we took from it. */
        title: text(),
        /**
         * Blank when `title` is the document's own; `description` when it is wholly or partly our words (no headline
         * was recorded, or we added a gloss in brackets): those rows' title is given in each edition's language
         * (content/data/es/sources.csv `title`), and a Spanish row without it fails the build. Headlines are never translated.
         */
        title_kind: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(['description'], { error: 'title_kind must be blank (a headline) or "description"' }).optional()),
        /** The specific article or document (never a homepage or section index; test/build/sources.test.ts checks). Blank only with a url_note. */
        url: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
        /** Publication date, ISO (YYYY-MM-DD), or as precise as known (YYYY-MM, YYYY); shown in words in each edition ("7 June 2026", "7 de junio de 2026"). */
        date: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'date must be YYYY, YYYY-MM or YYYY-MM-DD').optional()),
        /**
         * Why the link is missing or is not the publisher's own page: print only, a PDF not online, a
         * statement reported elsewhere (and where), our own calculation, a copy on another site. Required when url is blank.
         */
        url_note: optText(),
        /** What we took from the source, or a caveat about it. */
        note: optText(),
      })
      .refine((s) => s.url !== '' || (s.url_note ?? '').trim() !== '', {
        message: 'a source without a url must say why in url_note',
        path: ['url_note'],
      }),
  ),
});

const facts = defineCollection({
  loader: csvLoader(
    'content/data/facts.csv',
    z.object({
      /** Id used in prose: <V id="…" />. */
      id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lowercase letters, digits and hyphens'),
      /**
       * What the figure is, in a reader's words (2-7 words, sentence case, unique): it heads the figure's row in the
       * Sources page's table, where the id (#fact-<id>) stays the row's anchor. Required in every edition: each
       * content/data/<locale>/facts.csv gives it in its language (src/lib/i18n/data-text.ts fails on a blank one).
       */
      label: text(),
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

const pageSchema = z.object({
  title: z.string(),
  description: z.string().min(40).max(160),
  kicker: z.string().optional(),
  dek: z.string().optional(),
});
/** Non-chapter prose: the cover summary and the methods text. */
const pages = defineCollection({ loader: glob({ pattern: '*.mdx', base: './content/pages' }), schema: pageSchema });
/** The same in Spanish (content/pages/es/). */
const pagesEs = defineCollection({
  loader: existsSync('content/pages/es') ? glob({ pattern: '*.mdx', base: './content/pages/es' }) : empty,
  schema: pageSchema,
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
      /**
       * Blank, or the id of a later entry that corrected part of what this one says. A log is a history:
       * an entry is never rewritten, it is marked so, with a link to the entry that supersedes it.
       */
      superseded_by: optText(),
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

const site = { corrections, glossary, pages, pagesEs, chapters, chaptersEs, figures, figuresEs, sources, facts };

/** Every graphic's data collections, from src/viz/<name>/schema.ts. */
const viz = mergeCollections(
  import.meta.glob<{ collections?: DataCollections }>('./viz/*/schema.ts', { eager: true }),
  Object.keys(site),
);

export const collections = {
  ...site,
  ...Object.fromEntries(Object.entries(viz).map(([name, def]) => [name, defineCollection(def)])),
};
