/**
 * Page scripts start loading only after the first contentful paint, still run
 * in document order, and still run where the browser reports no paint timing
 * (src/integrations/after-paint-scripts.mjs).
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './browser';

const site = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The page's data-modules, when each was requested and when each ran, and its first contentful paint. */
async function timings(page: Page) {
  return page.evaluate(async () => {
    const modules = (document.documentElement.dataset.modules ?? '').split(' ').filter(Boolean);
    const abs = modules.map((m) => new URL(m, location.href).href);
    // Every listed module is in the DOM as a module script once the loader ran.
    for (let i = 0; i < 100 && document.querySelectorAll('script[type="module"][src]').length < modules.length; i++) await new Promise((r) => setTimeout(r, 50));
    const inserted = [...document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')].map((s) => s.src);
    for (let i = 0; i < 100 && abs.some((u) => !performance.getEntriesByName(u).length); i++) await new Promise((r) => setTimeout(r, 50));
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const starts = abs.map((u) => (performance.getEntriesByName(u)[0] as PerformanceResourceTiming | undefined)?.startTime ?? null);
    return { modules: abs, inserted, fcp, starts };
  });
}

describe('scripts after the first paint', () => {
  for (const path of ['/beyond-the-tracks/', '/embed/the-announcement/', '/']) {
    it(`${path}: every module is requested after the first contentful paint, in document order, and runs`, async () => {
      const { page, errors } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
      await page.goto(site + path);
      const t = await timings(page);
      expect(t.modules.length).toBeGreaterThan(0);
      expect(t.inserted).toEqual(t.modules);
      expect(t.fcp).not.toBeNull();
      for (const [i, s] of t.starts.entries()) {
        expect(s, `${t.modules[i]} was never requested`).not.toBeNull();
        expect(s!, `${t.modules[i]} requested at ${s} ms, before the first contentful paint at ${t.fcp} ms`).toBeGreaterThanOrEqual(t.fcp!);
      }
      if (path !== '/') {
        // The scripts ran: the figure element is defined and the scroll engine took over its sections.
        await expect.poll(() => page.evaluate(() => !!customElements.get('chancay-figure'))).toBe(true);
        await expect.poll(() => page.locator('.scrolly.is-enhanced').count()).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('loads the modules anyway where the browser reports no paint timing', async () => {
    const { page, errors } = await openPage(browser, [site]);
    await page.addInitScript(() => {
      // @ts-expect-error: a browser without PerformanceObserver
      delete window.PerformanceObserver;
    });
    await page.goto(site + '/the-announcement/');
    const t = await timings(page);
    expect(t.inserted).toEqual(t.modules);
    await expect.poll(() => page.evaluate(() => !!customElements.get('chancay-figure'))).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
