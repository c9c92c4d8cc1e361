/** Browser side of the elevation profile: redraws on step change and resize, moves the train with progress. */
import type { Mount } from '../types';
import type { ClimbData } from './prep';
import { markerAt, stepAt } from './prep';
import { layout, type ProfileLayout } from './geometry';
import { markup, readout, trainTransform } from './markup';

export const mount: Mount<ClimbData> = (el, data, ctx) => {
  const svg = el.querySelector('svg');
  if (!svg) throw new Error('[climb-profile] the build-time <svg> is missing');
  const uid = el.dataset.uid ?? 'climb';
  let width = Number(svg.getAttribute('width')) || 400;
  let index = -1;
  let progress = 0;
  let drawn = '';
  let l: ProfileLayout | null = null;

  const draw = () => {
    const step = stepAt(data, index);
    const m = markerAt(data, index, progress);
    const state = { index, step, km: m.km, southernKm: m.southernKm };
    const key = `${width}|${index}`;
    if (key !== drawn || !l) {
      // Step or size changed: lay out again (domain, labels and marks depend on the step).
      drawn = key;
      l = layout(data, width, { southern: step.southern, steep: step.steep, labels: ctx.labels });
      svg.setAttribute('viewBox', `0 0 ${l.width} ${l.height}`);
      svg.setAttribute('width', String(l.width));
      svg.setAttribute('height', String(l.height));
      svg.innerHTML = markup(l, data, state, ctx.labels, uid);
      svg.dataset.step = String(index);
    } else {
      // Progress only: move the train, extend the travelled line, update the readout.
      const t = trainTransform(l, data, state);
      const trains = svg.querySelectorAll<SVGGElement>('.climb__train');
      trains[0]?.setAttribute('transform', t.central);
      if (t.southern) trains[1]?.setAttribute('transform', t.southern);
      svg.querySelector('.climb__travel-clip')?.setAttribute('width', String(t.travelled));
      const r = svg.querySelector('.climb__readout');
      if (r) r.textContent = readout(data, ctx.labels, m.km);
    }
    svg.dataset.km = m.km.toFixed(1);
  };

  return {
    update(i, p) {
      if (i === index && Math.abs(p - progress) < 1e-4) return;
      index = i;
      progress = p;
      draw();
    },
    resize(w) {
      const next = Math.round(w);
      if (next === width && l) return;
      width = next;
      draw();
    },
    destroy() {
      // Nothing global was touched: no listeners, timers or observers of its own.
    },
  };
};
