/** SVG markup for the rail-costs chart: used for the build-time SVG and on resize. Pure. */
import { esc, r1 } from '../../lib/svg';
import { whole } from '../../lib/viz/parts';
import { measureText } from '../../lib/text';
import { label } from '../../lib/viz/labels';
import type { Still } from '../../lib/viz/types';
import { layout, BRACKET_LINE, LABEL_LINE, type RailCostsLayout } from './geometry';
import { stateAt, type RailCostsData } from './prep';

/** A tick label stays inside the picture: near an edge it hangs inwards from its line instead of centring on it. */
export function tickAnchor(t: { x: number; label: string }, width: number, fontSize = 11): 'start' | 'middle' | 'end' {
  const half = measureText(t.label, fontSize) / 2;
  return t.x - half < 0 ? 'start' : t.x + half > width ? 'end' : 'middle';
}

export function markup(l: RailCostsLayout, show: string[], highlight: string[], axisLabel: string, brackets: string[] = []): string {
  const ticks = l.ticks
    .map(
      (t) =>
        `<g class="tick" transform="translate(${r1(t.x)},0)"><line y1="32" y2="${r1(l.height)}"/><text y="26" text-anchor="${tickAnchor(t, l.width)}">${esc(t.label)}</text></g>`,
    )
    .join('');
  const bars = l.bars
    .map((b) => {
      const cls = ['bar', b.claimed ? 'is-claimed' : '', show.includes(b.id) ? 'is-shown' : '', highlight.includes(b.id) ? 'is-highlight' : '']
        .filter(Boolean)
        .join(' ');
      const nameY = (i: number) => 12 + i * LABEL_LINE;
      const name = b.labelLines.map((s, i) => `<tspan x="0" y="${nameY(i)}">${esc(s)}</tspan>`).join('');
      const tagY = (i: number) => nameY(b.labelLines.length - 1) + 13 * (i + 1);
      const tag = b.tagLines.length ? `<text class="bar__tag">${b.tagLines.map((s, i) => `<tspan x="0" y="${tagY(i)}">${esc(s)}</tspan>`).join('')}</text>` : '';
      return `<g class="${cls}" data-id="${esc(b.id)}" transform="translate(${l.margin.left},${r1(b.y)})">
<text class="bar__label">${name}</text>${tag}
<rect class="bar__ghost" x="0.75" y="${r1(b.barTop + 0.75)}" width="${r1(Math.max(0, b.width - 1.5))}" height="${r1(l.barHeight - 1.5)}" rx="1.5"/><rect class="bar__rect" y="${b.barTop}" width="${r1(b.width)}" height="${l.barHeight}" rx="2"/>
<text class="bar__value" x="${r1(b.width + 6)}" y="${b.barTop + l.barHeight - 3}">${esc(b.valueLabel)}</text></g>`;
    })
    .join('');
  const br = l.brackets
    .map((b) => {
      const cls = ['bracket', brackets.includes(b.id) ? 'is-shown' : ''].filter(Boolean).join(' ');
      const d = `M${r1(b.x + 6)},${r1(b.y1)}H${r1(b.x)}V${r1(b.y2)}H${r1(b.x + 6)}`;
      const text = b.lines.map((s, i) => `<tspan x="${r1(b.labelX)}" y="${r1(b.labelY + i * BRACKET_LINE)}">${esc(s)}</tspan>`).join('');
      return `<g class="${cls}" data-id="${esc(b.id)}"><path class="bracket__line" d="${d}"/><text class="bracket__label">${text}</text></g>`;
    })
    .join('');
  return `<defs><pattern id="rc-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>
<text class="axis-label" x="${l.margin.left}" y="10">${esc(axisLabel)}</text>${ticks}${bars}${br}`;
}

/** The chart at `step` (-1 = before the first) for `width`: the build-time SVG, per-step stills, resizes. Pure. */
export function still(data: RailCostsData, labels: Record<string, string>, step: number, width: number): Still {
  return whole(stillParts(data, labels, step, width));
}

/** `still` in two parts, the layout and then the markup (src/lib/viz/parts.ts); `height`: a height to fit (geometry.ts `layout`). */
export function* stillParts(data: RailCostsData, labels: Record<string, string>, step: number, width: number, height = 0): Generator<void, Still, void> {
  const l = layout(data.bars, width, labels, data.brackets, height);
  yield;
  return pictureAt(data, labels, l, step);
}

/** The picture of `step` on a layout made for its width: the layout does not depend on the step, so the stills make it once. */
export function pictureAt(data: RailCostsData, labels: Record<string, string>, l: RailCostsLayout, step: number): Still {
  const s = stateAt(data, step);
  return { width: l.width, height: l.height, svg: markup(l, s.show, s.highlight, label(labels, 'axis', 'rail-costs'), s.brackets) };
}
