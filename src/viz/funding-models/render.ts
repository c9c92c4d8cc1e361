/** Browser side of the funding-models schematic: lights a row per step, re-lays out on resize. */
import type { Mount } from '../../lib/viz/types';
import { mountSvg } from '../../lib/viz/mount';
import { activeRow, type FundingData } from './prep';
import { stillParts } from './markup';

export const mount: Mount<FundingData> = (el, data, ctx) =>
  mountSvg(el, {
    name: 'funding-models',
    // On a phone the stage is shorter than the roomy picture: a tighter layout fills it at full width, so the
    // words keep their size (geometry.ts, Density) instead of the whole drawing being scaled down.
    usesHeight: true,
    draw(step, _progress, width, height) {
      el.dataset.activeRow = activeRow(data, step) ?? '';
      return stillParts(data, ctx.labels, step, width, height);
    },
    restyle(svg, step) {
      const id = activeRow(data, step);
      svg.querySelectorAll<SVGGElement>('.fm-row').forEach((g) => {
        const lit = g.dataset.row === id;
        g.classList.toggle('is-lit', lit);
        g.classList.toggle('is-dim', !lit);
      });
      el.dataset.activeRow = id ?? '';
    },
    destroy() {
      delete el.dataset.activeRow;
    },
  });
