/** Browser side of the rail-costs chart: toggles the step's classes (so bars fade), re-lays out on resize. */
import type { Mount } from '../../lib/viz/types';
import { mountSvg } from '../../lib/viz/mount';
import { stateAt, type RailCostsData } from './prep';
import { stillParts } from './markup';

export const mount: Mount<RailCostsData> = (el, data, ctx) =>
  mountSvg(el, {
    name: 'rail-costs',
    draw: (step, _progress, width) => stillParts(data, ctx.labels, step, width),
    restyle(svg, step) {
      const s = stateAt(data, step);
      svg.querySelectorAll<SVGGElement>('.bar').forEach((g) => {
        const id = g.dataset.id ?? '';
        g.classList.toggle('is-shown', s.show.includes(id));
        g.classList.toggle('is-highlight', s.highlight.includes(id));
      });
      svg.querySelectorAll<SVGGElement>('.bracket').forEach((g) => g.classList.toggle('is-shown', s.brackets.includes(g.dataset.id ?? '')));
    },
  });
