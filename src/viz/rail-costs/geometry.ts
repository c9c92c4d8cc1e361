/** Layout of the rail-costs bars and plan brackets for a given width. Pure: d3-scale only. */
import { scaleLinear } from 'd3-scale';
import type { Bar, Bracket } from './prep';
import { fill as fillLabel, label } from '../../lib/viz/labels';

const fill = (s: string, vars: Record<string, string>) => fillLabel(s, vars, 'rail-costs');
import { measureText, usdAmount, usdVars, wrap } from '../../lib/text';
import { edition, ui } from '../../lib/ui';

export interface BarLayout {
  id: string;
  label: string;
  /** The name wrapped to the width (13px lines, 15px apart). */
  labelLines: string[];
  /** A short note under the name (what is reported about Chinese backing), wrapped; empty when none. */
  tagLines: string[];
  value: number;
  claimed: boolean;
  /** Top of the row; the name's baseline is y + 12, the bar starts at y + barTop. */
  y: number;
  barTop: number;
  width: number;
  valueLabel: string;
  /** Right end of the value label, px from the left edge. */
  valueEnd: number;
}
export interface BracketLayout {
  id: string;
  /** The bracket's vertical line. */
  x: number;
  y1: number;
  y2: number;
  /** Label lines, left-aligned at labelX, first baseline at labelY. */
  lines: string[];
  labelX: number;
  labelY: number;
  /** Label box (for overlap checks). */
  box: { x: number; y: number; w: number; h: number };
}
export interface RailCostsLayout {
  width: number;
  height: number;
  margin: { left: number; right: number };
  ticks: { x: number; label: string }[];
  bars: BarLayout[];
  brackets: BracketLayout[];
  barHeight: number;
}

/** Space between one row's bar and the next row's name. */
export const ROW_GAP = 12;
/** The same, where the chart must fit a height (a phone held sideways: rows.length × 7 px shorter). */
export const TIGHT_ROW_GAP = 5;
export const TAG_H = 13;
export const LABEL_LINE = 15;
export const BAR_H = 14;
export const LABEL_FONT = 13;
/** The names are semibold (rail-costs.css): measured with the bold face. */
export const LABEL_WEIGHT = 600;
export const VALUE_FONT = 12;
export const TAG_FONT = 11;
export const BRACKET_FONT = 11;
export const BRACKET_LINE = 13;

/** An amount as the edition writes it in its money unit ("4.4" bn, "4,400" millones), and its value label. */
const digitsOf = (v: number) => (v < 1 ? 2 : 1);
const bn = (v: number) => usdAmount(v, edition, digitsOf(v));
const valueText = (v: number) => ui('unit.usd_bn_short', usdVars(v, edition, digitsOf(v)), edition);

/**
 * The chart at `width`. With `height` (a short screen's still) and a chart taller than it, the rows are set
 * TIGHT_ROW_GAP apart instead of ROW_GAP; nothing else changes (the words keep their size).
 */
export function layout(bars: Bar[], width: number, labels: Record<string, string> = {}, brackets: Bracket[] = [], height = 0): RailCostsLayout {
  const roomy = layoutWith(bars, width, labels, brackets, ROW_GAP);
  return height && roomy.height > height ? layoutWith(bars, width, labels, brackets, TIGHT_ROW_GAP) : roomy;
}

function layoutWith(bars: Bar[], width: number, labels: Record<string, string>, brackets: Bracket[], gap: number): RailCostsLayout {
  // With a bracket, every row moves right to leave the bracket a gutter on the left.
  // The right margin holds the value label after the longest bar: as wide as the widest label needs (the Spanish
  // edition's "US$14,000 millones" is three times "$14 bn"), never less than the 56 px the English labels were laid out with.
  const widestValue = Math.max(0, ...bars.map((b) => measureText(valueText(b.value), VALUE_FONT)));
  const margin = { left: brackets.length ? 16 : 4, right: Math.max(56, Math.ceil(6 + widestValue + 4)) };
  const max = Math.max(...bars.map((b) => b.value));
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([0, Math.max(40, width - margin.left - margin.right)]);
  const ticks = x.ticks(width < 420 ? 3 : 5).map((t) => ({ x: margin.left + x(t), label: bn(t) }));
  // Axis title on the first line, tick labels on the second, bars below.
  const top = 38;
  let y = top;
  const laid: BarLayout[] = bars.map((b) => {
    const tag = labels[`tag_${b.id}`] ?? '';
    const labelLines = wrap(b.label, width - margin.left - 4, LABEL_FONT, { weight: LABEL_WEIGHT });
    const tagLines = tag ? wrap(tag, width - margin.left - 4, TAG_FONT) : [];
    const barTop = 18 + (labelLines.length - 1) * LABEL_LINE + tagLines.length * TAG_H;
    const w = x(b.value);
    const valueLabel = valueText(b.value);
    const row: BarLayout = {
      id: b.id,
      label: b.label,
      labelLines,
      tagLines,
      value: b.value,
      claimed: b.claimed,
      y,
      barTop,
      width: w,
      valueLabel,
      valueEnd: margin.left + w + 6 + measureText(valueLabel, VALUE_FONT),
    };
    y += barTop + BAR_H + gap;
    return row;
  });
  // Brackets: a square bracket in the left gutter spanning its members' rows (names, tags and bars),
  // with its label on the lines right under the last member; the rows below move down to make room.
  const out: BracketLayout[] = [];
  for (const br of brackets) {
    const rows = br.members.map((m) => laid.find((b) => b.id === m)!);
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const bx = 6;
    const y1 = first.y + 1;
    const y2 = last.y + last.barTop + BAR_H + 2;
    const parts = rows.map((r) => bn(r.value)).join(' + ');
    const text = fill(label(labels, 'bracket', 'rail-costs'), { label: br.label, value: bn(br.value), parts, sum: bn(br.sum) });
    const lines = wrap(text, width - margin.left - 4, BRACKET_FONT);
    const labelX = margin.left;
    const labelY = y2 + 13;
    const w = Math.max(...lines.map((l) => measureText(l, BRACKET_FONT)));
    const box = { x: labelX, y: labelY - 9, w, h: lines.length * BRACKET_LINE };
    // The bracket's right-hand ticks reach to the start of the rows; its foot reaches the label.
    const foot = box.y + box.h;
    const shift = foot + gap - (last.y + last.barTop + BAR_H + gap);
    for (const r of laid.filter((r) => r.y > last.y)) r.y += shift;
    y += shift;
    out.push({ id: br.id, x: bx, y1, y2: foot, lines, labelX, labelY, box });
  }
  return {
    width,
    height: y - gap + 8,
    margin,
    barHeight: BAR_H,
    ticks,
    bars: laid,
    brackets: out,
  };
}
