/**
 * Vertical timeline: time runs down an axis, each label sits to its right at
 * its own date, with a short leader from the date's dot. The axis is linear
 * where the labels fit (a year is `perYear` px) and stretched where they do
 * not: a date whose label would run into the one above moves down with its
 * dot, and the years after it move with it. Until 7 Dec 2026 the labels were
 * pushed apart along a linear axis instead, and on a phone they piled up years
 * from their dates ("2028 PowerChina…" beside the 2031 tick, "2031 Lima–Barranca"
 * beside 2032; review). Pure: d3-scale.
 */
import { scaleLinear } from 'd3-scale';
import type { RoadData, Mark } from './prep';
import { wrap } from '../../lib/text';

export interface MarkBox {
  id: string;
  kind: Mark['kind'];
  /** The date's position on the axis. */
  y: number;
  /** Label block top, after dodging. */
  top: number;
  h: number;
  dateText: string;
  lines: string[];
  /** Correction callout lines under the label (figures.yaml `correction-<id>`). */
  callout: string[];
}
export interface RoadLayout {
  width: number;
  height: number;
  axisX: number;
  labelX: number;
  labelW: number;
  years: { y: number; label: string }[];
  todayY: number;
  top: number;
  bottom: number;
  marks: MarkBox[];
}

export const FONT = 12;
export const LINE = 15;
const DATE_H = 15;
const GAP = 8;

export function layout(d: RoadData, labels: Record<string, string>, width: number): RoadLayout {
  const axisX = width < 480 ? 44 : 56;
  // Room for leaders to run at a readable slant from a date to its label.
  const labelX = axisX + (width < 480 ? 30 : 56);
  const labelW = Math.min(width - labelX - 4, 520);
  const perYear = width < 480 ? 46 : 60;
  const top = 14;
  const span = d.domain[1] - d.domain[0];
  const y = scaleLinear().domain(d.domain).range([top, top + span * perYear]);
  // Marks in date order (prep sorts them); each label's top is its date's baseline less 11.
  let shift = 0;
  let prevBottom = -Infinity;
  const marks: MarkBox[] = d.marks.map((m) => {
    const text = m.low ? `${m.label} ${labels['lowConfidence'] ?? ''}`.trim() : m.label;
    // Today's label is bold (road-ahead.css): measured with the bold face.
    const lines = wrap(text, labelW, FONT, { weight: m.kind === 'today' ? 700 : 400 });
    const c = labels[`correction-${m.id}`];
    const callout = c ? wrap(c, labelW - 14, 11) : [];
    const h = DATE_H + lines.length * LINE + (callout.length ? callout.length * 14 + 14 : 0);
    // At its date on the axis as stretched so far, or lower if the label above needs the room.
    const at = Math.max(y(m.t) + shift, prevBottom + GAP + 11);
    shift = at - y(m.t);
    prevBottom = at - 11 + h;
    return { id: m.id, kind: m.kind, y: at, top: at - 11, h, dateText: m.dateText, lines, callout };
  });
  const axisY = stretched(y, perYear, d.domain[0], marks.map((m, i) => ({ t: d.marks[i]!.t, y: m.y })));
  const years: { y: number; label: string }[] = [];
  for (let t = d.domain[0]; t <= d.domain[1]; t++) years.push({ y: axisY(t), label: String(t) });
  const end = axisY(d.domain[1]);
  const bottom = Math.max(end, ...marks.map((m) => m.top + m.h));
  return { width, height: Math.ceil(bottom + 8), axisX, labelX, labelW, years, todayY: axisY(d.today), top, bottom: end, marks };
}

/**
 * The stretched axis as a function of time: through the domain's start and every mark's date and
 * place, straight between them (several marks on one date: the first); after the last mark,
 * `perYear` a year. Monotone, so the years keep their order around the marks. Pure.
 */
export function stretched(linear: (t: number) => number, perYear: number, start: number, knots: { t: number; y: number }[]): (t: number) => number {
  const ks = [{ t: start, y: linear(start) }, ...knots].sort((a, b) => a.t - b.t || a.y - b.y);
  return (t) => {
    const exact = ks.find((k) => k.t === t);
    if (exact) return exact.y;
    let i = ks.length - 1;
    while (i > 0 && ks[i]!.t > t) i--;
    const a = ks[i]!;
    const b = ks.slice(i + 1).find((k) => k.t > t);
    if (!b || a.t > t) return a.y + (t - a.t) * perYear;
    // the latest knot at a's date: several marks on one date stand one under the other
    const from = ks.filter((k) => k.t === a.t).reduce((p, k) => (k.y > p.y ? k : p), a);
    return from.y + ((t - from.t) / (b.t - from.t)) * (b.y - from.y);
  };
}
