import { describe, it, expect } from 'vitest';
import { fundingFlowsSchema, projectTimelinesSchema } from '../../src/viz/project-timelines/schema';
import { prep } from '../../src/viz/project-timelines/prep';
import { layout } from '../../src/viz/project-timelines/geometry';
import { textWidth } from '../../src/lib/text';
import { csv, labelsOf, WIDTHS, overlap } from './h6-fixtures';

const flows = csv('content/data/funding-flows.csv', fundingFlowsSchema);
const timelines = csv('content/data/project-timelines.csv', projectTimelinesSchema);
const labels = labelsOf('project-timelines');
const data = prep(flows, timelines, labels['asOf']!);

describe('money to scale', () => {
  it('carries the sourced amounts (facts.md section 7)', () => {
    const v = Object.fromEntries(flows.map((r) => [r.id, r.value_usd_bn]));
    expect(v).toMatchObject({ 'pgii-goal': 600, 'pgii-us': 200, 'cdb-exim-2005-2022': 136, 'cdb-exim-2022': 0.813, 'cdb-exim-2019-2022': 2.9, 'lobito-dfc': 0.553, 'lobito-dbsa': 0.2, 'chancay-phase1': 1.3 });
    const bars = data.panels.flatMap((p) => p.bars);
    expect(bars.filter((b) => b.pledge).map((b) => b.id).sort()).toEqual(['pgii-goal', 'pgii-us']);
    const lobito = bars.find((b) => b.id === 'lobito')!;
    expect(lobito.value).toBeCloseTo(0.753, 6);
    expect(lobito.label).toMatch(/US\$553 m.*US\$200 m/);
    expect(bars.find((b) => b.id === 'chancay-phase1')!.high).toBe(1.4);
  });

  for (const w of WIDTHS) {
    it(`draws bars to scale within each panel at ${w}px`, () => {
      const l = layout(data, labels, w);
      for (const p of l.panels) {
        const src = data.panels.find((x) => x.id === p.id)!;
        // px per US$ bn is the same for every segment in a panel.
        const rates = p.bars.flatMap((b) => b.segments.map((s) => s.w / src.bars.find((x) => x.id === b.id)!.segments.find((y) => y.id === s.id)!.value));
        for (const r of rates) expect(r).toBeCloseTo(rates[0]!, 6);
        for (const b of p.bars) {
          const end = Math.max(...b.segments.map((s) => s.x + s.w), b.whisker?.x2 ?? 0);
          expect(end).toBeLessThanOrEqual(w + 1e-6);
          if (!b.value.inside) expect(b.value.x + textWidth(b.value.text, 12)).toBeLessThanOrEqual(w + 1);
          else expect(b.value.x - textWidth(b.value.text, 12)).toBeGreaterThanOrEqual(0);
        }
      }
      // 600 : 136 in the totals panel.
      const totals = l.panels[0]!.bars;
      const wOf = (id: string) => totals.find((b) => b.id === id)!.segments[0]!.w;
      expect(wOf('pgii-goal') / wOf('cdb-exim-2005-2022')).toBeCloseTo(600 / 136, 3);
      // The shaded stretch of the totals axis is exactly the next panel's domain.
      const pxPerBn = wOf('pgii-goal') / 600;
      expect(l.panels[0]!.zoom!.w).toBeCloseTo(3 * pxPerBn, 3);
      expect(l.panels[0]!.zoom!.text).toContain('US$3 bn');
    });
  }
});

describe('from deal to operation', () => {
  it('measures Chancay at about 5.8 years and shows Lobito as ongoing', () => {
    const chancay = data.projects.find((p) => p.project === 'Chancay port')!;
    expect(chancay.ongoing).toBe(false);
    expect(chancay.years).toBeCloseTo(5.8, 1);
    const lobito = data.projects.find((p) => p.project.startsWith('Lobito'))!;
    expect(lobito.ongoing).toBe(true);
    expect(lobito.events.map((e) => e.date)).toEqual(['2025-12-17']);
    expect(lobito.years).toBeCloseTo(0.94, 2);
  });

  for (const w of WIDTHS) {
    it(`places event labels at ${w}px without overlaps, inside the width, with no leader crossing a label`, () => {
      const l = layout(data, labels, w);
      for (const s of l.time.spans) {
        const boxes = s.events.map((e) => {
          const tw = Math.max(...e.label.map((x) => textWidth(x, 11)));
          const x = e.anchor === 'start' ? e.labelX : e.labelX - tw;
          return { x, y: e.labelY - 10, w: tw, h: e.label.length * 13, ex: e.x, top: s.y };
        });
        for (const b of boxes) {
          expect(b.x).toBeGreaterThanOrEqual(-1);
          expect(b.x + b.w).toBeLessThanOrEqual(w + 1);
        }
        for (let i = 0; i < boxes.length; i++)
          for (let j = 0; j < boxes.length; j++) {
            if (i !== j && j > i) expect(overlap(boxes[i]!, boxes[j]!), `${w}px: ${s.project} ${i} vs ${j}`).toBe(false);
            // Leader j runs from the line down to its label; it must not pass through label i above it.
            if (i !== j && boxes[i]!.y < boxes[j]!.y) {
              const crosses = boxes[j]!.ex > boxes[i]!.x && boxes[j]!.ex < boxes[i]!.x + boxes[i]!.w;
              expect(crosses, `${w}px: leader ${j} crosses label ${i}`).toBe(false);
            }
          }
      }
      // Time runs left to right: Chancay's opening is right of its deal, today is right of both.
      const c = l.time.spans[0]!;
      expect(c.x2).toBeGreaterThan(c.x1);
      expect(l.time.today.x).toBeGreaterThan(c.x2);
    });
  }
});
