/** Row schemas of debt.csv and concerns.csv (used by content.config.ts and the unit tests). */
import { z } from 'astro/zod';
import { num, optNum, text, optText, sourceIds, confidence } from '../../lib/data-loader';

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
