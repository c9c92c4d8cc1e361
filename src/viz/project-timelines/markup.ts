/** SVG markup for money-to-scale and the project timelines. Pure. */
import { esc, r1 } from '../../lib/svg';
import { whole } from '../../lib/viz/parts';
import type { Still } from '../../lib/viz/types';
import { LINE, ZOOM_LINE, layoutParts, type TimelinesLayout } from './geometry';
import type { TimelinesData } from './prep';

const tspans = (lines: string[], x: number, y: number, lh: number) =>
  lines.map((l, i) => `<tspan x="${r1(x)}" y="${r1(y + i * lh)}">${esc(l)}</tspan>`).join('');

export function markup(l: TimelinesLayout): string {
  const panels = l.panels
    .map((p) => {
      const ticks = p.ticks
        .map((t) => `<g class="tick"><line x1="${r1(t.x)}" x2="${r1(t.x)}" y1="${r1(p.axisY + 4)}" y2="${r1(p.bottom - 8)}"/><text x="${r1(t.x)}" y="${r1(p.axisY)}" text-anchor="${t.anchor}">${esc(t.label)}</text></g>`)
        .join('');
      const bars = p.bars
        .map((b) => {
          const segs = b.segments
            .map((s, i) => `<rect class="pt-seg pt-seg--${i}${b.pledge ? ' is-pledge' : ''}" data-id="${esc(s.id)}" x="${r1(s.x)}" y="${r1(b.y)}" width="${r1(s.w)}" height="14"/>`)
            .join('');
          const wh = b.whisker
            ? `<line class="pt-whisker" x1="${r1(b.whisker.x1)}" x2="${r1(b.whisker.x2)}" y1="${r1(b.y + 7)}" y2="${r1(b.y + 7)}"/><line class="pt-whisker" x1="${r1(b.whisker.x2)}" x2="${r1(b.whisker.x2)}" y1="${r1(b.y + 2)}" y2="${r1(b.y + 12)}"/>`
            : '';
          return `<g class="pt-bar" data-id="${esc(b.id)}"><text class="pt-name">${tspans(b.lines, 0, b.labelY, LINE)}</text>${segs}${wh}<text class="pt-value${b.value.inside ? (b.pledge ? ' is-inside' : ' is-inside is-onfill') : ''}" x="${r1(b.value.x)}" y="${r1(b.y + 11)}" text-anchor="${b.value.inside ? 'end' : 'start'}">${esc(b.value.text)}</text></g>`;
        })
        .join('');
      const zoom = p.zoom
        ? `<g class="pt-zoom"><rect x="${r1(p.zoom.x)}" y="${r1(p.axisY + 4)}" width="${r1(Math.max(2, p.zoom.w))}" height="${r1(p.bottom - p.axisY - 14)}"/><text>${tspans(p.zoom.lines, p.zoom.x, p.bottom + 2, ZOOM_LINE)}</text></g>`
        : '';
      return `<g class="pt-panel" data-panel="${esc(p.id)}"><text class="pt-title">${tspans(p.titleLines, 0, p.y + 13, 17)}</text>${ticks}${zoom}${bars}</g>`;
    })
    .join('');
  const t = l.time;
  const ticks = t.ticks
    .map((k) => `<g class="tick"><line x1="${r1(k.x)}" x2="${r1(k.x)}" y1="${r1(t.axisY + 4)}" y2="${r1(t.bottom - 10)}"/><text x="${r1(k.x)}" y="${r1(t.axisY)}" text-anchor="middle">${esc(k.label)}</text></g>`)
    .join('');
  const today = `<g class="pt-today"><line x1="${r1(t.today.x)}" x2="${r1(t.today.x)}" y1="${r1(t.axisY + 4)}" y2="${r1(t.bottom - 10)}"/><text x="${r1(t.today.x - 4)}" y="${r1(t.bottom - 2)}" text-anchor="end">${esc(t.today.label)}</text></g>`;
  const spans = t.spans
    .map((s) => {
      const ev = s.events
        .map(
          (e) =>
            `<circle class="pt-dot" cx="${r1(e.x)}" cy="${r1(s.y)}" r="5"/><line class="pt-leader" x1="${r1(e.x)}" x2="${r1(e.x)}" y1="${r1(s.y + 6)}" y2="${r1(e.labelY - 10)}"/><text class="pt-event" text-anchor="${e.anchor}">${tspans(e.label, e.labelX, e.labelY, 13)}</text>`,
        )
        .join('');
      return `<g class="pt-span${s.ongoing ? ' is-ongoing' : ''}" data-project="${esc(s.id)}"><text class="pt-project">${tspans(s.titleLines, 0, s.y - 8 - (s.titleLines.length - 1) * 17 - 4, 17)}</text>${s.x2 > s.x1 ? `<line class="pt-line" x1="${r1(s.x1)}" x2="${r1(s.x2)}" y1="${r1(s.y)}" y2="${r1(s.y)}"/>` : ''}${s.xOperating !== undefined ? `<line class="pt-line pt-line--operating" x1="${r1(s.x2)}" x2="${r1(s.xOperating)}" y1="${r1(s.y)}" y2="${r1(s.y)}"/>` : ''}${s.ongoing ? `<path class="pt-arrow" d="M${r1(s.x2)},${r1(s.y - 5)}L${r1(s.x2 + 7)},${r1(s.y)}L${r1(s.x2)},${r1(s.y + 5)}z"/>` : ''}${ev}</g>`;
    })
    .join('');
  return `${panels}<g class="pt-time"><text class="pt-title">${tspans(t.titleLines, 0, t.y + 13, 17)}</text>${ticks}${today}${spans}</g>`;
}

/** The money-to-scale bars and project timelines for `width` (one state: `step` does not change it). Pure. */
export function still(data: TimelinesData, labels: Record<string, string>, _step: number, width: number): Still {
  return whole(stillParts(data, labels, _step, width));
}

/** `still` in two parts, the layout and then the markup (src/lib/viz/parts.ts). */
export function* stillParts(data: TimelinesData, labels: Record<string, string>, _step: number, width: number): Generator<void, Still, void> {
  const l = yield* layoutParts(data, labels, width);
  yield;
  return { width: l.width, height: l.height, svg: markup(l) };
}
