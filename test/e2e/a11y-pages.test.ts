/**
 * axe-core on every page, light and dark, at 390 and 1280 px wide: zero
 * violations. One load per page and width, light at 390 px and dark at
 * 1280 px (each width has its own tab, reused from page to page with the
 * site's storage emptied before each load: ./browser.ts readerTab), checked
 * in both colour schemes on that load (./axe.ts axeBothSchemes: the scheme is
 * switched in place and the page's background must change, so the second
 * scheme is really on screen; there the colour rules run, and every rule
 * again if the switch changed anything but colours). Chapter pages with
 * scrollytelling sections get exactly this check in a11y-steps.test.ts, on
 * the loads that then walk every step, and are not loaded again here
 * (./axe.ts isStepPage splits the pages).
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, readerTab } from './browser';
import { axe, axeBothSchemes, axeRuleIds, isStepPage, layOutDeferred, COLOUR_RULES } from './axe';
import { listPages } from '../../scripts/pages.mjs';

const site = inject('siteUrl');
const dist = process.env.DIST_DIR ?? 'dist';
const all = listPages(dist);
const pages = all.filter((p) => !isStepPage(dist, p));
let browser: Browser;
const loads = [
  { scheme: 'light', width: 390 },
  { scheme: 'dark', width: 1280 },
] as const;
let tabs: Awaited<ReturnType<typeof readerTab>>[];
beforeAll(async () => {
  browser = await launch();
  tabs = await Promise.all(loads.map(() => readerTab(browser, [site])));
});
afterAll(async () => {
  await browser?.close();
});

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
  it('runs every rule again in the second scheme when the switch changes more than colours, and finds what only it shows', async () => {
    const { page: p } = await openPage(browser, [site], { colorScheme: 'light', viewport: { width: 390, height: 800 } });
    const html = (css: string) =>
      `data:text/html,<html lang="en"><title>t</title><style>${encodeURIComponent(css)}</style><main><h1>Title</h1><p>Text</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" class="x"></main></html>`;
    // Colours only: the layout print is unchanged and only the colour rules run there; low contrast in dark is found.
    await p.goto(html('img.x{display:none}body{background:#fff;color:#222}@media (prefers-color-scheme: dark){body{background:#111;color:#333}}'));
    const lowContrast = await axeBothSchemes(p, 'light', 'sample');
    expect(lowContrast.rerunAll).toBe(false);
    expect(lowContrast.found.join('\n')).toMatch(/^\[dark sample\] color-contrast/m);
    expect(lowContrast.found.join('\n')).not.toMatch(/\[light sample\]/);
    // The dark scheme shows an image without a text alternative: the layout changed, every rule runs, image-alt is found.
    await p.goto(html('img.x{display:none}body{background:#fff;color:#222}@media (prefers-color-scheme: dark){body{background:#111;color:#eee}img.x{display:inline}}'));
    const shown = await axeBothSchemes(p, 'light', 'sample');
    expect(shown.rerunAll).toBe(true);
    expect(shown.found.join('\n')).toMatch(/^\[dark sample\] image-alt/m);
    expect(shown.found.join('\n')).not.toMatch(/\[light sample\]/);
    // Every colour rule is an axe rule the checks select (a renamed rule would silently drop out).
    expect(await axeRuleIds(p)).toEqual(expect.arrayContaining(COLOUR_RULES));
    expect(await axe(p, undefined, COLOUR_RULES)).toEqual([]);
    await p.context().close();
  });
  for (const page of pages) {
    it(page, async () => {
      const found: string[] = [];
      for (const [i, { scheme, width }] of loads.entries()) {
        const p = await tabs[i]!.load(site + page, { colorScheme: scheme, width });
        // Deferred blocks (content-visibility: auto) as a reader who has scrolled to them sees them: ./axe.ts layOutDeferred.
        const deferred = await layOutDeferred(p);
        if (/\/sources\/$/.test(page)) expect(deferred, `${page}: its deferred blocks`).toBeGreaterThan(0);
        const r = await axeBothSchemes(p, scheme, `${width}px`, undefined, { restore: false });
        expect(r.backgrounds.dark, `${width}px: the dark scheme did not reach the screen`).not.toBe(r.backgrounds.light);
        found.push(...r.found);
      }
      expect(found).toEqual([]);
    }, 120_000);
  }
});
