/** Each step's picture for the plain article (src/lib/viz/stills.ts). */
import type { StepStills } from '../../lib/viz/stills';
import { rowsOf } from '../../lib/rows';
import { centralRailwaySchema, southernRailwaySchema } from './schema';
import { prep } from './prep';
import { still } from './markup';

export const stills: StepStills = async (labels, count, width) => {
  const data = prep(await rowsOf('centralRailway', centralRailwaySchema), await rowsOf('southernRailway', southernRailwaySchema));
  return Array.from({ length: count }, (_, k) => ({ ...still(data, labels, k, width), scope: 'climb-profile' }));
};
