// @vitest-environment jsdom
/**
 * The elevation profile in the browser redraws only when a step needs another
 * layout (the southern line, the steepest stretch) and otherwise restyles the
 * SVG it drew (issue 12: a redraw cost 50-90 ms a step change at CPU x4). The
 * restyled SVG must be exactly what a fresh drawing of the new step would be:
 * every pair of steps, at phone and desktop widths, with and without a stage
 * height, is compared node for node (jsdom parses both).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkStationTable, centralRailwaySchema, southernRailwaySchema } from '../../src/viz/climb-profile/schema';
import { prep } from '../../src/viz/climb-profile/prep';
import { layoutKey, picture } from '../../src/viz/climb-profile/markup';
import { mount } from '../../src/viz/climb-profile/render';

const SVG_NS = 'http://www.w3.org/2000/svg';
const data = prep(
  checkStationTable('content/data/central-railway.csv', readFileSync('content/data/central-railway.csv', 'utf8'), centralRailwaySchema),
  checkStationTable('content/data/southern-railway.csv', readFileSync('content/data/southern-railway.csv', 'utf8'), southernRailwaySchema),
);
const figures = parse(readFileSync('content/figures.yaml', 'utf8')) as { id: string; labels: Record<string, string> }[];
const labels = figures.find((f) => f.id === 'climb-profile')!.labels;
const steps = [-1, ...data.steps.map((_, i) => i)];

function mounted(width: number, height: number) {
  const el = document.createElement('div');
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', '360');
  el.append(svg);
  const h = mount(el, data, { labels, embedded: false });
  h.resize(width, height);
  return { h, svg };
}

/** The SVG a fresh drawing gives, parsed the same way. */
function fresh(step: number, progress: number, width: number, height: number): string {
  const ref = document.createElementNS(SVG_NS, 'svg');
  ref.innerHTML = picture(data, labels, step, progress, width, height).still.svg;
  return ref.innerHTML;
}

describe('climb profile: a step change within a layout restyles', () => {
  it('the steps share layouts (else this test checks nothing)', () => {
    const keys = steps.map((s) => layoutKey(data, s));
    expect(new Set(keys).size).toBeGreaterThan(1);
    expect(new Set(keys).size).toBeLessThan(keys.length - 1);
  });

  for (const [width, height] of [
    [320, 0],
    [366, 428],
    [600, 0],
    [1280, 520],
  ] as const) {
    it(`leaves the picture a fresh drawing gives, for every pair of steps, at ${width}×${height}`, () => {
      let restyled = 0;
      for (const a of steps) {
        for (const b of steps) {
          if (a === b) continue;
          const { h, svg } = mounted(width, height);
          h.update(a, 0.3);
          const first = svg.firstElementChild;
          h.update(b, 0.7);
          const same = layoutKey(data, a) === layoutKey(data, b);
          // Restyled in place (the same nodes) exactly when the layout is the same.
          expect(svg.firstElementChild === first, `${a} -> ${b}`).toBe(same);
          if (same) restyled++;
          expect(svg.innerHTML, `${a} -> ${b}`).toBe(fresh(b, 0.7, width, height));
          expect(svg.dataset['step']).toBe(String(b));
        }
      }
      expect(restyled).toBeGreaterThan(0);
    });
  }
});
