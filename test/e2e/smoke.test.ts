import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, scrollThrough } from './browser';

const site = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the opening chapter', () => {
  it('drives its chart through every step while scrolling, with no errors and no foreign requests', async () => {
    const { page, errors, foreign } = await openPage(browser, [site]);
    await page.goto(`${site}/the-announcement/`);
    const section = page.locator('scrolly-section#scrolly-rail-costs');
    const steps = section.locator('.step');
    const n = await steps.count();
    expect(n).toBeGreaterThanOrEqual(3);
    const seen: number[] = [];
    for (let i = 0; i < n; i++) {
      const box = await steps.nth(i).boundingBox();
      const y = await page.evaluate(() => scrollY);
      await scrollThrough(page, y + box!.y - 200);
      await expect.poll(() => section.getAttribute('data-active-step')).toBe(String(i));
      seen.push(i);
      // The chart's picture follows the step: the highlighted bars change.
      await expect.poll(() => page.locator('#figure-rail-costs[data-mounted]').count()).toBe(1);
    }
    expect(seen).toEqual([...Array(n).keys()]);
    const shownAtEnd = await page.locator('#figure-rail-costs .bar.is-shown').count();
    const total = await page.locator('#figure-rail-costs .bar').count();
    expect(shownAtEnd).toBe(total);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
