/** SVG markup for the debt and Chancay-ownership charts. Pure. */
import { esc, r1 } from '../../lib/svg';
import { whole } from '../../lib/viz/parts';
import type { Still } from '../../lib/viz/types';
import { layout, type DebtLayout } from './geometry';
import type { DebtData } from './prep';

const tspans = (lines: string[], x: number, y: number, lh: number) =>
  lines.map((l, i) => `<tspan x="${r1(x)}" y="${r1(y + i * lh)}">${esc(l)}</tspan>`).join('');

export function markup(l: DebtLayout): string {
  const d = l.debt;
  const ticks = d.ticks
    .map((t, i) => `<g class="tick"><line x1="${r1(t.x)}" x2="${r1(t.x)}" y1="${r1(d.y - 4)}" y2="${r1(d.y + 26)}"/><text x="${r1(t.x)}" y="${r1(d.y - 7)}" text-anchor="${i === 0 ? 'start' : i === d.ticks.length - 1 ? 'end' : 'middle'}">${esc(t.label)}</text></g>`)
    .join('');
  const debt = `<g class="df-debt"><text class="df-title">${tspans(d.titleLines, 0, d.titleY, 17)}</text>
<rect class="df-track" x="0" y="${r1(d.y)}" width="${r1(d.full)}" height="22"/>${ticks}
<rect class="df-debt__bar" x="0" y="${r1(d.y)}" width="${r1(d.w)}" height="22"/>
<text class="df-value" x="${r1(d.valueX)}" y="${r1(d.y + 16)}" text-anchor="${d.valueInside ? 'end' : 'start'}">${esc(d.value)}</text>
<text class="df-note">${tspans(d.noteLines, 0, d.noteY, 14)}</text></g>`;
  const o = l.owners;
  const segs = o.segs
    .map((s, i) => `<rect class="df-owner df-owner--${i}" data-id="${esc(s.id)}" x="${r1(s.x)}" y="${r1(o.y)}" width="${r1(s.w)}" height="22"/><text class="df-owner__label">${tspans(s.lines, s.x + (i === 0 ? 0 : 6), o.y + 22 + 18, 15)}</text>`)
    .join('');
  const owners = `<g class="df-owners"><text class="df-title">${tspans(o.titleLines, 0, o.titleY, 17)}</text>${segs}<text class="df-cost">${tspans(o.costLines, 0, o.costY, 16)}</text></g>`;
  return debt + owners;
}

/** The debt and ownership charts for `width` (one state: `step` does not change it). Pure. */
export function still(data: DebtData, labels: Record<string, string>, _step: number, width: number): Still {
  return whole(stillParts(data, labels, _step, width));
}

/** `still` in two parts, the layout and then the markup (src/lib/viz/parts.ts). */
export function* stillParts(data: DebtData, labels: Record<string, string>, _step: number, width: number): Generator<void, Still, void> {
  const l = layout(data, labels, width);
  yield;
  return { width: l.width, height: l.height, svg: markup(l) };
}
