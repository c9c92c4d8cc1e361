/** Row schema of content/data/funding-models.csv and its collection. */
import { z } from 'astro/zod';
import { csvLoader, type DataCollections, text, sourceIds, confidence } from '../../lib/data-loader';

/** content/data/funding-models.csv: the article's comparison of the two funding models. */
export const fundingModelsSchema = z.object({
  /** Row id; also keys the schematic's shape and its figures.yaml labels. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Row heading, as in the article's table. */
  feature: text(),
  /** What the article says of the Chinese model. */
  china: text(),
  /** What the article says of the US model. */
  us: text(),
  /** Source ids from content/data/sources.csv, separated by ";". */
  source: sourceIds(),
  /** H, M or L: how firmly sources support the row's characterisation. */
  confidence: confidence(),
});

/** The data file this graphic reads, as a content collection. */
export const collections = {
  fundingModels: { loader: csvLoader('content/data/funding-models.csv', fundingModelsSchema) },
} satisfies DataCollections;
