/** Browser side of the money-to-scale and project timelines: a static picture, re-laid out on resize. */
import type { Mount } from '../types';
import type { TimelinesData } from './prep';
import { layout } from './geometry';
import { markup } from './markup';
import { mountStaticSvg } from '../static-svg';

export const mount: Mount<TimelinesData> = (el, data, ctx) =>
  mountStaticSvg('project-timelines', el, (width) => {
    const l = layout(data, ctx.labels, width);
    return { width: l.width, height: l.height, svg: markup(l) };
  });
