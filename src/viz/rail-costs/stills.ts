/** Each step's picture for the plain article (src/lib/viz/stills.ts). */
import type { StepStills } from '../../lib/viz/stills';
import { rowsOf } from '../../lib/rows';
import { railProjectsSchema } from './schema';
import { prep } from './prep';
import { layout } from './geometry';
import { pictureAt } from './markup';

export const stills: StepStills = async (labels, count, width) => {
  const data = prep(await rowsOf('railProjects', railProjectsSchema));
  // One layout for the width (its label placement is most of a still's cost), then each step's marks on it.
  const l = layout(data.bars, width, labels, data.brackets);
  return Array.from({ length: count }, (_, k) => ({ ...pictureAt(data, labels, l, k), scope: 'rail-costs' }));
};
