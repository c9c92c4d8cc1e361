/**
 * Rail projects vs. the article's "US$4 billion" claim: rows from
 * content/data/rail-projects.csv -> the bars the chart draws, and the
 * brackets that group bars into a plan (Peru's US$10 bn coastal pitch is two
 * of the lines, not a third project). Pure.
 */
export interface RailProjectRow {
  id: string;
  kind: 'claim' | 'project' | 'package';
  project: string;
  cost_usd_bn: number;
  length_km?: number | undefined;
  status: string;
  chinese_backing: string;
  chinese_builder: 'yes' | 'no';
  members?: string | undefined;
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

/** A plan that consists of listed projects: drawn as a bracket beside their bars. */
export interface Bracket {
  id: string;
  label: string;
  /** The plan's reported total, US$ bn. */
  value: number;
  /** Its projects' ids, in bar order. */
  members: string[];
  /** Sum of the members' reported costs, US$ bn. */
  sum: number;
}

export interface RailCostsData {
  bars: Bar[];
  brackets: Bracket[];
  /** For each step (index 0..n-1): which bars are shown and highlighted, and which brackets are drawn. */
  steps: { show: string[]; highlight: string[]; brackets: string[] }[];
}

const FILE = 'content/data/rail-projects.csv';

export function prep(rows: RailProjectRow[]): RailCostsData {
  const bars = rows
    .filter((r) => r.kind !== 'package')
    .map((r) => ({
      id: r.id,
      label: r.project,
      value: r.cost_usd_bn,
      claimed: r.kind === 'claim',
      confidence: r.confidence,
    }))
    .sort((a, b) => (a.claimed === b.claimed ? a.value - b.value : a.claimed ? -1 : 1));
  const order = new Map(bars.map((b, i) => [b.id, i]));
  const brackets: Bracket[] = rows
    .filter((r) => r.kind === 'package')
    .map((r) => {
      const members = (r.members ?? '')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
      if (members.length < 2) throw new Error(`${FILE}: row "${r.id}": a package needs at least two members (ids separated by ";")`);
      for (const m of members) {
        const row = rows.find((x) => x.id === m);
        if (!row || row.kind !== 'project') throw new Error(`${FILE}: row "${r.id}": member "${m}" is not a project row in the file`);
      }
      const sorted = [...members].sort((a, b) => order.get(a)! - order.get(b)!);
      // Bars of one bracket must be neighbours, or the bracket would span a bar that is not in the plan.
      const idx = sorted.map((m) => order.get(m)!);
      if (idx[idx.length - 1]! - idx[0]! !== idx.length - 1) {
        throw new Error(`${FILE}: row "${r.id}": its members are not neighbours in cost order, so one bracket cannot group them`);
      }
      const sum = Math.round(members.reduce((s, m) => s + rows.find((x) => x.id === m)!.cost_usd_bn, 0) * 100) / 100;
      return { id: r.id, label: r.project, value: r.cost_usd_bn, members: sorted, sum };
    });
  const all = bars.map((b) => b.id);
  const claim = bars.filter((b) => b.claimed).map((b) => b.id);
  // The project nearest the claimed figure, and the ones with a Chinese builder reported.
  const claimed = bars.find((b) => b.claimed)?.value ?? 0;
  const nearest = bars
    .filter((b) => !b.claimed)
    .sort((a, b) => Math.abs(a.value - claimed) - Math.abs(b.value - claimed))
    .slice(0, 1)
    .map((b) => b.id);
  const backed = rows.filter((r) => r.kind === 'project' && r.chinese_builder === 'yes').map((r) => r.id);
  return {
    bars,
    brackets,
    steps: [
      { show: claim, highlight: claim, brackets: [] },
      { show: [...claim, ...nearest, ...backed], highlight: [...nearest, ...backed], brackets: [] },
      { show: all, highlight: [], brackets: brackets.map((b) => b.id) },
    ],
  };
}

/** The state shown at a step; before the first step, the first step's. Pure. */
export function stateAt(data: RailCostsData, step: number) {
  const i = Math.min(Math.max(step, 0), data.steps.length - 1);
  return data.steps[i]!;
}
