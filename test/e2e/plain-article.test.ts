/**
 * The plain article (issue 12, "three ways to read"): without JavaScript, in
 * print and with prefers-reduced-motion, every step reads as text followed
 * by its own still picture (built at build time, src/lib/viz/still-files.ts)
 * and what it shows in words. Checked on screen: the picture is displayed,
 * loaded, at a readable size and not blank; and a reader who scrolls with
 * JavaScript never downloads one.
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, frames } from './browser';
import { chapterSlugs, html } from '../build/dist';
import { inkShare } from './reading';

const site = inject('siteUrl');
const chapters = chapterSlugs().filter((slug) => html(slug).includes('<scrolly-section'));
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Every step: its text, its still (displayed, loaded, readable, not blank), its description; problems as lines. */
async function eachStepHasItsStill(page: Page, screen = true): Promise<string[]> {
  const problems: string[] = [];
  const steps = page.locator('.scrolly .step');
  const n = await steps.count();
  if (!n) problems.push('no steps');
  const files = new Set<string>();
  for (let i = 0; i < n; i++) {
    const step = steps.nth(i);
    const id = await step.getAttribute('id');
    await step.scrollIntoViewIfNeeded();
    const img = step.locator('.step__still img');
    if ((await img.count()) !== 1) {
      problems.push(`${id}: ${await img.count()} still pictures`);
      continue;
    }
    await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle(), { timeout: 10_000 }).catch(() => {});
    const st = await img.evaluate((el: HTMLImageElement) => ({ loaded: el.complete && el.naturalWidth > 0, src: el.getAttribute('src')! }));
    files.add(st.src);
    const box = await img.boundingBox();
    if (!box) problems.push(`${id}: the still is not displayed`);
    else if (box.width < 250 || box.height < 100) problems.push(`${id}: the still is ${Math.round(box.width)}×${Math.round(box.height)} px`);
    if (!st.loaded) problems.push(`${id}: the still ${st.src} did not load`);
    if (!(await step.locator('.step__shows').isVisible())) problems.push(`${id}: its description is not shown`);
    if (screen && box && st.loaded) {
      const ink = await inkShare(await img.screenshot());
      if (ink < 0.02) problems.push(`${id}: the still is blank (${(ink * 100).toFixed(1)}% ink)`);
    }
  }
  // Each step has its own picture.
  if (files.size !== n) problems.push(`${n} steps but ${files.size} different stills`);
  return problems;
}

describe('the plain article', () => {
  for (const slug of chapters) {
    it(`${slug}, without JavaScript: every step with its still, its description and its plain link`, async () => {
      const { page, foreign } = await openPage(browser, [site], { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
      await page.goto(`${site}/${slug}/`);
      expect(await eachStepHasItsStill(page)).toEqual([]);
      // The reading-mode toggle and the copy button need JavaScript: not shown; the #step-N link is.
      expect(await page.locator('.scrolly__toggle:visible, .step__copy:visible').count()).toBe(0);
      const links = page.locator('.step__link');
      for (let i = 0; i < (await links.count()); i++) {
        const step = await links.nth(i).evaluate((a) => a.closest('.step')!.id);
        expect(await links.nth(i).getAttribute('href')).toBe(`#${step}`);
        expect(await links.nth(i).isVisible()).toBe(true);
      }
      expect(foreign).toEqual([]);
      await page.context().close();
    }, 120_000);
  }

  it(`${chapters[1] ?? chapters[0]}, with prefers-reduced-motion: the plain article, and Step through still there`, async () => {
    const slug = chapters[1] ?? chapters[0]!;
    const { page, errors } = await openPage(browser, [site], { reducedMotion: 'reduce', viewport: { width: 390, height: 844 } });
    await page.goto(`${site}/${slug}/`);
    const sections = page.locator('scrolly-section');
    const count = await sections.count();
    await expect.poll(() => sections.evaluateAll((s) => s.map((e) => e.getAttribute('data-mode')))).toEqual(Array(count).fill('plain'));
    // Nothing sticks: the graphic's stage is in the flow like any figure.
    expect(await page.locator('.figure__stage').first().evaluate((el) => getComputedStyle(el).position)).not.toBe('sticky');
    expect(await eachStepHasItsStill(page)).toEqual([]);
    // The stepper is still offered, and leaving it returns to the plain article.
    const s = sections.first();
    await s.locator('.scrolly__toggle').click();
    await expect.poll(() => s.getAttribute('data-mode')).toBe('stepper');
    expect(await s.locator('.step__still:visible').count()).toBe(0);
    await s.locator('.scrolly__toggle').click();
    await expect.poll(() => s.getAttribute('data-mode')).toBe('plain');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it(`${chapters[0]}, printed (with JavaScript, from scroll mode): every step with its still; no controls`, async () => {
    const { page, errors } = await openPage(browser, [site], { viewport: { width: 800, height: 1000 } });
    await page.goto(`${site}/${chapters[0]}/`);
    await page.emulateMedia({ media: 'print' });
    expect(await eachStepHasItsStill(page, false)).toEqual([]);
    expect(await page.locator('.scrolly__toggle:visible, .step__share:visible, .stepper:visible').count()).toBe(0);
    // And the real print path renders a document (Chromium loads lazy images before printing).
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('a reader scrolling with JavaScript downloads no still', async () => {
    const { page, settled } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
    const stills: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/stills/')) stills.push(r.url());
    });
    await page.goto(`${site}/${chapters[0]}/`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y < height; y += 600) {
      await page.evaluate((v) => scrollTo(0, v), y);
      await frames(page, 2);
    }
    await settled();
    expect(await page.locator('.step__still:visible').count()).toBe(0);
    expect(stills).toEqual([]);
    await page.context().close();
  }, 120_000);
});
