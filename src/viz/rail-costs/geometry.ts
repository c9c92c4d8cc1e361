/** Layout of the rail-costs bars for a given width. Pure: d3-scale only. */
import { scaleLinear } from 'd3-scale';
import type { Bar } from './prep';

export interface BarLayout {
  id: string;
  label: string;
  value: number;
  claimed: boolean;
  y: number;
  width: number;
  valueLabel: string;
}
export interface RailCostsLayout {
  width: number;
  height: number;
  margin: { left: number; right: number };
  ticks: { x: number; label: string }[];
  bars: BarLayout[];
  barHeight: number;
}

export const ROW = 46;
export const BAR_H = 14;

export function layout(bars: Bar[], width: number): RailCostsLayout {
  const margin = { left: 4, right: 56 };
  const max = Math.max(...bars.map((b) => b.value));
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([0, Math.max(40, width - margin.left - margin.right)]);
  const ticks = x.ticks(width < 420 ? 3 : 5).map((t) => ({ x: margin.left + x(t), label: `${t}` }));
  // Axis title on the first line, tick labels on the second, bars below.
  const top = 38;
  return {
    width,
    height: top + bars.length * ROW + 4,
    margin,
    barHeight: BAR_H,
    ticks,
    bars: bars.map((b, i) => ({
      id: b.id,
      label: b.label,
      value: b.value,
      claimed: b.claimed,
      y: top + i * ROW,
      width: x(b.value),
      valueLabel: `$${b.value < 1 ? b.value.toFixed(2) : b.value.toFixed(1)} bn`,
    })),
  };
}
