/** Row schemas of funding-flows.csv and project-timelines.csv (used by content.config.ts and the unit tests). */
import { z } from 'astro/zod';
import { csvLoader, type DataCollections, num, optNum, text, optText, sourceIds, confidence } from '../../lib/data-loader';

const isoDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD (use -01 for unknown month/day and set precision)');
const precision = () => z.enum(['day', 'month', 'year'], { error: 'precision must be day, month or year' });

/** content/data/funding-flows.csv: lending, pledges and project finance in US$ bn. */
export const fundingFlowsSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Bar label as shown on the chart. */
  label: text(),
  /** Amount in US$ billions (the lower end of a reported range). */
  value_usd_bn: num().pipe(z.number().positive().max(1000, 'amount in US$ billions looks too large')),
  /** Upper end of a reported range, blank if a single figure. */
  high_usd_bn: optNum(),
  /** lending = money lent; pledge = a goal, not money spent; loan = one signed loan; project = a project's cost. */
  kind: z.enum(['lending', 'pledge', 'loan', 'project']),
  /** Which panel (scale) the bar sits in: totals or projects. */
  panel: z.enum(['totals', 'projects']),
  /** Rows sharing a stack id are drawn as one stacked bar. */
  stack: optText(),
  source: sourceIds(),
  confidence: confidence(),
  note: optText(),
});

/** content/data/project-timelines.csv: dated events of real projects, from announcement to operation. */
export const projectTimelinesSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  project: text(),
  event: text(),
  /** ISO date; only as precise as `precision` says. */
  date: isoDate(),
  precision: precision(),
  /** announce, build or operate: a project without an operate row is drawn as ongoing. */
  stage: z.enum(['announce', 'build', 'operate']),
  source: sourceIds(),
  confidence: confidence(),
  note: optText(),
});

/** The data files this graphic reads, as content collections. */
export const collections = {
  /** Money to scale (content/data/funding-flows.csv). */
  fundingFlows: { loader: csvLoader('content/data/funding-flows.csv', fundingFlowsSchema) },
  /** Dated events of real projects (content/data/project-timelines.csv). */
  projectTimelines: { loader: csvLoader('content/data/project-timelines.csv', projectTimelinesSchema) },
} satisfies DataCollections;
