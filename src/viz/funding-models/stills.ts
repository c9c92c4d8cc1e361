/** Each step's picture for the plain article (src/lib/viz/stills.ts). */
import type { StepStills } from '../../lib/viz/stills';
import { rowsOf } from '../../lib/rows';
import { fundingModelsSchema } from './schema';
import { prep } from './prep';
import { stillParts } from './markup';
import { whole } from '../../lib/viz/parts';

export const stills: StepStills = async (labels, count, width, height = 0) => {
  const data = prep(await rowsOf('fundingModels', fundingModelsSchema));
  // With a height (a short screen's still), the roomiest schematic that fits it (geometry.ts `layout`).
  return Array.from({ length: count }, (_, k) => ({ ...whole(stillParts(data, labels, k, width, height)), scope: 'funding-models' }));
};
