/**
 * Vertical timeline: time runs down an axis, labels sit to its right and are
 * pushed apart so they never overlap, with a leader from each date's dot.
 * Pure: d3-scale.
 */
import { scaleLinear } from 'd3-scale';
import type { RoadData, Mark } from './prep';
import { wrap, dodgeCentred } from '../../lib/text';

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
  const marks: MarkBox[] = d.marks.map((m) => {
    const text = m.low ? `${m.label} ${labels['lowConfidence'] ?? ''}`.trim() : m.label;
    // Today's label is bold (road-ahead.css): measured with the bold face.
    const lines = wrap(text, labelW, FONT, { weight: m.kind === 'today' ? 700 : 400 });
    const c = labels[`correction-${m.id}`];
    const callout = c ? wrap(c, labelW - 14, 11) : [];
    const h = DATE_H + lines.length * LINE + (callout.length ? callout.length * 14 + 14 : 0);
    return { id: m.id, kind: m.kind, y: y(m.t), top: y(m.t) - 11, h, dateText: m.dateText, lines, callout };
  });
  const tops = dodgeCentred(marks.map((m) => ({ y: m.top, h: m.h })), GAP, 0);
  marks.forEach((m, i) => (m.top = tops[i]!));
  const years: { y: number; label: string }[] = [];
  for (let t = d.domain[0]; t <= d.domain[1]; t++) years.push({ y: y(t), label: String(t) });
  const bottom = Math.max(y(d.domain[1]), ...marks.map((m) => m.top + m.h));
  return { width, height: Math.ceil(bottom + 8), axisX, labelX, labelW, years, todayY: y(d.today), top, bottom: y(d.domain[1]), marks };
}
