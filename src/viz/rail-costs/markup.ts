/** SVG markup for the rail-costs chart: used for the build-time SVG and on resize. Pure. */
import { esc, r1 } from '../../lib/svg';
import { label } from '../../lib/viz/labels';
import type { Still } from '../../lib/viz/types';
import { layout, type RailCostsLayout } from './geometry';
import { stateAt, type RailCostsData } from './prep';

export function markup(l: RailCostsLayout, show: string[], highlight: string[], axisLabel: string): string {
  const ticks = l.ticks
    .map(
      (t) =>
        `<g class="tick" transform="translate(${r1(t.x)},0)"><line y1="32" y2="${l.height}"/><text y="26" text-anchor="middle">${esc(t.label)}</text></g>`,
    )
    .join('');
  const bars = l.bars
    .map((b) => {
      const cls = ['bar', b.claimed ? 'is-claimed' : '', show.includes(b.id) ? 'is-shown' : '', highlight.includes(b.id) ? 'is-highlight' : '']
        .filter(Boolean)
        .join(' ');
      return `<g class="${cls}" data-id="${esc(b.id)}" transform="translate(${l.margin.left},${r1(b.y)})">
<text class="bar__label" y="12">${esc(b.label)}</text>
<rect class="bar__rect" y="18" width="${r1(b.width)}" height="${l.barHeight}" rx="2"/>
<text class="bar__value" x="${r1(b.width + 6)}" y="${18 + l.barHeight - 3}">${esc(b.valueLabel)}</text></g>`;
    })
    .join('');
  return `<defs><pattern id="rc-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>
<text class="axis-label" x="${l.margin.left}" y="10">${esc(axisLabel)}</text>${ticks}${bars}`;
}

/** The chart at `step` (-1 = before the first) for `width`: the build-time SVG, per-step stills, resizes. Pure. */
export function still(data: RailCostsData, labels: Record<string, string>, step: number, width: number): Still {
  const l = layout(data.bars, width);
  const s = stateAt(data, step);
  return { width: l.width, height: l.height, svg: markup(l, s.show, s.highlight, label(labels, 'axis', 'rail-costs')) };
}
