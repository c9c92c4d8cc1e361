/**
 * The locator map reads without JavaScript: the built chapter page holds both
 * build-time SVGs (phone and wide), each with every place that is on the map,
 * the lines, the "railway ends at Callao" note, and no script of its own
 * before the figure nears the viewport.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/lib/csv';
import { mapProblems } from './locator-map-read';

const dist = process.env.DIST_DIR ?? 'dist';
const html = readFileSync(`${dist}/the-announcement/index.html`, 'utf8');
const htmlEs = readFileSync(`${dist}/es/the-announcement/index.html`, 'utf8');
const svgsOf = (page: string) => [...page.matchAll(/<svg class="lm-svg lm-svg--(narrow|wide)"[\s\S]*?<\/svg>/g)].map((m) => [m[1]!, m[0]] as const);
const places = parseCsv(readFileSync('content/data/locator-places.csv', 'utf8')).rows.map((r) => r.values);

describe('locator map in the built page (no JavaScript)', () => {
  const svgs = [...html.matchAll(/<svg class="lm-svg lm-svg--(narrow|wide)"[\s\S]*?<\/svg>/g)];
  it('has a phone and a wide build-time SVG', () => {
    expect(svgs.map((m) => m[1])).toEqual(['narrow', 'wide']);
  });
  for (const [svg, which] of svgs.map((m) => [m[0], m[1]] as const)) {
    it(`the ${which} SVG has every place on the map, every line and the callout`, () => {
      for (const p of places.filter((r) => !['station', 'offmap'].includes(r['kind']!))) {
        expect(svg, p['id']).toContain(`class="lm-place" data-id="${p['id']}"`);
        expect(svg, p['id']).toContain(`data-id="${p['id']}" text-anchor`);
      }
      for (const id of ['central-railway', 'cerro-de-pasco-branch', 'chancay-sierra', 'lima-barranca', 'lima-ica', 'chancay-pucallpa']) expect(svg, id).toContain(`data-id="${id}"`);
      // Read across the lines a note is wrapped to.
      expect(svg.replace(/<\/tspan><tspan[^>]*>/g, ' ')).toMatch(/the railway ends here/);
      expect(svg).toMatch(/class="lm-land" d="M/);
      // Every proposed line ends in an arrow, drawn from a marker this SVG defines (the other SVG's id is not enough).
      const proposed = [...svg.matchAll(/<path class="lm-rail lm-rail--proposed[^>]*>/g)].map((m) => m[0]);
      expect(proposed.length).toBeGreaterThan(0);
      const ids = new Set([...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
      for (const p of proposed) {
        const ref = /marker-end="url\(#([^)]+)\)"/.exec(p)?.[1];
        expect(ref, p).toBeDefined();
        expect(ids.has(ref!), `${p}: #${ref} is not defined in the ${which} SVG`).toBe(true);
      }
    });
  }
  it('comes before "What can be checked" in chapter 1', () => {
    expect(html.indexOf('id="figure-locator-map"')).toBeGreaterThan(0);
    expect(html.indexOf('id="figure-locator-map"')).toBeLessThan(html.indexOf('What can be checked'));
  });

  // The phone SVG is what 360 and 390 px screens show (scaled to the column), the wide one from 700 px (1280 included).
  for (const [edition, page] of [['English', html], ['Spanish', htmlEs]] as const) {
    for (const [which, svg] of svgsOf(page)) {
      it(`${edition}, ${which}: no label is crossed by a line, covers a marker or another label, and each name sits by its own marker`, () => {
        expect(mapProblems(svg)).toEqual([]);
      });
    }
  }
  it('the label check finds a name moved onto a line and away from its marker', () => {
    const [, svg] = svgsOf(html)[0]!;
    const lima = /<g class="lm-place" data-id="lima"><circle[^>]*cx="([-\d.]+)" cy="([-\d.]+)"/.exec(svg)!;
    // Callao's name written right over Lima's marker, where the Central railway starts.
    const moved = svg.replace(/(<text class="lm-label" data-id="callao" text-anchor=")\w+(">)([\s\S]*?)(<\/text>)/, (_, a: string, b: string, body: string, c: string) =>
      a + 'start' + b + body.replace(/ x="[-\d.]+" y="[-\d.]+"/g, ` x="${lima[1]}" y="${lima[2]}"`) + c);
    const found = mapProblems(moved).join('\n');
    expect(found).toMatch(/\(callao\) is crossed by the central-railway line/);
    expect(found).toMatch(/\(callao\) covers the lima marker/);
    expect(found).toMatch(/callao's label is nearer the lima marker/);
  });
});
