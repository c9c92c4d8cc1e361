import { describe, it, expect } from 'vitest';
import { milestonesSchema } from '../../src/viz/road-ahead/schema';
import { prep } from '../../src/viz/road-ahead/prep';
import { layout } from '../../src/viz/road-ahead/geometry';
import { textWidth } from '../../src/lib/text';
import { csv, labelsOf, WIDTHS } from './h6-fixtures';

const rows = csv('content/data/milestones.csv', milestonesSchema);
const labels = labelsOf('road-ahead');
const data = prep(rows, labels['asOf']!, labels['today']!);

describe('road ahead', () => {
  it('runs from the 2019 deal to today and the rail targets, with the APEC hosts as sourced', () => {
    expect(data.marks[0]!.id).toBe('chancay-deal');
    const ids = data.marks.map((m) => m.id);
    expect(ids.indexOf('today')).toBeGreaterThan(ids.indexOf('apec-shenzhen'));
    expect(ids.slice(-2)).toEqual(['powerchina-2028', 'lima-barranca-2031']);
    const apec = rows.filter((r) => r.kind === 'apec');
    expect(apec.map((r) => r.date.slice(0, 4))).toEqual(['2024', '2025', '2026']);
    expect(apec.find((r) => r.date.startsWith('2026'))!.label).toMatch(/Shenzhen/);
    expect(apec.some((r) => r.date.startsWith('2026') && /Peru|Lima/.test(r.label))).toBe(false);
    expect(data.marks.find((m) => m.id === 'powerchina-2028')!.low).toBe(true);
  });

  for (const w of WIDTHS) {
    it(`keeps time linear and labels apart at ${w}px`, () => {
      const l = layout(data, labels, w);
      const y = (id: string) => l.marks.find((m) => m.id === id)!.y;
      const perYear = (l.years[1]!.y - l.years[0]!.y);
      expect(y('chancay-open') - y('chancay-deal')).toBeCloseTo(5.81 * perYear, 0);
      // Labels never overlap, stay inside the width and start below the top.
      const sorted = [...l.marks].sort((a, b) => a.top - b.top);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.top, `${w}px: ${sorted[i]!.id}`).toBeGreaterThanOrEqual(sorted[i - 1]!.top + sorted[i - 1]!.h);
      for (const m of l.marks) {
        expect(m.top).toBeGreaterThanOrEqual(0);
        for (const line of m.lines) expect(l.labelX + textWidth(line, 12)).toBeLessThanOrEqual(w);
      }
      // Labels keep the dates' order.
      const byDate = [...l.marks].sort((a, b) => a.y - b.y).map((m) => m.id);
      expect(sorted.map((m) => m.id)).toEqual(byDate);
      // The article's APEC error is corrected on the figure itself.
      expect(l.marks.find((m) => m.id === 'apec-shenzhen')!.callout.join(' ')).toMatch(/article says Peru hosts APEC 2026/);
      expect(l.marks.find((m) => m.id === 'powerchina-2028')!.lines.join(' ')).toMatch(/low confidence/);
      expect(l.height).toBeGreaterThanOrEqual(Math.max(...l.marks.map((m) => m.top + m.h)));
    });
  }
});
