/** Layout of the two small charts: Peru's debt as a share of GDP, Chancay's owners. Pure: d3-scale. */
import { fill, label } from '../../lib/viz/labels';
import { scaleLinear } from 'd3-scale';
import type { DebtData } from './prep';
import { wrap, measureText, usdAmount } from '../../lib/text';
import { edition } from '../../lib/ui';

/** Titles and the value are bold (debt-and-finance.css): measured with the bold face. */
const BOLD = { weight: 700 };

export interface DebtLayout {
  width: number;
  height: number;
  debt: { titleLines: string[]; titleY: number; y: number; w: number; full: number; value: string; valueX: number; valueInside: boolean; ticks: { x: number; label: string }[]; noteLines: string[]; noteY: number };
  owners: { titleLines: string[]; titleY: number; y: number; segs: { id: string; x: number; w: number; lines: string[] }[]; costLines: string[]; costY: number };
}

const BAR_H = 22;

export function layout(d: DebtData, labels: Record<string, string>, width: number): DebtLayout {
  const L = (k: string) => label(labels, k, 'debt-and-finance');
  const x = scaleLinear().domain([0, 100]).range([0, width - 2]);
  let y = 0;
  const dt = wrap(L('debtTitle'), width, 13, BOLD);
  const debtTitleY = y + 13;
  y += dt.length * 17 + 16; // room for tick labels
  const barY = y;
  const value = fill(L('debtValue'), { value: d.debt.value }, 'debt-and-finance');
  const vw = measureText(value, 13, BOLD);
  const valueInside = x(d.debt.value) + 6 + vw > width;
  const ticks = [0, 50, 100].map((t) => ({ x: x(t), label: `${t}%` }));
  y += BAR_H + 18;
  const noteLines = wrap(L('debtNote'), width, 11);
  const noteY = y;
  y += noteLines.length * 14 + 22;

  const ot = wrap(L('ownersTitle'), width, 13, BOLD);
  const ownersTitleY = y + 13;
  y += ot.length * 17 + 6;
  const oy = y;
  let acc = 0;
  const segs = d.owners.map((o) => {
    const s = { id: o.id, x: x(acc), w: x(acc + o.value) - x(acc), lines: [] as string[] };
    s.lines = wrap(`${o.label} ${o.value}%`, Math.max(60, s.w - 8), 12);
    acc += o.value;
    return s;
  });
  const labelH = Math.max(...segs.map((s) => s.lines.length)) * 15;
  y += BAR_H + 8 + labelH + 8;
  const cost = d.cost.high !== undefined ? `${usdAmount(d.cost.low, edition, 2)}–${usdAmount(d.cost.high, edition, 2)}` : usdAmount(d.cost.low, edition, 2);
  const costLines = wrap(fill(L('costNote'), { cost }, 'debt-and-finance'), width, 12);
  const costY = y + 12;
  y += costLines.length * 16 + 8;
  return {
    width,
    height: Math.ceil(y),
    debt: { titleLines: dt, titleY: debtTitleY, y: barY, w: x(d.debt.value), full: x(100), value, valueX: valueInside ? x(d.debt.value) - 6 : x(d.debt.value) + 6, valueInside, ticks, noteLines, noteY },
    owners: { titleLines: ot, titleY: ownersTitleY, y: oy, segs, costLines, costY },
  };
}
