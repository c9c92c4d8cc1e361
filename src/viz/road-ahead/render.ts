/** Browser side of the road-ahead timeline: a static picture, re-laid out on resize. */
import type { Mount } from '../types';
import type { RoadData } from './prep';
import { layout } from './geometry';
import { markup } from './markup';
import { mountStaticSvg } from '../static-svg';

export const mount: Mount<RoadData> = (el, data, ctx) =>
  mountStaticSvg('road-ahead', el, (width) => {
    const l = layout(data, ctx.labels, width);
    return { width: l.width, height: l.height, svg: markup(l) };
  });
