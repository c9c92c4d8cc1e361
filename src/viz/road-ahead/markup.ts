/** SVG markup for the road-ahead timeline. Pure. */
import { esc, r1 } from '../../lib/svg';
import { whole } from '../../lib/viz/parts';
import type { Still } from '../../lib/viz/types';
import { LINE, layout, type RoadLayout } from './geometry';
import type { RoadData } from './prep';

const tspans = (lines: string[], x: number, y: number, lh: number) =>
  lines.map((l, i) => `<tspan x="${r1(x)}" y="${r1(y + i * lh)}">${esc(l)}</tspan>`).join('');

export function markup(l: RoadLayout): string {
  const years = l.years
    .map((t) => `<g class="tick"><line x1="${r1(l.axisX - 6)}" x2="${r1(l.axisX)}" y1="${r1(t.y)}" y2="${r1(t.y)}"/><text x="${r1(l.axisX - 10)}" y="${r1(t.y + 4)}" text-anchor="end">${esc(t.label)}</text></g>`)
    .join('');
  const axis = `<line class="ra-axis" x1="${l.axisX}" x2="${l.axisX}" y1="${r1(l.top)}" y2="${r1(l.todayY)}"/><line class="ra-axis ra-axis--future" x1="${l.axisX}" x2="${l.axisX}" y1="${r1(l.todayY)}" y2="${r1(l.bottom)}"/>`;
  const marks = l.marks
    .map((m) => {
      const ly = m.top + 11; // date baseline
      const dot =
        m.kind === 'apec'
          ? `<path class="ra-dot" d="M${l.axisX},${r1(m.y - 6)}l6,6l-6,6l-6,-6z"/>`
          : m.kind === 'today'
            ? `<line class="ra-today" x1="${l.axisX - 14}" x2="${l.axisX + 14}" y1="${r1(m.y)}" y2="${r1(m.y)}"/>`
            : `<circle class="ra-dot" cx="${l.axisX}" cy="${r1(m.y)}" r="5"/>`;
      const leader = `<path class="ra-leader" d="M${l.axisX + 7},${r1(m.y)}L${l.labelX - 10},${r1(ly - 4)}L${l.labelX - 4},${r1(ly - 4)}"/>`;
      const textY = ly + LINE;
      const callout = m.callout.length
        ? `<g class="ra-callout"><rect x="${l.labelX}" y="${r1(textY + (m.lines.length - 1) * LINE + 6)}" width="${r1(l.labelW)}" height="${r1(m.callout.length * 14 + 8)}" rx="2"/><text>${tspans(m.callout, l.labelX + 8, textY + (m.lines.length - 1) * LINE + 20, 14)}</text></g>`
        : '';
      return `<g class="ra-mark ra-mark--${m.kind}" data-id="${esc(m.id)}">${dot}${leader}<text class="ra-date" x="${l.labelX}" y="${r1(ly)}">${esc(m.dateText)}</text><text class="ra-label">${tspans(m.lines, l.labelX, textY, LINE)}</text>${callout}</g>`;
    })
    .join('');
  return `${years}${axis}${marks}`;
}

/** The road-ahead timeline for `width` (one state: `step` does not change it). Pure. */
export function still(data: RoadData, labels: Record<string, string>, _step: number, width: number): Still {
  return whole(stillParts(data, labels, _step, width));
}

/** `still` in two parts, the layout and then the markup (src/lib/viz/parts.ts). */
export function* stillParts(data: RoadData, labels: Record<string, string>, _step: number, width: number): Generator<void, Still, void> {
  const l = layout(data, labels, width);
  yield;
  return { width: l.width, height: l.height, svg: markup(l) };
}
