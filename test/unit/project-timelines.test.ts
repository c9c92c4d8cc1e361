import { describe, it, expect } from 'vitest';
import { fundingFlowsSchema, projectTimelinesSchema } from '../../src/viz/project-timelines/schema';
import { prep } from '../../src/viz/project-timelines/prep';
import { layout, fittingTicks, ZOOM_FONT, ZOOM_LINE } from '../../src/viz/project-timelines/geometry';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatUsd, measureText } from '../../src/lib/text';
import { scaleLinear } from 'd3-scale';
import { csv, labelsOf, WIDTHS, overlap } from './h6-fixtures';
import { site } from '../../src/lib/site';

const flows = csv('content/data/funding-flows.csv', fundingFlowsSchema);
const timelines = csv('content/data/project-timelines.csv', projectTimelinesSchema);
const labels = labelsOf('project-timelines');
// "Today" is the story's updated date (content/site.json), not a label in figures.yaml.
const data = prep(flows, timelines, site.updated);

describe('the zoom note', () => {
  // The Spanish note ("Sombreado: 0–US$150,000 millones, la escala del panel de abajo") once ran 8 px past
  // a 288 px picture (a 320 px phone): it is wrapped to the width, and the panels below move down by its lines.
  const es = (parse(readFileSync('content/figures.es.a.yaml', 'utf8')) as { id: string; labels?: Record<string, string> }[]).find((f) => f.id === 'project-timelines')!.labels!;
  // The unit tests format money in English; the Spanish amount as the Spanish page writes it (the longest note).
  for (const [edition, zoom] of [['en', labels['zoom']!], ['es', es['zoom']!.replace('{max}', 'US$150,000 millones')]] as const) {
    it(`stays inside the picture at every width from 280 to 680 px (${edition} note)`, () => {
      let wrapped = 0;
      for (let w = 280; w <= 680; w++) {
        const l = layout(data, { ...labels, zoom }, w);
        for (const [i, p] of l.panels.entries()) {
          if (!p.zoom) continue;
          for (const line of p.zoom.lines) expect(measureText(line, ZOOM_FONT), `${w}px: "${line}"`).toBeLessThanOrEqual(w);
          if (p.zoom.lines.length > 1) wrapped++;
          // The next panel starts below the note's last line.
          const next = l.panels[i + 1];
          if (next) expect(next.y, `${w}px`).toBeGreaterThanOrEqual(p.bottom + 2 + (p.zoom.lines.length - 1) * ZOOM_LINE + 4);
        }
      }
      if (edition === 'es') expect(wrapped, 'the Spanish note wraps on the narrowest phones').toBeGreaterThan(0);
    });
  }
});

describe('money to scale', () => {
  it('carries the sourced amounts (funding-flows.csv)', () => {
    const v = Object.fromEntries(flows.map((r) => [r.id, r.value_usd_bn]));
    expect(v).toMatchObject({ 'pgii-goal': 600, 'pgii-us': 200, 'cdb-exim-2005-2022': 136, 'cdb-exim-2022': 0.863, 'cdb-exim-2023': 1.3, 'cdb-exim-2019-2022': 2.9, 'lobito-dfc': 0.553, 'lobito-dbsa': 0.2, 'chancay-phase1': 1.3 });
    const bars = data.panels.flatMap((p) => p.bars);
    expect(bars.filter((b) => b.pledge).map((b) => b.id).sort()).toEqual(['pgii-goal', 'pgii-us']);
    // Like with like (review M10): each panel holds one kind of money.
    expect(data.panels.map((p) => [p.id, [...new Set(p.bars.map((b) => (b.pledge ? 'pledge' : flows.find((f) => (f.stack ?? f.id) === b.id)!.kind)))]])).toEqual([
      ['pledges', ['pledge']],
      ['lending', ['lending']],
      ['projects', ['project', 'loan']],
    ]);
    // Chancay is not "private": it is a corporate investment led by a Chinese state-owned group (review H3).
    const chancay = bars.find((b) => b.id === 'chancay-phase1')!;
    expect(chancay.label).toMatch(/state-owned/);
    expect(chancay.label).not.toMatch(/private/i);
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
          if (!b.value.inside) expect(b.value.x + measureText(b.value.text, 12, { weight: 600 })).toBeLessThanOrEqual(w + 1);
          else expect(b.value.x - measureText(b.value.text, 12, { weight: 600 })).toBeGreaterThanOrEqual(0);
        }
      }
      // 136 : 2.9 in the lending panel, on one scale.
      const lending = l.panels[1]!.bars;
      const wOf = (id: string) => lending.find((b) => b.id === id)!.segments[0]!.w;
      expect(wOf('cdb-exim-2005-2022') / wOf('cdb-exim-2019-2022')).toBeCloseTo(136 / 2.9, 1);
      // The shaded stretch of each axis is exactly the next panel's domain.
      const pledgePx = l.panels[0]!.bars.find((b) => b.id === 'pgii-goal')!.segments[0]!.w / 600;
      expect(l.panels[0]!.zoom!.w).toBeCloseTo(150 * pledgePx, 3);
      expect(l.panels[0]!.zoom!.lines.join(' ')).toContain('US$150 bn');
      expect(l.panels[1]!.zoom!.w).toBeCloseTo(1.5 * (wOf('cdb-exim-2005-2022') / 136), 3);
      expect(l.panels[2]!.zoom).toBeUndefined();
    });
  }
});

