/** Layout of the days-per-route chart for a width and a ship speed. Pure: d3-scale only. */
import { scaleLinear } from 'd3-scale';
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
  left: number;
  top: number;
  ticks: { x: number; label: string }[];
  rows: ChartRow[];
  barH: number;
  saved: number;
}

/** Row height and bar thickness: tighter in a phone-width column so the sticky figure fits the screen. */
export const ROW = 34;
export const BAR_H = 12;
export const ROW_NARROW = 30;
export const BAR_H_NARROW = 10;
const NARROW = 480;
const fmt = (d: number) => (Math.round(d * 10) / 10).toFixed(1);

/**
 * `labels`: the figure's labels (content/figures*.yaml); a reported row's name is the label keyed by its id
 * (`reported-chancay`, `reported-before`), so each edition names it in its own words.
 */
export function chartLayout(data: ShippingData, width: number, speed: number, reportedPrefix = 'Reported', labels: Record<string, string> = {}): ChartLayout {
  const left = 4;
  const right = 64;
  const row = width < NARROW ? ROW_NARROW : ROW;
  const top = 22;
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
    label: `${reportedPrefix}: ${labels[r.id] ?? `${r.label} (${r.source})`}`,
    y: top + (routes.length + i) * row + 8,
    seaW: 0,
    stopW: 0,
    days: r.min,
    reported: true,
    x0: x(r.min),
    x1: x(r.max),
    valueLabel: r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`,
    group: 'reported',
  }));
  const direct = data.routes.find((r) => r.group === 'new');
  const slowest = Math.max(...data.routes.filter((r) => r.group === 'old').map((r) => routeDays(r, speed)));
  return {
    width,
    height: top + (routes.length + reported.length) * row + 12,
    left,
    top,
    barH: width < NARROW ? BAR_H_NARROW : BAR_H,
    ticks: x.ticks(width < 420 ? 3 : 5).map((t) => ({ x: left + x(t), label: `${t}` })),
    rows: [...routes, ...reported],
    saved: direct ? slowest - routeDays(direct, speed) : 0,
  };
}
