/**
 * The "debt trap" claim weighed: rows of content/data/debt.csv (Peru's
 * public debt, Chancay's owners and cost) and content/data/concerns.csv
 * (what sources report, and what none supports). Pure.
 */
export interface DebtRow {
  id: string;
  label: string;
  value: number;
  high?: number | undefined;
  unit: 'pct_gdp' | 'pct_equity' | 'usd_bn';
  confidence: string;
  source: string[];
  note?: string | undefined;
}
export interface ConcernRow {
  id: string;
  concern: string;
  status: 'reported' | 'unsupported';
  finding: string;
  confidence: string;
  source: string[];
}

export interface DebtData {
  /** A single value on a 0–100 % of GDP track: no series exists in the sources. */
  debt: { label: string; value: number };
  /** Equity shares, summing to 100. */
  owners: { id: string; label: string; value: number }[];
  cost: { low: number; high: number | undefined };
}

export function prep(rows: DebtRow[]): DebtData {
  const byId = (id: string) => {
    const r = rows.find((x) => x.id === id);
    if (!r) throw new Error(`[debt-and-finance] row "${id}" is missing from content/data/debt.csv`);
    return r;
  };
  const debt = byId('peru-debt');
  const owners = rows.filter((r) => r.unit === 'pct_equity').map((r) => ({ id: r.id, label: r.label, value: r.value }));
  const total = owners.reduce((s, o) => s + o.value, 0);
  if (Math.abs(total - 100) > 0.5) throw new Error(`[debt-and-finance] equity shares add up to ${total}%, not 100%`);
  const cost = byId('chancay-phase1');
  return { debt: { label: debt.label, value: debt.value }, owners, cost: { low: cost.value, high: cost.high } };
}

/** Concerns grouped in the order they first appear, each with its findings. */
export function groupConcerns(rows: ConcernRow[]): { concern: string; findings: ConcernRow[] }[] {
  const out: { concern: string; findings: ConcernRow[] }[] = [];
  for (const r of rows) {
    let g = out.find((x) => x.concern === r.concern);
    if (!g) out.push((g = { concern: r.concern, findings: [] }));
    g.findings.push(r);
  }
  return out;
}
