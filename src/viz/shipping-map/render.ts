/**
 * Browser side of the shipping map. The map itself is the build-time SVG: this
 * module only switches step states (classes and dash offsets), redraws the
 * days chart for the container width and the reader's speed, and wires the
 * speed slider. No geography is loaded here.
 */
import type { Mount } from '../types';
import { drawnFraction, routeDays, stateAt, type ShippingData } from './prep';
import { chartLayout } from './geometry';
import { chartMarkup, fmtDays, fmtSpeed } from './markup';
import { prefersReducedMotion } from '../../lib/motion';

export const mount: Mount<ShippingData> = (el, data, ctx) => {
  const map = el.querySelector<SVGSVGElement>('.sm-pane--map svg');
  const chartSvg = el.querySelector<SVGSVGElement>('svg.sm-chart');
  const control = el.querySelector<HTMLElement>('.sm-speed');
  const input = control?.querySelector<HTMLInputElement>('input[type=range]');
  if (!map || !chartSvg || !control || !input) throw new Error('[shipping-map] the build-time markup is incomplete');
  const routes = [...map.querySelectorAll<SVGPathElement>('.sm-route')];
  const labels = ctx.labels;
  let step = -1;
  let progress = 0;
  let speed = data.speed.value;
  let width = 0;
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

  const draw = () => {
    const s = stateAt(data, step);
    const reduced = prefersReducedMotion();
    el.dataset.pane = s.pane;
    el.dataset.note = s.note;
    el.dataset.countries = String(s.countries);
    el.dataset.step = String(Math.max(step, 0));
    for (const path of routes) {
      const id = path.dataset.id ?? '';
      const f = drawnFraction(data, id, step, progress, reduced);
      // pathLength=1 with a 1 1 dash: offset 1 hides the route, 0 shows it whole.
      path.style.strokeDashoffset = String(1 - f);
      // A class, not an inline `visibility: visible`, which would show through the hidden map pane.
      path.classList.toggle('is-undrawn', f === 0);
      path.classList.toggle('is-dim', f > 0 && !s.highlight.includes(id));
    }
  };

  const drawSpeed = () => {
    el.querySelectorAll<HTMLElement>('[data-speed]').forEach((n) => (n.textContent = fmtSpeed(speed)));
    el.querySelectorAll<HTMLElement>('[data-days]').forEach((n) => {
      const r = data.routes.find((x) => x.id === n.dataset.days);
      if (r) n.textContent = fmtDays(routeDays(r, speed));
    });
    const l = chartLayout(data, width || chartSvg.viewBox.baseVal.width, speed, labels['reportedPrefix']);
    el.querySelectorAll<HTMLElement>('[data-saved]').forEach((n) => (n.textContent = fmtDays(l.saved)));
    chartSvg.setAttribute('viewBox', `0 0 ${l.width} ${l.height}`);
    chartSvg.setAttribute('width', String(l.width));
    chartSvg.setAttribute('height', String(l.height));
    chartSvg.innerHTML = chartMarkup(l, labels);
  };

  const onInput = () => {
    const v = Number(input.value);
    if (Number.isFinite(v) && v !== speed) {
      speed = v;
      drawSpeed();
    }
  };
  const onMotion = () => draw();
  input.addEventListener('input', onInput);
  media?.addEventListener('change', onMotion);
  control.hidden = false;

  return {
    update(i, p) {
      step = i;
      progress = p;
      draw();
    },
    resize(w) {
      const next = Math.round(w);
      if (next === width) return;
      width = next;
      drawSpeed();
    },
    destroy() {
      input.removeEventListener('input', onInput);
      media?.removeEventListener('change', onMotion);
      control.hidden = true;
      el.dataset.pane = 'all';
      el.dataset.countries = 'true';
      delete el.dataset.note;
      delete el.dataset.step;
      for (const path of routes) {
        path.style.removeProperty('stroke-dashoffset');
        path.classList.remove('is-dim', 'is-undrawn');
      }
    },
  };
};
