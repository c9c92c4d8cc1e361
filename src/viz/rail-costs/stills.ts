/** Each step's picture for the plain article (src/lib/viz/stills.ts). */
import type { StepStills } from '../../lib/viz/stills';
import { rowsOf } from '../../lib/rows';
import { railProjectsSchema } from './schema';
import { prep } from './prep';
import { layout } from './geometry';
import { pictureAt } from './markup';

export const stills: StepStills = async (labels, count, width, height = 0) => {
  const data = prep(await rowsOf('railProjects', railProjectsSchema));
  // One layout for the width (its label placement is most of a still's cost), then each step's marks on it;
  // with a height (a short screen's still), rows closer together where the chart is taller than it (geometry.ts `layout`).
  const l = layout(data.bars, width, labels, data.brackets, height);
  return Array.from({ length: count }, (_, k) => ({ ...pictureAt(data, labels, l, k), scope: 'rail-costs' }));
};
