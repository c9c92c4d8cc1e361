/** Row schemas of debt.csv and concerns.csv (used by content.config.ts and the unit tests). */
import { z } from 'astro/zod';
import { csvLoader, type DataCollections, num, optNum, text, optText, sourceIds, confidence } from '../../lib/data-loader';

/** content/data/debt.csv: Peru's public debt, Chancay's owners and cost. */
export const debtSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: text(),
  value: num(),
  /** Upper end of a reported range, blank if a single figure. */
  high: optNum(),
  unit: z.enum(['pct_gdp', 'pct_equity', 'usd_bn']),
  source: sourceIds(),
  confidence: confidence(),
  note: optText(),
});

/** content/data/concerns.csv: the article's concerns and what sources report on each. */
export const concernsSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The concern as the article names it; rows with the same concern are grouped. */
  concern: text(),
  /** reported = a source reports it; unsupported = no source was found for the claim. */
  status: z.enum(['reported', 'unsupported']),
  finding: text(),
  source: sourceIds(),
  confidence: confidence(),
});

/** The data files this graphic reads, as content collections. */
export const collections = {
  /** Peru's public debt and Chancay's owners and cost (content/data/debt.csv). */
  debt: { loader: csvLoader('content/data/debt.csv', debtSchema) },
  /** The article's concerns and what sources report (content/data/concerns.csv). */
  concerns: { loader: csvLoader('content/data/concerns.csv', concernsSchema) },
} satisfies DataCollections;
