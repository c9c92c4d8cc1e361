/**
 * The corrections log defers each group's layout (`content-visibility: auto`), and lays the groups
 * out ahead of the reader while the page is idle (src/lib/idle-layout.ts): a reader who reads the
 * first screen for a moment then scrolls through laid-out groups. Checked on a phone at Lighthouse's
 * CPU x4: every group laid out within 5 s of load with no task over 50 ms, and a link to an entry deep
 * in the log still brings that entry to the top of the screen and keeps it there.
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './browser';

const site = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('corrections log: deferred groups', () => {
  for (const edition of ['', '/es'] as const) {
    it(`${edition}/corrections/: every group is laid out while the page is idle, with no long task`, async () => {
      const { page } = await openPage(browser, [site], { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        const w = window as unknown as { __long: { start: number; ms: number }[] };
        w.__long = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) w.__long.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(`${site}${edition}/corrections/`, { waitUntil: 'load' });
      const deferred = () =>
        page.$$eval('[data-defer]', (els) => ({
          all: els.length,
          auto: els.filter((e) => getComputedStyle(e).contentVisibility === 'auto').length,
        }));
      const first = await deferred();
      expect(first.all, 'the log has groups to defer').toBeGreaterThanOrEqual(10);
      await expect.poll(async () => (await deferred()).auto, { timeout: 5_000 }).toBe(0);
      // The tasks after the first paint: the load before it is Lighthouse's to judge.
      const { long, fcp } = await page.evaluate(() => ({
        long: (window as unknown as { __long: { start: number; ms: number }[] }).__long,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
      expect(fcp).toBeGreaterThan(0);
      expect(long.filter((t) => t.start >= fcp), `tasks over 50 ms after the first paint (${Math.round(fcp)} ms)`).toEqual([]);
      await page.context().close();
    });
  }

  it('a link to an entry deep in the log brings it to the top of the screen and keeps it there', async () => {
    const { page } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
    await page.goto(`${site}/corrections/`, { waitUntil: 'load' });
    const ids = await page.$$eval('.log-entry', (els) => els.map((e) => e.id));
    const id = ids[Math.floor(ids.length * 0.8)]!;
    await page.goto(`${site}/corrections/#${id}`, { waitUntil: 'load' });
    const top = () => page.evaluate((x) => Math.round(document.getElementById(x)!.getBoundingClientRect().top), id);
    await page.waitForTimeout(100);
    const at = await top();
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(120);
    // While the groups above it are laid out (idle), the entry does not move.
    await page.waitForTimeout(3_000);
    expect(await top()).toBe(at);
    await page.context().close();
  });
});
