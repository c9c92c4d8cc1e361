/**
 * JavaScript budget (issue 3): what a page loads before any graphic nears
 * the viewport is at most 20 kB gzip. Graphics' code must be dynamic imports.
 */
import { describe, it, expect } from 'vitest';
import { listPages } from '../../scripts/pages.mjs';
import { initialJs, DIST } from './dist';

const BUDGET = 20 * 1024;
const pages = listPages(DIST) as string[];

describe('JavaScript budget: ≤ 20 kB gzip before any graphic loads', () => {
  it('finds the built pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(7);
  });
  for (const page of pages) {
    it(page, () => {
      const files = initialJs(page);
      const total = files.reduce((s, f) => s + f.gzip, 0);
      const detail = files.map((f) => `${f.file} ${(f.gzip / 1024).toFixed(1)} kB`).join(', ');
      expect(total, `${page} loads ${(total / 1024).toFixed(1)} kB gzip of JS up front: ${detail}`).toBeLessThanOrEqual(BUDGET);
      // three.js is only for the 3D scene, never up front.
      for (const f of files) expect(f.file, `${page}: ${f.file} looks like three.js in the initial bundle`).not.toMatch(/three/i);
    });
  }
});

/**
 * The body faces (scripts/fonts.mjs): each fits a new connection's first round trip, so a
 * slow phone gets the face one round trip sooner (the faces sat at ~16 kB, two round trips).
 */
describe('body font budget: each face the pages name fits one round trip', () => {
  it('every @font-face file a page names exists and is within SERIF_MAX_BYTES', async () => {
    const { SERIF_MAX_BYTES } = await import('../../scripts/fonts.mjs');
    const { readFileSync, statSync } = await import('node:fs');
    const path = await import('node:path');
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const files = [...html.matchAll(/@font-face\{[^}]*url\((\/fonts\/[^)]+\.woff2)\)/g)].map((m) => m[1]!);
    expect(files.length, 'the cover names its body faces').toBeGreaterThanOrEqual(2);
    for (const f of files) expect(statSync(path.join(DIST, f)).size, `${f}: over ${SERIF_MAX_BYTES} bytes`).toBeLessThanOrEqual(SERIF_MAX_BYTES);
  });
});
