/**
 * Browser side of the elevation profile: draws when the layout changes (size,
 * or a step that adds the southern line or the steepest stretch), restyles
 * the drawn SVG on other step changes, and moves the train with progress.
 */
import type { Mount } from '../../lib/viz/types';
import { mountSvg, setAttr, setText } from '../../lib/viz/mount';
import { markerAt, stepAt, type ClimbData } from './prep';
import type { ProfileLayout } from './geometry';
import { bandLabel, layoutKey, pictureParts, readout, trainTransform } from './markup';

const SVG_NS = 'http://www.w3.org/2000/svg';

export const mount: Mount<ClimbData> = (el, data, ctx) => {
  // The last full drawing's layout: a step with the same layout key, or progress inside a step, only restyles it.
  let l: ProfileLayout | null = null;
  const handle = mountSvg(el, {
    name: 'climb-profile',
    usesProgress: true,
    layoutByStep: (step) => layoutKey(data, step),
    // On a phone the stage is most of the screen's height: the profile fills it instead of a width-bound strip.
    usesHeight: true,
    // Pure: the drawing may be made ahead of its step (mount.ts `prepare`); what restyle needs
    // of it is taken when it goes on screen.
    *draw(step, progress, width, height) {
      const p = yield* pictureParts(data, ctx.labels, step, progress, width, height);
      return { ...p.still, layout: p.layout, km: p.state.km };
    },
    committed(still) {
      l = still.layout;
      handle.svg.dataset.km = still.km.toFixed(1);
    },
    restyle(svg, step, progress) {
      if (!l) return;
      // What markup() draws differently for another step of the same layout.
      const def = stepAt(data, step);
      svg.querySelectorAll(':scope > .climb__band').forEach((g, i) => g.classList.toggle('is-active', step >= 0 && l!.bands[i]?.key === def.band));
      svg.querySelectorAll(':scope > .climb__zigzag').forEach((z) => z.classList.toggle('is-emphasis', def.zigzags));
      svg.querySelector(':scope > .climb__summit')?.classList.toggle('is-emphasis', def.summit);
      const bl = bandLabel(l, { index: step, step: def }, ctx.labels);
      let text = svg.querySelector<SVGTextElement>(':scope > .climb__band-label');
      if (!bl) text?.remove();
      else {
        if (!text) {
          text = document.createElementNS(SVG_NS, 'text');
          text.setAttribute('class', 'climb__band-label');
          // Where markup() puts it: before the profiles.
          svg.insertBefore(text, svg.querySelector(':scope > .climb__area'));
        }
        setAttr(text, 'x', String(bl.x));
        setAttr(text, 'y', String(bl.y));
        setAttr(text, 'text-anchor', 'middle');
        setText(text, bl.text);
      }
      // The train(s), the travelled stretch and the readout.
      const m = markerAt(data, step, progress);
      const t = trainTransform(l, data, m);
      const trains = svg.querySelectorAll<SVGGElement>('.climb__train');
      if (trains[0]) setAttr(trains[0], 'transform', t.central);
      if (t.southern && trains[1]) setAttr(trains[1], 'transform', t.southern);
      const travelled = svg.querySelector('.climb__line--travelled');
      if (travelled) setAttr(travelled, 'd', t.travelled);
      const r = svg.querySelector('.climb__readout');
      if (r) setText(r, readout(data, ctx.labels, m.km));
      svg.dataset.km = m.km.toFixed(1);
    },
  });
  return handle;
};
