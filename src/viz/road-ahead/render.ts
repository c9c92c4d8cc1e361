/** Browser side of the road-ahead timeline: one picture, re-laid out on resize. */
import type { Mount } from '../../lib/viz/types';
import { mountStatic } from '../../lib/viz/mount';
import type { RoadData } from './prep';
import { stillParts } from './markup';

export const mount: Mount<RoadData> = (el, data, ctx) => mountStatic(el, 'road-ahead', (width) => stillParts(data, ctx.labels, -1, width));
