/**
 * The locator map reads without JavaScript: the built chapter page holds both
 * build-time SVGs (phone and wide), each with every place that is on the map,
 * the lines, the "railway ends at Callao" note, and no script of its own
 * before the figure nears the viewport.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/lib/csv';

const dist = process.env.DIST_DIR ?? 'dist';
const html = readFileSync(`${dist}/the-announcement/index.html`, 'utf8');
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
      expect(svg).toMatch(/the railway ends/);
      expect(svg).toMatch(/class="lm-land" d="M/);
    });
  }
  it('comes before "What can be checked" in chapter 1', () => {
    expect(html.indexOf('id="figure-locator-map"')).toBeGreaterThan(0);
    expect(html.indexOf('id="figure-locator-map"')).toBeLessThan(html.indexOf('What can be checked'));
  });
});
