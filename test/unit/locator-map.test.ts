import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { csv, labelsOf, overlap } from './h6-fixtures';
import { locatorPlacesSchema, locatorLinesSchema } from '../../src/viz/locator-map/schema';
import { prep, type LineRow, type PlaceRow } from '../../src/viz/locator-map/prep';
import { layout, projection, EXTENT } from '../../src/viz/locator-map/geometry';
import { markup } from '../../src/viz/locator-map/markup';
import { seaTest, landPath } from '../../src/viz/locator-map/basemap';

const placeRows = csv('content/data/locator-places.csv', locatorPlacesSchema) as PlaceRow[];
const lineRows = csv('content/data/locator-lines.csv', locatorLinesSchema) as LineRow[];
const labels = labelsOf('locator-map');
const data = prep(placeRows, lineRows);
/** The two build-time layouts: the phone one is shown at 320–699 px, the wide one from 700 px (scaled to the column). */
const BUILD = [360, 640];

describe('locator map', () => {
  it('has the places and lines the story needs, each with a source', () => {
    const ids = placeRows.map((p) => p.id);
    for (const id of ['lima', 'callao', 'chancay', 'la-oroya', 'huancayo', 'cerro-de-pasco', 'toromocho', 'barranca']) expect(ids).toContain(id);
    expect(lineRows.map((l) => l.id)).toEqual(expect.arrayContaining(['central-railway', 'cerro-de-pasco-branch', 'chancay-sierra', 'lima-barranca', 'lima-ica', 'chancay-pucallpa', 'andes']));
    for (const r of [...placeRows, ...lineRows]) expect(r.source.length, r.id).toBeGreaterThan(0);
    // Proposed lines have no published route: every one is schematic.
    for (const l of data.lines.filter((l) => l.kind === 'proposed')) expect(l.schematic, l.id).toBe(true);
  });

  it('ends the existing railway at Callao, not at Chancay, and says so on the map', () => {
    const central = data.lines.find((l) => l.id === 'central-railway')!;
    expect(central.places[0]).toBe('callao');
    for (const l of data.lines.filter((l) => l.kind === 'existing')) expect(l.places).not.toContain('chancay');
    // Read as the reader does, across the lines a note is wrapped to.
    const read = markup(layout(data, labels, 360), '').replace(/<\/tspan><tspan[^>]*>/g, ' ');
    expect(read).toMatch(/the railway ends here/);
    expect(read).toMatch(/no railway: 55 km from the line’s end/);
  });

  it("gives the same Callao–Chancay distance in the figure's alt text as on the map, in both editions", () => {
    // The alt text (figures.yaml, figures.es.b.yaml) is plain copy, so it types the distance the map computes from
    // the two ports' positions (rounded to 5 km, as the label is): an edit to either must change the other.
    const km = Math.round(layout(data, labels, 360).gapKm / 5) * 5;
    const altOf = (file: string) => (parse(readFileSync(file, 'utf8')) as { id: string; alt?: string }[]).find((f) => f.id === 'locator-map')?.alt ?? '';
    for (const file of ['content/figures.yaml', 'content/figures.es.b.yaml']) {
      const said = [...altOf(file).matchAll(/(\d+) km/g)].map((m) => Number(m[1]));
      expect(said, file).toEqual([km]);
    }
  });

  for (const w of BUILD) {
    it(`fits the frame and keeps every label apart at ${w}px`, () => {
      const { proj, height } = projection(w);
      // The projection puts the frame's corners on the SVG's edges.
      const [x0, y0] = proj([EXTENT.west, EXTENT.north])!;
      const [x1, y1] = proj([EXTENT.east, EXTENT.south])!;
      expect(x0).toBeCloseTo(0, 0);
      expect(y0).toBeCloseTo(0, 0);
      expect(x1).toBeCloseTo(w, 0);
      expect(Math.abs(y1 - height)).toBeLessThan(1);
      const l = layout(data, labels, w, seaTest(proj));
      // Every drawn place is inside the frame, with room for its marker.
      for (const p of l.places) {
        expect(p.x, p.id).toBeGreaterThan(5);
        expect(p.x, p.id).toBeLessThan(w - 5);
        expect(p.y, p.id).toBeGreaterThan(5);
        expect(p.y, p.id).toBeLessThan(l.height - 5);
      }
      // Off-map places are outside it (their lines are arrows toward them).
      for (const p of data.places.filter((p) => p.kind === 'offmap')) {
        const [x, y] = proj([p.lon, p.lat])!;
        expect(x < 0 || x > w || y < 0 || y > l.height, p.id).toBe(true);
      }
      expect(l.crowded, `${w}px: labels with no free spot`).toEqual([]);
      const marks = l.places.map((p) => ({ x: p.x - 5, y: p.y - 5, w: 10, h: 10, id: p.id }));
      for (const a of l.labels) {
        expect(a.x, a.id).toBeGreaterThanOrEqual(0);
        expect(a.x + a.w, a.id).toBeLessThanOrEqual(w);
        expect(a.y, a.id).toBeGreaterThanOrEqual(0);
        expect(a.y + a.h, a.id).toBeLessThanOrEqual(l.height);
        for (const b of l.labels) if (a !== b) expect(overlap(a, b), `${w}px: ${a.id} / ${b.id}`).toBe(false);
        for (const m of marks) expect(overlap(a, m), `${w}px: label ${a.id} covers marker ${m.id}`).toBe(false);
      }
      // Every labelled place and every line has a label.
      const ids = l.labels.map((x) => x.id);
      for (const p of l.places) expect(ids, p.id).toContain(p.id);
      for (const ln of data.lines.filter((x) => x.kind !== 'area')) expect(ids, ln.id).toContain(`line-${ln.id}`);
      // The coast: the ports are on it (within 6 px of the sea: a few km at these scales), Huancayo is inland,
      // and the sea is sea (a land polygon drawn inside out would fill the whole frame).
      const sea = seaTest(proj);
      const near = (id: string) => {
        const p = l.places.find((x) => x.id === id)!;
        return [-6, -3, 0, 3, 6].some((dx) => [-6, -3, 0, 3, 6].some((dy) => sea(p.x + dx, p.y + dy)));
      };
      expect(near('callao'), `${w}px: Callao off the coast`).toBe(true);
      expect(near('chancay'), `${w}px: Chancay off the coast`).toBe(true);
      expect(near('huancayo')).toBe(false);
      expect(sea(2, l.height - 2), 'the south-west corner is open sea').toBe(true);
      expect(sea(w - 2, 2), 'the north-east corner is land').toBe(false);
      if (l.ocean) expect(sea(l.ocean.x + l.ocean.w / 2, l.ocean.y + l.ocean.h / 2), 'ocean label on land').toBe(true);
    });
  }

  it('keeps the coastline light: the land path is under 8 kB at the wide width', () => {
    const d = landPath(projection(640).proj);
    expect(d.length).toBeGreaterThan(80);
    expect(d.length).toBeLessThan(8000);
  });

  it('fails naming the file and row when a line goes through a place that is not in the file', () => {
    const bad = lineRows.map((r) => (r.id === 'central-railway' ? { ...r, via: 'callao;lima;tarma' } : r));
    expect(() => prep(placeRows, bad)).toThrow(/locator-lines\.csv: row "central-railway": via names "tarma", which is not in content\/data\/locator-places\.csv/);
  });

  it('refuses a hand-placed point on a line that is not schematic', () => {
    const bad = lineRows.map((r) => (r.id === 'central-railway' ? { ...r, via: 'callao;@-76.5 -11.8;la-oroya' } : r));
    expect(() => prep(placeRows, bad)).toThrow(/row "central-railway": hand-placed point "@-76.5 -11.8" on a line that is not schematic/);
  });

  it('has no English defaults: a label missing from the edition fails naming the key', () => {
    for (const key of ['ocean', 'andes', 'elev', 'schematic']) {
      const { [key]: _gone, ...rest } = labels;
      expect(() => layout(data, rest, 640), key).toThrow(new RegExp(`label "${key}" is missing`));
    }
    // The edition's words are what the map shows (here a Spanish label set).
    const es = { ...labels, ocean: 'Océano Pacífico', elev: '{m} m s. n. m.' };
    const svg = markup(layout(data, es, 640), '');
    expect(svg).toContain('Océano Pacífico');
    expect(svg).not.toContain('Pacific Ocean');
    expect(svg).toMatch(/3,\d{3} m s\. n\. m\./);
  });

  it('reports a crowded label instead of hiding it', () => {
    const tiny = layout(data, labels, 200);
    expect(tiny.crowded.length).toBeGreaterThan(0);
  });
});
