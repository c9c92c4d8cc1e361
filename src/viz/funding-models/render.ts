/** Browser side of the funding-models schematic: lights a row per step, re-lays out on resize. */
import type { Mount } from '../types';
import type { FundingData } from './prep';
import { activeRow } from './prep';
import { layout } from './geometry';
import { markup } from './markup';

export const mount: Mount<FundingData> = (el, data, ctx) => {
  const svg = el.querySelector('svg');
  if (!svg) throw new Error('[funding-models] the build-time <svg> is missing');
  let step = -1;
  const apply = () => {
    const id = activeRow(data, step);
    svg.querySelectorAll<SVGGElement>('.fm-row').forEach((g) => {
      const lit = g.dataset.row === id;
      g.classList.toggle('is-lit', lit);
      g.classList.toggle('is-dim', !lit);
    });
    el.dataset.activeRow = id ?? '';
  };
  apply();
  return {
    update(i) {
      if (i === step) return;
      step = i;
      apply();
    },
    resize(width) {
      const l = layout(data, ctx.labels, Math.round(width));
      svg.setAttribute('viewBox', `0 0 ${l.width} ${l.height}`);
      svg.setAttribute('width', String(l.width));
      svg.setAttribute('height', String(l.height));
      svg.innerHTML = markup(l, activeRow(data, step));
    },
    destroy() {
      delete el.dataset.activeRow;
    },
  };
};
