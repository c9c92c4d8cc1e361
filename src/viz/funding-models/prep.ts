/**
 * The two funding models as a schematic: rows of content/data/funding-models.csv
 * (the article's comparison table) -> the stages the graphic draws, one per
 * scroll step. Pure. The boxes' words come from figures.yaml labels, keyed
 * `<side>-<row id>-<n>`; which boxes exist is the schematic's design.
 */
export interface FundingRow {
  id: string;
  feature: string;
  china: string;
  us: string;
}

export type Side = 'cn' | 'us';
export type NodeKind = 'box' | 'split' | 'gate' | 'bar';

export interface NodeSpec {
  kind: NodeKind;
  /** figures.yaml label key. */
  key: string;
  /** For bars: length as a share of the column (schematic, not to scale). */
  fraction?: number;
}

/** A stage on one side: lines stacked top to bottom, each line's nodes side by side. */
export type StageSpec = NodeSpec[][];

/** The schematic's shape per row id. Rows not listed get one box per side. */
export const SHAPE: Record<string, Record<Side, StageSpec>> = {
  funding: {
    cn: [[{ kind: 'box', key: 'cn-funding-1' }, { kind: 'box', key: 'cn-funding-2' }]],
    us: [[{ kind: 'box', key: 'us-funding-1' }, { kind: 'box', key: 'us-funding-2' }]],
  },
  implementation: {
    cn: [[{ kind: 'box', key: 'cn-implementation-1' }]],
    us: [[{ kind: 'split', key: 'us-implementation-1' }], [{ kind: 'gate', key: 'us-implementation-2' }]],
  },
  focus: {
    cn: [[{ kind: 'box', key: 'cn-focus-1' }]],
    us: [[{ kind: 'box', key: 'us-focus-1' }]],
  },
  timeline: {
    cn: [[{ kind: 'bar', key: 'cn-timeline-1', fraction: 0.4 }]],
    us: [[{ kind: 'bar', key: 'us-timeline-1', fraction: 1 }]],
  },
};

export interface FundingData {
  rows: { id: string; feature: string; stages: Record<Side, StageSpec> }[];
}

export function prep(rows: FundingRow[]): FundingData {
  return {
    rows: rows.map((r) => ({
      id: r.id,
      feature: r.feature,
      stages: SHAPE[r.id] ?? {
        cn: [[{ kind: 'box', key: `cn-${r.id}-1` }]],
        us: [[{ kind: 'box', key: `us-${r.id}-1` }]],
      },
    })),
  };
}

/**
 * The row lit at a scroll step: step k lights row k (the table's order);
 * before the first step, the first row. `null` (the no-JS picture) lights all.
 */
export function activeRow(data: FundingData, step: number | null): string | null {
  if (step === null || !data.rows.length) return null;
  const i = Math.min(Math.max(step, 0), data.rows.length - 1);
  return data.rows[i]!.id;
}

/** A label or, loudly, the missing key (copy lives in figures.yaml). */
export function label(labels: Record<string, string>, key: string): string {
  const v = labels[key];
  if (v === undefined) throw new Error(`[funding-models] label "${key}" is missing from content/figures.yaml`);
  return v;
}
