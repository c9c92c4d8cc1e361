/** Each step's picture for the plain article (src/lib/viz/stills.ts). */
import type { StepStills } from '../../lib/viz/stills';
import { rowsOf } from '../../lib/rows';
import { centralRailwaySchema, southernRailwaySchema } from './schema';
import { prep } from './prep';
import { picture } from './markup';

export const stills: StepStills = async (labels, count, width, height = 0) => {
  const data = prep(await rowsOf('centralRailway', centralRailwaySchema), await rowsOf('southernRailway', southernRailwaySchema));
  // The end of each step (markup.ts `still`), laid out to `height` when there is one (its floor is heightFor(width)).
  return Array.from({ length: count }, (_, k) => ({ ...picture(data, labels, k, 1, width, height).still, scope: 'climb-profile' }));
};
