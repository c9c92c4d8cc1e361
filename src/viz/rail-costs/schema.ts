/** Row schema of content/data/rail-projects.csv and the collection that loads it. */
import { z } from 'astro/zod';
import { csvLoader, type DataCollections, num, optNum, text, optText, sourceIds, confidence } from '../../lib/data-loader';

/** content/data/rail-projects.csv: the article's claim, reported rail projects and their costs, and plans made of projects. */
export const railProjectsSchema = z.object({
  /** Stable id (lowercase, hyphens). */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /**
   * claim = the article's unverified figure (drawn hatched); project = a named line (a bar);
   * package = a plan made of listed projects (drawn as a bracket over their bars, never as a bar of its own).
   */
  kind: z.enum(['claim', 'project', 'package'], { error: 'kind must be claim, project or package' }),
  /** Project name as shown on the chart. */
  project: text(),
  /** Reported cost in US$ billions. */
  cost_usd_bn: num().pipe(z.number().positive().max(100, 'cost in US$ billions looks too large')),
  /** Route length in km, blank when not reported. */
  length_km: optNum(),
  /** Where the project stands (planned, under construction, …), as sources report it. */
  status: text(),
  /** What is reported about Chinese finance or building, in words ("claimed" for the article's figure). */
  chinese_backing: text(),
  /**
   * yes = a Chinese builder is reported for this line (the chart highlights it beside the claim); no otherwise.
   * A code, not copy: the highlight must not depend on the words of chinese_backing, which each edition translates.
   */
  chinese_builder: z.enum(['yes', 'no'], { error: 'chinese_builder must be yes or no' }),
  /** For a package: the ids of its projects, separated by ";" (blank otherwise). Checked in prep.ts. */
  members: optText(),
  /** Source ids from content/data/sources.csv, separated by ";". */
  source: sourceIds(),
  /** H, M or L (see content/data/README.md). */
  confidence: confidence(),
  /** Why a figure is what it is, when not obvious. */
  note: optText(),
});

/** The data file this graphic reads, as a content collection. */
export const collections = {
  railProjects: { loader: csvLoader('content/data/rail-projects.csv', railProjectsSchema) },
} satisfies DataCollections;