describe('from deal to operation', () => {
  it('measures Chancay at about 5.8 years and shows Lobito as an operating line being upgraded (review H2)', () => {
    const chancay = data.projects.find((p) => p.id === 'chancay')!;
    expect(chancay.ongoing).toBe(false);
    expect(chancay.years).toBeCloseTo(5.8, 1);
    const lobito = data.projects.find((p) => p.id === 'lobito')!;
    expect(lobito.ongoing).toBe(false);
    expect(lobito.events.map((e) => [e.date, e.stage])).toEqual([
      ['2023-07-04', 'announce'],
      ['2024-01-01', 'operate'],
      ['2025-12-17', 'finance'],
    ]);
    // Its operating line runs to today; each row's title says what kind of project it is.
    const l = layout(data, labels, 390);
    const span = l.time.spans.find((s) => s.id === 'lobito')!;
    expect(span.xOperating).toBeCloseTo(l.time.today.x, 6);
    // No build line: it was already a railway, so it is drawn operating (thin) from its first event.
    expect(span.x2).toBe(span.x1);
    const chancaySpan = l.time.spans.find((s) => s.id === 'chancay')!;
    expect(chancaySpan.x2).toBeGreaterThan(chancaySpan.x1);
    expect(span.titleLines.join(' ')).toMatch(/operating line being upgraded/);
    expect(l.time.spans.find((s) => s.id === 'chancay')!.titleLines.join(' ')).toMatch(/built new: about 5\.8 years/);
    // Nothing on the figure says Lobito is not operating.
    expect(JSON.stringify(l)).not.toMatch(/not operating|so far/);
  });

  it('takes "Today" from content/site.json', () => {
    expect(data.today.date).toBe(site.updated);
    expect(labels['asOf']).toBeUndefined();
  });

  for (const w of WIDTHS) {
    it(`places event labels at ${w}px without overlaps, inside the width, with no leader crossing a label`, () => {
      const l = layout(data, labels, w);
      for (const s of l.time.spans) {
        const boxes = s.events.map((e) => {
          const tw = Math.max(...e.label.map((x) => measureText(x, 11)));
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

describe('money axis ticks fit, in both editions', () => {
  // The money panels' scales as layout() builds them; Spanish labels ("US$400,000 millones") run about twice as long.
  for (const locale of ['en', 'es'] as const) {
    for (const width of WIDTHS) {
      it(`${locale} at ${width} px: at least two ticks per panel, labels inside the width and apart`, () => {
        for (const p of data.panels) {
          const x = scaleLinear().domain([0, p.max]).nice(4).range([0, width - 4]);
          const ticks = fittingTicks(x, width < 480 ? 3 : 5, width - 4, (t) => formatUsd(t, locale));
          expect(ticks.length, `${p.id}`).toBeGreaterThanOrEqual(2);
          const spans = ticks.map((t) => {
            const w = measureText(t.label, 11);
            return t.anchor === 'start' ? [t.x, t.x + w] : t.anchor === 'end' ? [t.x - w, t.x] : [t.x - w / 2, t.x + w / 2];
          });
          spans.forEach(([a, b], i) => {
            expect(a, `${p.id} ${ticks[i]!.label}`).toBeGreaterThanOrEqual(0);
            expect(b, `${p.id} ${ticks[i]!.label}`).toBeLessThanOrEqual(width - 4 + 0.01);
            if (i > 0) expect(a - spans[i - 1]![1], `${p.id}: ${ticks[i - 1]!.label} / ${ticks[i]!.label}`).toBeGreaterThanOrEqual(8);
          });
        }
      });
    }
  }

  it('the check can fail: d3\'s own three ticks at 320 px, in Spanish, collide (what the page drew before)', () => {
    const p = data.panels[0]!;
    const x = scaleLinear().domain([0, p.max]).nice(4).range([0, 316]);
    const values = x.ticks(3);
    const spans = values.map((v, i) => {
      const w = measureText(v === 0 ? '0' : formatUsd(v, 'es'), 11);
      const tx = x(v);
      // The old markup's anchors: first start, last end near the edge, the rest centred.
      return i === 0 ? [tx, tx + w] : i === values.length - 1 && tx > 316 - 30 ? [tx - w, tx] : [tx - w / 2, tx + w / 2];
    });
    const gaps = spans.slice(1).map(([a], i) => a! - spans[i]![1]!);
    expect(Math.min(...gaps)).toBeLessThan(8);
    expect(fittingTicks(x, 3, 316, (t) => formatUsd(t, 'es')).length).toBeLessThan(values.length);
  });
});
