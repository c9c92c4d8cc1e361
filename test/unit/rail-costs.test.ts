import { describe, it, expect } from 'vitest';
import { railProjectsSchema } from '../../src/viz/rail-costs/schema';
import { prep, stateAt, type RailProjectRow } from '../../src/viz/rail-costs/prep';
import { layout, BAR_H, LABEL_LINE, LABEL_FONT, TAG_FONT, VALUE_FONT, BRACKET_LINE } from '../../src/viz/rail-costs/geometry';
import { markup } from '../../src/viz/rail-costs/markup';
import { measureText } from '../../src/lib/text';
import { csv, labelsOf, WIDTHS, overlap, type Rect } from './h6-fixtures';

const rows = csv('content/data/rail-projects.csv', railProjectsSchema) as RailProjectRow[];
const labels = labelsOf('rail-costs');
const data = prep(rows);

describe('rail costs: the coastal plan is two lines, not a third project (review H4)', () => {
  it('draws no bar for the US$10 bn pitch and brackets Lima–Barranca with Lima–Ica', () => {
    expect(data.bars.map((b) => b.id)).not.toContain('coastal-pitch');
    expect(data.bars.map((b) => b.id)).toEqual(['claimed-4bn', 'chancay-sierra', 'lima-barranca', 'lima-ica', 'chancay-pucallpa']);
    expect(data.brackets).toEqual([{ id: 'coastal-pitch', label: expect.stringMatching(/coastal/), value: 10, members: ['lima-barranca', 'lima-ica'], sum: 10.9 }]);
    const l = layout(data.bars, 390, labels, data.brackets);
    expect(l.brackets[0]!.lines.join(' ')).toMatch(/US\$10 bn.*4\.4 \+ 6\.5 = 10\.9.*not a third project/);
    // The bracket spans exactly its two rows: from Lima–Barranca's name to below Lima–Ica's bar.
    const lb = l.bars.find((b) => b.id === 'lima-barranca')!;
    const li = l.bars.find((b) => b.id === 'lima-ica')!;
    const br = l.brackets[0]!;
    expect(br.y1).toBeLessThanOrEqual(lb.y + 2);
    expect(br.y2).toBeGreaterThanOrEqual(li.y + li.barTop + BAR_H);
    const pucallpa = l.bars.find((b) => b.id === 'chancay-pucallpa')!;
    expect(br.y2).toBeLessThan(pucallpa.y);
  });

  it('shows the bracket with every project (the last step), not before', () => {
    expect(stateAt(data, 0).brackets).toEqual([]);
    expect(stateAt(data, 1).brackets).toEqual([]);
    expect(stateAt(data, 2).brackets).toEqual(['coastal-pitch']);
    expect(stateAt(data, 1).highlight).toEqual(['lima-barranca', 'chancay-sierra']);
    const svg = markup(layout(data.bars, 390, labels, data.brackets), stateAt(data, 2).show, [], 'US$', stateAt(data, 2).brackets);
    expect(svg).toMatch(/class="bracket is-shown" data-id="coastal-pitch"/);
  });

  it('highlights the lines with a Chinese builder from the chinese_builder code, whatever language chinese_backing is written in', () => {
    // The Spanish edition replaces chinese_backing with Spanish words; step 2 must light the same bars.
    const es = rows.map((r) => ({ ...r, chinese_backing: `texto en español: ${r.id}` }));
    expect(stateAt(prep(es), 1).highlight).toEqual(stateAt(data, 1).highlight);
    expect(stateAt(data, 1).highlight).toContain('chancay-sierra');
    const none = rows.map((r) => ({ ...r, chinese_builder: 'no' as const }));
    expect(stateAt(prep(none), 1).highlight).toEqual(['lima-barranca']);
  });

  it("says what is reported about Chinese backing, Lima–Ica's as unconfirmed interest (review M20)", () => {
    expect(rows.find((r) => r.id === 'lima-ica')!.chinese_backing).toMatch(/Chinese interest.*unconfirmed/);
    expect(rows.find((r) => r.id === 'lima-ica')!.source).toContain('atv-2025-09-25');
    expect(labels['tag_lima-ica']).toMatch(/unconfirmed/);
    for (const b of data.bars) expect(labels[`tag_${b.id}`], b.id).toBeTruthy();
  });

  for (const w of WIDTHS) {
    it(`keeps every text apart and inside ${w}px`, () => {
      const l = layout(data.bars, w, labels, data.brackets);
      const boxes: (Rect & { what: string })[] = [];
      for (const b of l.bars) {
        const x0 = l.margin.left;
        // A line of text reaches from 0.75 of its size above the baseline to 0.25 below.
        const text = (what: string, s: string, size: number, baseline: number, weight = 400) =>
          boxes.push({ what, x: x0, y: b.y + baseline - 0.75 * size, w: measureText(s, size, { weight }), h: size });
        b.labelLines.forEach((s, i) => text(`${b.id} name ${i}`, s, LABEL_FONT, 12 + i * LABEL_LINE, 600));
        b.tagLines.forEach((s, i) => text(`${b.id} tag ${i}`, s, TAG_FONT, 12 + (b.labelLines.length - 1) * LABEL_LINE + 13 * (i + 1)));
        boxes.push({ what: `${b.id} value`, x: x0 + b.width + 6, y: b.y + b.barTop, w: measureText(b.valueLabel, VALUE_FONT), h: BAR_H });
        boxes.push({ what: `${b.id} bar`, x: x0, y: b.y + b.barTop, w: b.width, h: BAR_H });
      }
      for (const br of l.brackets) boxes.push({ what: `${br.id} label`, ...br.box });
      for (const b of boxes) {
        expect(b.x + b.w, `${w}px: ${b.what} runs past the right edge`).toBeLessThanOrEqual(w);
        expect(b.y + b.h, `${w}px: ${b.what} runs past the bottom`).toBeLessThanOrEqual(l.height);
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `${w}px: ${boxes[i]!.what} / ${boxes[j]!.what}`).toBe(false);
      // The bracket's label wraps to whole lines inside the width.
      for (const br of l.brackets) expect(br.box.h).toBe(br.lines.length * BRACKET_LINE);
    });
  }

  it('fails with the file and row when a plan names a project that is not in the file', () => {
    const bad = rows.map((r) => (r.id === 'coastal-pitch' ? { ...r, members: 'lima-barranca;lima-cusco' } : r));
    expect(() => prep(bad)).toThrow(/rail-projects\.csv: row "coastal-pitch": member "lima-cusco" is not a project row/);
  });

  it('fails when a plan groups projects that are not neighbours, which one bracket cannot draw', () => {
    const bad = rows.map((r) => (r.id === 'coastal-pitch' ? { ...r, members: 'chancay-sierra;lima-ica' } : r));
    expect(() => prep(bad)).toThrow(/row "coastal-pitch": its members are not neighbours/);
  });

  it('refuses a row whose kind is not claim, project or package', () => {
    expect(() => railProjectsSchema.parse({ ...rows[0], kind: 'plan', source: 'timenews' })).toThrow(/kind must be claim, project or package/);
  });
});
