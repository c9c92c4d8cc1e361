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

/**
 * HTML budget: every page's HTML, as sent (brotli, headers about 0.75 kB), fits the first two
 * round trips of a new connection's slow start (10 packets, then 20: 43.8 kB). Lighthouse's
 * mobile simulation adds a whole round trip (150 ms) to FCP and LCP for a document one byte
 * over: /es/beyond-the-tracks/ at 43.2 kB (43.9 kB with headers) measured FCP 1.21 s and LCP
 * 1.31-1.35 s in three runs against 1.06 s and 1.16 s at 42.3 kB (5 Dec 2026), failing the
 * 1.2 s LCP budget. Long copy belongs in a section that a chapter links to, not in the page.
 */
describe('HTML budget: each page fits two round trips (brotli ≤ 43,000 bytes)', () => {
  const MAX = 43_000;
  it('every built page', async () => {
    const { statSync, existsSync } = await import('node:fs');
    const path = await import('node:path');
    const over: string[] = [];
    for (const page of pages) {
      // listPages gives each page's folder, as html(page) reads it.
      const file = path.join(DIST, page, 'index.html.br');
      expect(existsSync(file), `${file} is missing: the build precompresses every page`).toBe(true);
      const size = statSync(file).size;
      if (size > MAX) over.push(`${page}: ${size} bytes`);
    }
    expect(over, `over ${MAX} bytes of brotli HTML (a third round trip on a new connection)`).toEqual([]);
  });
});
