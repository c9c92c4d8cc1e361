/** Browser side of the debt-and-finance charts: a static picture, re-laid out on resize. */
import type { Mount } from '../types';
import type { DebtData } from './prep';
import { layout } from './geometry';
import { markup } from './markup';

export const mount: Mount<DebtData> = (el, data, ctx) => {
  const svg = el.querySelector('svg');
  if (!svg) throw new Error('[debt-and-finance] the build-time <svg> is missing');
  return {
    update() {
      // One state: the picture does not change with scrolling.
    },
    resize(width) {
      const l = layout(data, ctx.labels, Math.round(width));
      svg.setAttribute('viewBox', `0 0 ${l.width} ${l.height}`);
      svg.setAttribute('width', String(l.width));
      svg.setAttribute('height', String(l.height));
      svg.innerHTML = markup(l);
    },
    destroy() {
      // Nothing global was touched.
    },
  };
};
