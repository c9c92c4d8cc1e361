import { describe, it, expect } from 'vitest';
import { milestonesSchema } from '../../src/viz/road-ahead/schema';
import { prep } from '../../src/viz/road-ahead/prep';
import { layout } from '../../src/viz/road-ahead/geometry';
import { measureText } from '../../src/lib/text';
import { csv, labelsOf, WIDTHS } from './h6-fixtures';
import { site } from '../../src/lib/site';

const rows = csv('content/data/milestones.csv', milestonesSchema);
const labels = labelsOf('road-ahead');
// "Today" is the story's updated date (content/site.json), not a label in figures.yaml.
const data = prep(rows, site.updated, labels['today']!);

describe('road ahead', () => {
  it('runs from the 2019 deal to today and the rail targets, with the APEC hosts as sourced', () => {
    expect(data.marks[0]!.id).toBe('chancay-deal');
    const ids = data.marks.map((m) => m.id);
    expect(ids.indexOf('today')).toBeGreaterThan(ids.indexOf('apec-shenzhen'));
    expect(ids.slice(-2)).toEqual(['powerchina-2028', 'lima-barranca-2031']);
    const apec = rows.filter((r) => r.kind === 'apec');
    expect(apec.map((r) => r.date.slice(0, 4))).toEqual(['2024', '2024', '2025', '2026']);
    expect(apec.find((r) => r.date.startsWith('2026'))!.label).toMatch(/Shenzhen/);
    // Review H6: China's 2026 hosting was announced at Lima (16 Nov 2024); Gyeongju named Shenzhen.
    expect(rows.find((r) => r.id === 'china-host-announced')).toMatchObject({ date: '2024-11-16' });
    expect(rows.find((r) => r.id === 'apec-gyeongju')!.label).toMatch(/names Shenzhen/);
    expect(rows.find((r) => r.id === 'apec-gyeongju')!.label).not.toMatch(/will host/);
    // Review H7: the Shenzhen meeting is past on the updated date, and nothing calls it scheduled.
    expect(data.marks.find((m) => m.id === 'apec-shenzhen')!.t).toBeLessThan(data.today);
    for (const r of rows.filter((x) => x.date <= site.updated)) expect(r.label, r.id).not.toMatch(/scheduled|will be held|is hosted/i);
    // 'Today' is site.json's updated date, in words ("3 Dec 2026"): derived here, so bumping `updated` needs no test edit.
    const [uy, um, ud] = site.updated.split('-').map(Number) as [number, number, number];
    const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    expect(data.marks.find((m) => m.id === 'today')!.dateText).toBe(`${ud} ${MON[um - 1]} ${uy}`);
    expect(apec.some((r) => r.date.startsWith('2026') && /Peru|Lima/.test(r.label))).toBe(false);
    expect(data.marks.find((m) => m.id === 'powerchina-2028')!.low).toBe(true);
  });

  for (const w of WIDTHS) {
    it(`puts each label at its own date, in order, and labels apart at ${w}px`, () => {
      const l = layout(data, labels, w);
      // Each label starts at its dot (its date line's baseline 11 px under the top: a level leader).
      for (const m of l.marks) expect(m.top, `${w}px: ${m.id}`).toBe(m.y - 11);
      // Time runs down: the years in order, and each date between its year's tick and the next.
      for (let i = 1; i < l.years.length; i++) expect(l.years[i]!.y, `${w}px: ${l.years[i]!.label}`).toBeGreaterThan(l.years[i - 1]!.y);
      for (const [i, m] of l.marks.entries()) {
        const t = data.marks[i]!.t;
        const tick = (yr: number) => l.years.find((x) => x.label === String(yr))!.y;
        expect(m.y, `${w}px: ${m.id}`).toBeGreaterThanOrEqual(tick(Math.floor(t)));
        expect(m.y, `${w}px: ${m.id}`).toBeLessThanOrEqual(tick(Math.floor(t) + 1));
      }
      // Where the labels fit, a year is a year: the first two marks (2019, 2021) stand as far apart as their dates.
      const y = (id: string) => l.marks.find((m) => m.id === id)!.y;
      const perYear = l.years[1]!.y - l.years[0]!.y;
      expect(y(data.marks[1]!.id) - y(data.marks[0]!.id)).toBeCloseTo((data.marks[1]!.t - data.marks[0]!.t) * perYear, 0);
      // Labels never overlap, stay inside the width and start below the top.
      const sorted = [...l.marks].sort((a, b) => a.top - b.top);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.top, `${w}px: ${sorted[i]!.id}`).toBeGreaterThanOrEqual(sorted[i - 1]!.top + sorted[i - 1]!.h);
      for (const m of l.marks) {
        expect(m.top).toBeGreaterThanOrEqual(0);
        for (const line of m.lines) expect(l.labelX + measureText(line, 12, { weight: m.kind === 'today' ? 700 : 400 })).toBeLessThanOrEqual(w);
      }
      // Labels keep the dates' order.
      const byDate = [...l.marks].sort((a, b) => a.y - b.y).map((m) => m.id);
      expect(sorted.map((m) => m.id)).toEqual(byDate);
      // The article's APEC error is corrected on the figure itself.
      expect(l.marks.find((m) => m.id === 'china-host-announced')!.callout.join(' ')).toMatch(/article says Peru would host APEC in 2026/);
      expect(l.marks.find((m) => m.id === 'powerchina-2028')!.lines.join(' ')).toMatch(/low confidence/);
      expect(l.height).toBeGreaterThanOrEqual(Math.max(...l.marks.map((m) => m.top + m.h)));
    });
  }
});
