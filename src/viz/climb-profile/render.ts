/** Browser side of the elevation profile: redraws on step change and resize, moves the train with progress. */
import type { Mount } from '../../lib/viz/types';
import { mountSvg } from '../../lib/viz/mount';
import { markerAt, type ClimbData } from './prep';
import type { ProfileLayout } from './geometry';
import { picture, readout, trainTransform } from './markup';

export const mount: Mount<ClimbData> = (el, data, ctx) => {
  const uid = el.dataset.uid ?? 'climb';
  // The last full drawing's layout: progress inside a step only moves the train along it.
  let l: ProfileLayout | null = null;
  const handle = mountSvg(el, {
    name: 'climb-profile',
    usesProgress: true,
    layoutByStep: true,
    // On a phone the stage is most of the screen's height: the profile fills it instead of a width-bound strip.
    usesHeight: true,
    draw(step, progress, width, height) {
      const p = picture(data, ctx.labels, step, progress, width, uid, height);
      l = p.layout;
      handle.svg.dataset.km = p.state.km.toFixed(1);
      return p.still;
    },
    restyle(svg, step, progress) {
      if (!l) return;
      const m = markerAt(data, step, progress);
      const t = trainTransform(l, data, m);
      const trains = svg.querySelectorAll<SVGGElement>('.climb__train');
      trains[0]?.setAttribute('transform', t.central);
      if (t.southern) trains[1]?.setAttribute('transform', t.southern);
      svg.querySelector('.climb__travel-clip')?.setAttribute('width', String(t.travelled));
      const r = svg.querySelector('.climb__readout');
      if (r) r.textContent = readout(data, ctx.labels, m.km);
      svg.dataset.km = m.km.toFixed(1);
    },
  });
  return handle;
};
