/** Browser side of the debt-and-finance charts: a static picture, re-laid out on resize. */
import type { Mount } from '../types';
import type { DebtData } from './prep';
import { layout } from './geometry';
import { markup } from './markup';
import { mountStaticSvg } from '../static-svg';

export const mount: Mount<DebtData> = (el, data, ctx) =>
  mountStaticSvg('debt-and-finance', el, (width) => {
    const l = layout(data, ctx.labels, width);
    return { width: l.width, height: l.height, svg: markup(l) };
  });
