/**
 * Rail projects vs. the article's "US$4 billion" claim: rows from
 * content/data/rail-projects.csv -> the bars the chart draws. Pure.
 */
export interface RailProjectRow {
  id: string;
  project: string;
  cost_usd_bn: number;
  status: string;
  chinese_backing: string;
  confidence: string;
  note?: string | undefined;
  source: string[];
}

export interface Bar {
  id: string;
  label: string;
  value: number;
  /** The article's unverified claim, drawn hatched, not as a project. */
  claimed: boolean;
  confidence: string;
}

export interface RailCostsData {
  bars: Bar[];
  /** For each step (index 0..n-1): which bars are shown and which are highlighted. */
  steps: { show: string[]; highlight: string[] }[];
}

export function prep(rows: RailProjectRow[]): RailCostsData {
  const bars = rows
    .map((r) => ({
      id: r.id,
      label: r.project,
      value: r.cost_usd_bn,
      claimed: r.chinese_backing === 'claimed',
      confidence: r.confidence,
    }))
    .sort((a, b) => (a.claimed === b.claimed ? a.value - b.value : a.claimed ? -1 : 1));
  const all = bars.map((b) => b.id);
  const claim = bars.filter((b) => b.claimed).map((b) => b.id);
  // The projects nearest the claimed figure, and the ones with Chinese backing reported.
  const claimed = bars.find((b) => b.claimed)?.value ?? 0;
  const nearest = bars
    .filter((b) => !b.claimed)
    .sort((a, b) => Math.abs(a.value - claimed) - Math.abs(b.value - claimed))
    .slice(0, 1)
    .map((b) => b.id);
  const backed = rows.filter((r) => r.chinese_backing === 'yes').map((r) => r.id);
  return {
    bars,
    steps: [
      { show: claim, highlight: claim },
      { show: [...claim, ...nearest, ...backed], highlight: [...nearest, ...backed] },
      { show: all, highlight: [] },
    ],
  };
}

/** The state shown at a step; before the first step, the first step's. Pure. */
export function stateAt(data: RailCostsData, step: number) {
  const i = Math.min(Math.max(step, 0), data.steps.length - 1);
  return data.steps[i]!;
}
