/** Layout of the days-per-route chart for a width and a ship speed. Pure: d3-scale and the measured chart face. */
import { scaleLinear } from 'd3-scale';
import { wrap, formatFixed, formatNumber } from '../../lib/text';
import { edition } from '../../lib/i18n';
import { routeDays, type ShippingData } from './prep';

export interface ChartRow {
  id: string;
  label: string;
  y: number;
  /** Computed bar: sailing days, then stop days. */
  seaW: number;
  stopW: number;
  days: number;
  reported: boolean;
  /** Reported range, for the reported rows. */
  x0: number;
  x1: number;
  valueLabel: string;
  group: string;
}
export interface ChartLayout {
  width: number;
  height: number;
  /** Where the rows end (the ticks' lines stop here; the key follows). */
  plotBottom: number;
  left: number;
  top: number;
  ticks: { x: number; label: string }[];
  rows: ChartRow[];
  barH: number;
  saved: number;
  /** The chart's key (how to read the bars), wrapped to the width, drawn under the rows. */
  key: { lines: string[]; y: number; lineH: number };
}

/** Options of the layout beyond width and speed. */
export interface ChartOptions {
  /**
   * The height the page gives the chart (the phone stage's room for it, 0: none): the rows
   * spread and the bars thicken to fill it, up to FILL_MAX times their natural pitch.
   */
  height?: number;
  /** The key drawn under the rows (figures.yaml `chartDesc`); empty: none. */
  key?: string;
}

/** Row height and bar thickness: tighter in a phone-width column so the sticky figure fits the screen. */
export const ROW = 34;
export const BAR_H = 12;
export const ROW_NARROW = 30;
export const BAR_H_NARROW = 10;
const NARROW = 480;
/** The most a row's pitch grows to fill a given height (beyond it the chart stays shorter than its box). */
export const FILL_MAX = 1.6;
/** The key's type size and line height (px; shipping-map.css `.sc-key`). */
export const KEY_PX = 11;
export const KEY_LINE = 14;
/** A reported row's name: the figure's label keyed by its id, in the page's edition; never a fallback. */
function reportedName(labels: Record<string, string>, id: string): string {
  const v = labels[id];
  if (v === undefined) throw new Error(`[shipping-map] figures.yaml is missing label "${id}" (the days chart's reported row)`);
  return v;
}
/** Days to one decimal in the page's edition ("27.8", "27,8"). */
const fmt = (d: number) => formatFixed(Math.round(d * 10) / 10, edition, 1);

/**
 * `labels`: the figure's labels (content/figures*.yaml); a reported row's name is the label keyed by its id
 * (`reported-chancay`, `reported-before`), so each edition names it in its own words.
 */
export function chartLayout(
  data: ShippingData,
  width: number,
  speed: number,
  reportedPrefix: string,
  labels: Record<string, string>,
  opts: ChartOptions = {},
): ChartLayout {
  const left = 4;
  const right = 64;
  const top = 22;
  const keyLines = opts.key ? wrap(opts.key, width - left - 2, KEY_PX) : [];
  const keyH = keyLines.length ? 6 + keyLines.length * KEY_LINE : 0;
  const count = data.routes.length + data.reported.length;
  // Natural pitch, stretched (up to FILL_MAX) when the page gives the chart more height than it needs.
  const natural = width < NARROW ? ROW_NARROW : ROW;
  const naturalH = top + count * natural + 12 + keyH;
  const stretch = opts.height && opts.height > naturalH ? Math.min(FILL_MAX, 1 + (opts.height - naturalH) / (count * natural)) : 1;
  const row = natural * stretch;
  const baseBar = width < NARROW ? BAR_H_NARROW : BAR_H;
  const barH = Math.round(baseBar * Math.min(stretch, 1.4));
  const x = scaleLinear()
    .domain([0, 45])
    .range([0, Math.max(60, width - left - right)]);
  const routes = data.routes.map((r, i) => {
    const d = routeDays(r, speed);
    const sea = d - r.stopDays;
    return {
      id: r.id,
      label: r.label,
      y: top + i * row,
      seaW: x(sea),
      stopW: x(r.stopDays),
      days: d,
      reported: false,
      x0: 0,
      x1: 0,
      valueLabel: fmt(d),
      group: r.group,
    };
  });
  const reported = data.reported.map((r, i) => ({
    id: r.id,
    label: `${reportedPrefix}: ${reportedName(labels, r.id)}`,
    y: top + (routes.length + i) * row + 8,
    seaW: 0,
    stopW: 0,
    days: r.min,
    reported: true,
    x0: x(r.min),
    x1: x(r.max),
    valueLabel: r.min === r.max ? formatNumber(r.min, edition) : `${formatNumber(r.min, edition)}–${formatNumber(r.max, edition)}`,
    group: 'reported',
  }));
  const direct = data.routes.find((r) => r.group === 'new');
  const slowest = Math.max(...data.routes.filter((r) => r.group === 'old').map((r) => routeDays(r, speed)));
  const plotBottom = top + (routes.length + reported.length) * row + 12;
  return {
    width,
    height: Math.ceil(plotBottom + keyH),
    plotBottom,
    left,
    top,
    barH,
    ticks: x.ticks(width < 420 ? 3 : 5).map((t) => ({ x: left + x(t), label: `${t}` })),
    rows: [...routes, ...reported],
    saved: direct ? slowest - routeDays(direct, speed) : 0,
    key: { lines: keyLines, y: plotBottom + 4 + KEY_PX, lineH: KEY_LINE },
  };
}
