import { describe, it, expect } from 'vitest';
import { z } from 'astro/zod';
import { text, sourceIds } from '../../src/lib/data-loader';
import { prep, activeRow, label } from '../../src/viz/funding-models/prep';
import { layout } from '../../src/viz/funding-models/geometry';
import { markup } from '../../src/viz/funding-models/markup';
import { wrap, measureText, dodge, decimalYear, yearsBetween, formatUsd, formatDate, formatUsdRange, formatNumber } from '../../src/lib/text';
import { csv, labelsOf, WIDTHS, overlap } from './h6-fixtures';

// Same fields as the fundingModels collection in src/content.config.ts.
const rowSchema = z.object({ id: z.string(), feature: text(), china: text(), us: text(), source: sourceIds() });
const rows = csv('content/data/funding-models.csv', rowSchema);
const labels = labelsOf('funding-models');
const data = prep(rows);

describe('text helpers', () => {
  it('wraps to the width and keeps every word', () => {
    const s = 'Competitive bidding, split across many parties';
    const lines = wrap(s, 120, 12);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(measureText(l, 12)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe(s);
  });

  it('dodge pushes labels apart, only downwards', () => {
    const spans = [{ y: 10, h: 20 }, { y: 15, h: 20 }, { y: 100, h: 10 }];
    const tops = dodge(spans, 4);
    expect(tops).toEqual([10, 34, 100]);
  });

  it('dates and amounts read as the sources give them', () => {
    expect(yearsBetween('2019-01-23', '2024-11-14')).toBeCloseTo(5.81, 2);
    expect(decimalYear('2024-11-14')).toBeCloseTo(2024.87, 2);
    expect(formatUsd(0.813, 'en')).toBe('US$813 m');
    expect(formatUsd(2.9, 'en')).toBe('US$2.9 bn');
    expect(formatUsd(3, 'en')).toBe('US$3 bn');
    expect(formatUsd(600, 'en')).toBe('US$600 bn');
    expect(formatUsdRange(14, 14.3, 'en')).toBe('US$14–14.3 bn');
    expect(formatNumber(4783, 'en')).toBe('4,783');
    expect(formatDate('2024-03-01', 'month', 'en')).toBe('Mar 2024');
    expect(formatDate('2026-11-18', 'day', 'en')).toBe('18 Nov 2026');
    expect(formatDate('2021-06-30', 'year', 'en')).toBe('2021');
    // An edition without a table is an error, not English.
    expect(() => formatUsd(1, 'xx' as 'en')).toThrow(/unknown locale/);
  });
});

describe('funding-models steps', () => {
  it('has one step per row of the article table, in the table order', () => {
    expect(data.rows.map((r) => r.id)).toEqual(['funding', 'implementation', 'focus', 'timeline']);
    expect(data.rows.map((_, i) => activeRow(data, i))).toEqual(['funding', 'implementation', 'focus', 'timeline']);
  });

  it('draws the first row before the first step, clamps past the last and lights all rows without JS', () => {
    expect(activeRow(data, -1)).toBe('funding');
    expect(activeRow(data, 99)).toBe('timeline');
    expect(activeRow(data, null)).toBeNull();
    const l = layout(data, labels, 390);
    expect(markup(l, null).match(/class="fm-row is-lit"/g)).toHaveLength(4);
    const lit = markup(l, 'focus');
    expect(lit.match(/class="fm-row is-lit"/g)).toHaveLength(1);
    expect(lit).toContain('class="fm-row is-lit" data-row="focus"');
  });

  it('keeps the roomy picture where it fits (a desktop stage), and tightens only on a short stage', () => {
    expect(layout(data, labels, 688, 743)).toEqual(layout(data, labels, 688));
    expect(layout(data, labels, 350, 600)).toEqual(layout(data, labels, 350));
    const tight = layout(data, labels, 350, 444);
    expect(tight.height).toBeLessThan(layout(data, labels, 350).height);
    // A stage too short for any preset: the tightest, which the page scales down.
    expect(layout(data, labels, 320, 200).fontSize).toBe(11);
  });

  it('says on the graphic that it is schematic, and fails loudly on missing copy', () => {
    expect(markup(layout(data, labels, 390), null)).toMatch(/Schematic/);
    expect(() => label({}, 'cn-funding-1')).toThrow(/cn-funding-1.*figures\.yaml/);
  });

  // Widths with no height (the build picture, stills, wide stages), and a phone's sticky stage: 320x384 at
  // 360x740, 350x444 at 390x844 (the canvas under the stage's title).
  for (const [w, stage] of [...WIDTHS.map((w) => [w, 0] as const), [320, 384], [350, 444]] as const) {
    it(`fits ${w}px${stage ? ` and a ${stage} px stage` : ''}: boxes inside the width, text inside its box, nothing overlapping`, () => {
      const l = layout(data, labels, w, stage);
      expect(l.width).toBe(w);
      if (stage) {
        // Tight enough to fit the stage at full width, words never under 11 px.
        expect(l.height).toBeLessThanOrEqual(stage);
        expect(l.fontSize).toBeGreaterThanOrEqual(11);
        expect(l.head).toBeGreaterThanOrEqual(11);
      }
      const nodes = l.rows.flatMap((r) => r.nodes);
      for (const n of nodes) {
        expect(n.x).toBeGreaterThanOrEqual(0);
        expect(n.x + n.w).toBeLessThanOrEqual(w + 1e-6);
        const room = n.w - (n.kind === 'bar' ? 0 : 2 * l.pad) - (n.kind === 'gate' ? 30 : 0);
        for (const line of n.lines) expect(measureText(line, l.fontSize), `${line} at ${w}px`).toBeLessThanOrEqual(room + 1e-6);
        expect(n.y + n.h).toBeLessThanOrEqual(l.height);
      }
      for (let i = 0; i < nodes.length; i++)
        for (let j = i + 1; j < nodes.length; j++) expect(overlap(nodes[i]!, nodes[j]!), `${w}px: node ${i} vs ${j}`).toBe(false);
      // Rows stack in order, each band below the previous row's boxes.
      for (let i = 1; i < l.rows.length; i++) {
        const prevBottom = Math.max(...l.rows[i - 1]!.nodes.map((n) => n.y + n.h));
        expect(l.rows[i]!.band.y).toBeGreaterThan(prevBottom);
      }
      // Both sides are drawn in every row, and the US timeline bar is longer than China's.
      for (const r of l.rows) expect(new Set(r.nodes.map((n) => n.side))).toEqual(new Set(['cn', 'us']));
      const bars = l.rows.find((r) => r.id === 'timeline')!.nodes;
      expect(bars.find((n) => n.side === 'us')!.barW!).toBeGreaterThan(bars.find((n) => n.side === 'cn')!.barW!);
    });
  }
});
