/**
 * Chapters 3-5 graphics as a reader meets them: the funding-models steps light
 * the schematic's rows in step, and the article's table is there once (the
 * figure's data table, not a second copy in the prose); the static figures
 * mount, re-lay out to their width and keep their accessible names.
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, scrollThrough } from './browser';

const site = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const ROWS = ['funding', 'implementation', 'focus', 'timeline'];

/** Console errors, minus "failed to load" lines caused only by the comment API (no comment server in tests). */
function watchFailures(page: Page) {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(new URL(r.url()).pathname);
  });
  return (errors: string[]) =>
    errors.filter((e) => !(/Failed to load resource/.test(e) && failed.length > 0 && failed.every((p) => p.startsWith('/api/'))));
}

async function scrollToStep(page: Page, section: string, i: number, viewportH: number) {
  const top = await page.locator(`${section} .step`).nth(i).evaluate((el) => el.getBoundingClientRect().top + scrollY);
  await scrollThrough(page, Math.max(0, top - viewportH * 0.45), 200, 2);
}

describe('funding models', () => {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`at ${width}px each step lights its row in the graphic and in the table, scrolling down and back up`, async () => {
      const { page, errors, foreign } = await openPage(browser, [site], { viewport: { width, height } });
      const real = watchFailures(page);
      await page.goto(`${site}/why-washington-is-sidelined/`);
      const section = page.locator('scrolly-section#scrolly-funding-models');
      const n = await section.locator('.step').count();
      expect(n).toBe(ROWS.length);
      // The article's table is on the page once, as a real table: the figure's data table, with a row per step.
      expect(await page.locator('comparison-table').count()).toBe(0);
      expect(await page.locator('#figure-funding-models .data-table tbody tr').count()).toBe(ROWS.length);
      expect(await page.locator('table', { hasText: 'State-owned banks and state-owned enterprises' }).count()).toBe(1);
      const order = [...Array(n).keys(), ...[...Array(n).keys()].reverse()];
      for (const i of order) {
        await scrollToStep(page, '#scrolly-funding-models', i, height);
        await expect.poll(() => section.getAttribute('data-active-step')).toBe(String(i));
        await expect.poll(() => page.locator('#figure-funding-models[data-mounted]').count()).toBe(1);
        await expect
          .poll(() => page.locator('#figure-funding-models .fm-row.is-lit').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.row)))
          .toEqual([ROWS[i]]);
      }
      // The lit row is on screen while its step is active (not hidden under the fold).
      const lit = await page.locator('#figure-funding-models .fm-row.is-lit').boundingBox();
      expect(lit!.y).toBeGreaterThanOrEqual(0);
      expect(lit!.y + lit!.height).toBeLessThanOrEqual(height);
      // The graphic says it is schematic.
      expect(await page.locator('#figure-funding-models svg').innerHTML()).toMatch(/Schematic/);
      expect(real(errors)).toEqual([]);
      expect(foreign).toEqual([]);
      await page.context().close();
    });
  }

  it('a deep link to #step-3 lights the third row', async () => {
    const { page } = await openPage(browser, [site]);
    await page.goto(`${site}/why-washington-is-sidelined/#step-3`);
    await expect.poll(() => page.locator('#scrolly-funding-models').getAttribute('data-active-step')).toBe('2');
    await expect.poll(() => page.locator('#figure-funding-models .fm-row.is-lit').getAttribute('data-row')).toBe('focus');
    await page.context().close();
  });

  it('changes state without transitions under reduced motion', async () => {
    // Reduced motion reads the plain article; the reader who steps through gets states without transitions.
    const { page } = await openPage(browser, [site], { reducedMotion: 'reduce' });
    await page.goto(`${site}/why-washington-is-sidelined/`);
    await expect.poll(() => page.evaluate(() => document.querySelector('#scrolly-funding-models')?.getAttribute('data-mode')), { timeout: 15_000 }).toBe('plain');
    // The head script picks the plain article before the page's scripts run; the toggle works once the section's own script has (is-enhanced).
    await expect.poll(() => page.locator('#scrolly-funding-models.is-enhanced').count(), { timeout: 15_000 }).toBe(1);
    await page.locator('#scrolly-funding-models .scrolly__toggle').click();
    await expect.poll(() => page.evaluate(() => document.querySelector('#scrolly-funding-models')?.getAttribute('data-mode')), { timeout: 15_000 }).toBe('stepper');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('#figure-funding-models .fm-row.is-lit').getAttribute('data-row'), { timeout: 10000 }).toBe('implementation');
    const d = await page.locator('#figure-funding-models .fm-box').first().evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(d.split(',').every((x) => parseFloat(x) === 0)).toBe(true);
    await page.context().close();
  });
});

const STATIC = [
  { slug: 'why-washington-is-sidelined', id: 'project-timelines', text: /US\$600 bn[\s\S]*US\$136 bn[\s\S]*state-owned[\s\S]*5\.8 years[\s\S]*operating line being upgraded/ },
  { slug: 'the-cost-of-progress', id: 'debt-and-finance', text: /33\.7%[\s\S]*60%[\s\S]*40%/ },
  { slug: 'the-road-to-apec', id: 'road-ahead', text: /article says Peru would host APEC in 2026[\s\S]*Shenzhen[\s\S]*Today/ },
];

describe('static figures of chapters 3-5', () => {
  for (const f of STATIC) {
    it(`${f.id}: mounts near the viewport, fits its column at 390px and 1280px, keeps its name, table and sourced text`, async () => {
      const { page, errors, foreign } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
      const real = watchFailures(page);
      await page.goto(`${site}/${f.slug}/`);
      const fig = page.locator(`#figure-${f.id}`);
      const top = await fig.evaluate((el) => el.getBoundingClientRect().top + scrollY);
      await scrollThrough(page, top - 100, 400, 2);
      await expect.poll(() => page.locator(`#figure-${f.id}[data-mounted]`).count()).toBe(1);
      const svg = fig.locator('.figure__canvas svg');
      for (const w of [390, 1280]) {
        await page.setViewportSize({ width: w, height: 844 });
        await expect
          .poll(async () => {
            const canvas = await fig.locator('.figure__canvas').boundingBox();
            return Math.abs(Number(await svg.getAttribute('width')) - Math.round(canvas!.width));
          })
          .toBeLessThanOrEqual(1);
        const box = await svg.boundingBox();
        expect(box!.height).toBeGreaterThan(150);
      }
      expect(await svg.getAttribute('role')).toBe('img');
      const title = await page.locator(`#${await svg.getAttribute('aria-labelledby')}`).innerText();
      expect(title.length).toBeGreaterThan(10);
      expect((await page.locator(`#${await svg.getAttribute('aria-describedby')}`).innerText()).length).toBeGreaterThan(50);
      expect(await fig.locator('details.data-table table tbody tr').count()).toBeGreaterThan(2);
      expect(await svg.textContent()).toMatch(f.text);
      expect(real(errors)).toEqual([]);
      expect(foreign).toEqual([]);
      await page.context().close();
    });
  }
});
