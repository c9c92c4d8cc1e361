/** Row schema of milestones.csv (used by content.config.ts and the unit tests). */
import { z } from 'astro/zod';
import { csvLoader, type DataCollections, text, optText, sourceIds, confidence } from '../../lib/data-loader';

const isoDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD (use -01 for unknown month/day and set precision)');
const precision = () => z.enum(['day', 'month', 'year'], { error: 'precision must be day, month or year' });

/** content/data/milestones.csv: dated milestones, past and planned. */
export const milestonesSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  date: isoDate(),
  precision: precision(),
  label: text(),
  /** past, apec (a summit) or future (a target date, not a fact). */
  kind: z.enum(['past', 'apec', 'future']),
  source: sourceIds(),
  confidence: confidence(),
  note: optText(),
});

/** The data file this graphic reads, as a content collection. */
export const collections = {
  /** The road ahead (content/data/milestones.csv). */
  milestones: { loader: csvLoader('content/data/milestones.csv', milestonesSchema) },
} satisfies DataCollections;
