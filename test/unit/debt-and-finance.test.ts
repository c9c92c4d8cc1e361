import { describe, it, expect } from 'vitest';
import { debtSchema, concernsSchema } from '../../src/viz/debt-and-finance/schema';
import { prep, groupConcerns } from '../../src/viz/debt-and-finance/prep';
import { layout } from '../../src/viz/debt-and-finance/geometry';
import { measureText } from '../../src/lib/text';
import { csv, labelsOf, WIDTHS } from './h6-fixtures';

const rows = csv('content/data/debt.csv', debtSchema);
const concerns = csv('content/data/concerns.csv', concernsSchema);
const labels = labelsOf('debt-and-finance');
const data = prep(rows);

describe('debt and finance', () => {
  it('shows the one sourced debt figure and Chancay as private equity, not a sovereign loan', () => {
    expect(data.debt.value).toBe(31.1);
    expect(data.owners.map((o) => o.value)).toEqual([60, 40]);
    expect(data.cost).toEqual({ low: 1.3, high: 1.4 });
    expect(labels['costNote']).toMatch(/not a loan to Peru’s state/);
  });

  it('refuses equity shares that do not add up to 100%', () => {
    const bad = rows.map((r) => (r.id === 'volcan-share' ? { ...r, value: 30 } : r));
    expect(() => prep(bad)).toThrow(/add up to 90%/);
  });

  it('groups the three concerns, each with at least one thing no source supports', () => {
    const g = groupConcerns(concerns);
    expect(g.map((x) => x.concern)).toEqual(['Environment and communities', 'Debt sustainability', 'Local labour']);
    for (const x of g) expect(x.findings.some((f) => f.status === 'unsupported'), x.concern).toBe(true);
    const labour = g[2]!.findings.find((f) => f.status === 'unsupported')!;
    expect(labour.finding).toMatch(/No sourced split of Chinese and Peruvian workers/);
  });

  for (const w of WIDTHS) {
    it(`draws to scale inside ${w}px`, () => {
      const l = layout(data, labels, w);
      expect(l.debt.w / l.debt.full).toBeCloseTo(0.311, 6);
      const [cosco, volcan] = l.owners.segs;
      expect(cosco!.w / (cosco!.w + volcan!.w)).toBeCloseTo(0.6, 6);
      expect(volcan!.x).toBeCloseTo(cosco!.x + cosco!.w, 6);
      const vx = l.debt.valueInside ? l.debt.valueX - measureText(l.debt.value, 13, { weight: 700 }) : l.debt.valueX + measureText(l.debt.value, 13, { weight: 700 });
      expect(vx).toBeGreaterThanOrEqual(0);
      expect(vx).toBeLessThanOrEqual(w);
      for (const s of l.owners.segs) for (const line of s.lines) expect(measureText(line, 12)).toBeLessThanOrEqual(Math.max(60, s.w - 8));
      expect(l.owners.y).toBeGreaterThan(l.debt.noteY);
    });
  }
});
