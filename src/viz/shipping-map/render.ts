/**
 * Browser side of the shipping map. The map itself is the build-time SVG: this
 * module only switches step states (classes and dash offsets), redraws the
 * days chart for the container width and the reader's speed, and wires the
 * speed slider. No geography is loaded here.
 */
import type { Mount } from '../../lib/viz/types';
import { mountSvg, setAttr, setText } from '../../lib/viz/mount';
import { drawnFraction, routeDays, stateAt, type ShippingData } from './prep';
import { chartMarkup, daysChart, fmtDays, fmtSpeed } from './markup';
import { prefersReducedMotion } from '../../lib/motion';

export const mount: Mount<ShippingData> = (el, data, ctx) => {
  // Two maps (wide and phone, switched by CSS) carry the same routes: a step restyles both.
  const map = el.querySelector<SVGSVGElement>('.sm-pane--map svg');
  const control = el.querySelector<HTMLElement>('.sm-speed');
  const input = control?.querySelector<HTMLInputElement>('input[type=range]');
  if (!map || !control || !input) throw new Error('[shipping-map] the build-time markup is incomplete');
  const routes = [...el.querySelectorAll<SVGPathElement>('.sm-pane--map svg .sm-route')];
  const mapPane = el.querySelector<HTMLElement>('.sm-pane--map');
  const chartPane = el.querySelector<HTMLElement>('.sm-pane--chart');
  const behind = (pane: HTMLElement | null, yes: boolean) => {
    if (!pane || pane.hasAttribute('aria-hidden') === yes) return;
    if (yes) pane.setAttribute('aria-hidden', 'true');
    else pane.removeAttribute('aria-hidden');
  };
  const chart = el.querySelector<SVGSVGElement>('svg.sm-chart');
  if (!chart) throw new Error('[shipping-map] the build-time days chart is missing');
  /**
   * The room the page gives the days chart: on the phone stage (shipping-map.css sets
   * --sm-chart-fills) the chart is a flex item that takes the height its title, slider and
   * sentence leave, and the layout spreads its rows to fill it; elsewhere 0 (natural height).
   */
  const chartRoom = (stage: number) =>
    stage > 0 && getComputedStyle(el).getPropertyValue('--sm-chart-fills').trim() === '1' ? Math.floor(chart.getBoundingClientRect().height) : 0;
  const labels = ctx.labels;
  let speed = data.speed.value;
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;

  // The map is the build-time SVG: a step only changes classes and dash offsets on it.
  // The days chart is redrawn for the width and the reader's speed.
  const handle = mountSvg(
    el,
    {
      name: 'shipping-map',
      usesProgress: true,
      // The canvas's height (the stage's) changes the room the chart has on a phone.
      usesHeight: true,
      draw(_step, _progress, width, height) {
        // Text written only where it changes: the same text written again replaces the text node, and
        // chartRoom() below then forces the page's layout in the figure's first frame (26 ms at CPU x9
        // on the phone profile when the graphic mounts at the speed the page was built with).
        el.querySelectorAll<HTMLElement>('[data-speed]').forEach((n) => setText(n, fmtSpeed(speed)));
        el.querySelectorAll<HTMLElement>('[data-days]').forEach((n) => {
          const r = data.routes.find((x) => x.id === n.dataset.days);
          if (r) setText(n, fmtDays(routeDays(r, speed)));
        });
        // The sentence first: its length at this speed changes the room the chart has.
        const saved = daysChart(data, labels, width, speed).saved;
        el.querySelectorAll<HTMLElement>('[data-saved]').forEach((n) => setText(n, fmtDays(saved)));
        const l = daysChart(data, labels, width, speed, chartRoom(height));
        return { width: l.width, height: l.height, svg: chartMarkup(l, labels) };
      },
      restyle(_svg, step, progress) {
        const s = stateAt(data, step);
        const reduced = prefersReducedMotion();
        // Only what changed is written: this runs in every scrolled frame, and writing an attribute
        // that shipping-map.css selects on (data-pane, data-note, data-countries), even to the value
        // it has, restyles every pane, note and country under it (issue 12).
        setAttr(el, 'data-pane', s.pane);
        // The pane behind is only see-through (shipping-map.css): not read out, and the speed slider
        // in the chart pane out of reach of focus while the map is in front. Not `inert` on the
        // pane: inertness is inherited, and toggling it restyled the pane's ~100 nodes (20 ms at
        // CPU x10 on the phone profile); aria-hidden restyles nothing, and only the slider's few
        // nodes are made inert.
        behind(mapPane, s.pane === 'chart');
        behind(chartPane, s.pane === 'map');
        if (control.inert !== (s.pane === 'map')) control.inert = s.pane === 'map';
        setAttr(el, 'data-note', s.note);
        setAttr(el, 'data-countries', String(s.countries));
        setAttr(el, 'data-step', String(Math.max(step, 0)));
        for (const path of routes) {
          const id = path.dataset.id ?? '';
          const f = drawnFraction(data, id, step, progress, reduced);
          // pathLength=1 with a 1 1 dash: offset 1 hides the route, 0 shows it whole.
          path.style.strokeDashoffset = String(1 - f);
          // A class, not an inline `visibility: visible`, which would show through the hidden map pane.
          path.classList.toggle('is-undrawn', f === 0);
          path.classList.toggle('is-dim', f > 0 && !s.highlight.includes(id));
        }
      },
      destroy() {
        input.removeEventListener('input', onInput);
        media?.removeEventListener('change', onMotion);
        control.hidden = true;
        el.dataset.pane = 'all';
        behind(mapPane, false);
        behind(chartPane, false);
        control.inert = false;
        el.dataset.countries = 'true';
        delete el.dataset.note;
        delete el.dataset.step;
        for (const path of routes) {
          path.style.removeProperty('stroke-dashoffset');
          path.classList.remove('is-dim', 'is-undrawn');
        }
      },
    },
    'svg.sm-chart',
  );

  const onInput = () => {
    const v = Number(input.value);
    if (Number.isFinite(v) && v !== speed) {
      speed = v;
      handle.redraw();
    }
  };
  const onMotion = () => handle.redraw();
  input.addEventListener('input', onInput);
  media?.addEventListener('change', onMotion);
  control.hidden = false;
  return handle;
};
