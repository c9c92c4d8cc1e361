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
  /**
   * Which panel (and scale) the bar sits in: like with like. pledges = goals announced, not money spent;
   * lending = money lent by a lender to a region; projects = single projects' cost or loans.
   */
  panel: z.enum(['pledges', 'lending', 'projects']),
  /** Rows sharing a stack id are drawn as one stacked bar. */
  stack: optText(),
  source: sourceIds(),
  confidence: confidence(),
  note: optText(),
});

/** content/data/project-timelines.csv: dated events of real projects, from announcement to operation. */
export const projectTimelinesSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Short key shared by a project's rows; the figure's row title is the label `title_<project_id>` in figures.yaml. */
  project_id: z.string().regex(/^[a-z0-9-]+$/),
  project: text(),
  event: text(),
  /** ISO date; only as precise as `precision` says. */
  date: isoDate(),
  precision: precision(),
  /**
   * announce, build, operate or finance (money for an upgrade of a line already running).
   * From the first event to the operate row is drawn as a thick line; from operation to "today" as a thin one;
   * a project without an operate row is drawn as ongoing (dashed) to today.
   */
  stage: z.enum(['announce', 'build', 'operate', 'finance']),
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
