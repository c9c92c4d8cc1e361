/** Browser side of the money-to-scale bars and project timelines: one picture, re-laid out on resize. */
import type { Mount } from '../../lib/viz/types';
import { mountStatic } from '../../lib/viz/mount';
import type { TimelinesData } from './prep';
import { stillParts } from './markup';

export const mount: Mount<TimelinesData> = (el, data, ctx) => mountStatic(el, 'project-timelines', (width) => stillParts(data, ctx.labels, -1, width));
