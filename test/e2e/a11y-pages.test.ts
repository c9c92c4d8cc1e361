/**
 * axe-core on every page, light and dark, at 390 and 1280 px wide: zero
 * violations. One fresh load (a new browser context: a new reader) per page
 * and width, light at 390 px and dark at 1280 px, checked in both colour
 * schemes on that load (./axe.ts axeBothSchemes: the scheme is switched in
 * place and the page's background must change, so the second scheme is
 * really on screen). Chapter pages with scrollytelling sections get exactly
 * this check in a11y-steps.test.ts, on the loads that then walk every step,
 * and are not loaded again here (./axe.ts isStepPage splits the pages).
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './browser';
import { axeBothSchemes, isStepPage } from './axe';
import { listPages } from '../../scripts/pages.mjs';

const site = inject('siteUrl');
const dist = process.env.DIST_DIR ?? 'dist';
const all = listPages(dist);
const pages = all.filter((p) => !isStepPage(dist, p));
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const loads = [
  { scheme: 'light', width: 390 },
  { scheme: 'dark', width: 1280 },
] as const;

describe('axe: every page, both colour schemes, phone and laptop', () => {
  it('splits the pages between this file and a11y-steps', () => {
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.length).toBeLessThan(all.length);
  });
  it('the background check catches a page whose dark scheme never reaches the screen', async () => {
    const { page: p } = await openPage(browser, [site], { colorScheme: 'light', viewport: { width: 390, height: 800 } });
    const html = (css: string) => `data:text/html,<html lang="en"><title>t</title><style>${encodeURIComponent(css)}</style><p>Text</p></html>`;
    await p.goto(html('body{background:#fbfaf7}'));
    const flat = await axeBothSchemes(p, 'light', 'sample');
    expect(flat.backgrounds.dark).toBe(flat.backgrounds.light);
    await p.goto(html('body{background:#fbfaf7}@media (prefers-color-scheme: dark){body{background:#141414}}'));
    const themed = await axeBothSchemes(p, 'light', 'sample');
    expect(themed.backgrounds.dark).not.toBe(themed.backgrounds.light);
    await p.context().close();
  });
  for (const page of pages) {
    it(page, async () => {
      const found: string[] = [];
      for (const { scheme, width } of loads) {
        const { page: p } = await openPage(browser, [site], { colorScheme: scheme, viewport: { width, height: 800 } });
        await p.goto(site + page, { waitUntil: 'load' });
        const r = await axeBothSchemes(p, scheme, `${width}px`);
        expect(r.backgrounds.dark, `${width}px: the dark scheme did not reach the screen`).not.toBe(r.backgrounds.light);
        found.push(...r.found);
        await p.context().close();
      }
      expect(found).toEqual([]);
    }, 120_000);
  }
});
