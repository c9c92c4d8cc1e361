/** Browser side of the rail-costs chart: re-lays out on resize, toggles states on update. */
import type { Mount } from '../types';
import type { RailCostsData } from './prep';
import { stateAt } from './prep';
import { layout } from './geometry';
import { markup } from './markup';

export const mount: Mount<RailCostsData> = (el, data, ctx) => {
  const svg = el.querySelector('svg');
  if (!svg) throw new Error('[rail-costs] the build-time <svg> is missing');
  let step = -1;
  const apply = () => {
    const s = stateAt(data, step);
    svg.querySelectorAll<SVGGElement>('.bar').forEach((g) => {
      const id = g.dataset.id ?? '';
      g.classList.toggle('is-shown', s.show.includes(id));
      g.classList.toggle('is-highlight', s.highlight.includes(id));
    });
  };
  return {
    update(i) {
      if (i === step) return;
      step = i;
      apply();
    },
    resize(width) {
      const l = layout(data.bars, Math.round(width));
      const s = stateAt(data, step);
      svg.setAttribute('viewBox', `0 0 ${l.width} ${l.height}`);
      svg.setAttribute('width', String(l.width));
      svg.setAttribute('height', String(l.height));
      svg.innerHTML = markup(l, s.show, s.highlight, ctx.labels['axis'] ?? '');
    },
    destroy() {
      // Nothing global was touched: no listeners, timers or observers of its own.
    },
  };
};
