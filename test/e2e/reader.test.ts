/** What a reader notices: text without JavaScript, deep links, reloads, reduced motion, a clean console. */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, scrollThrough } from './browser';
import { chapterSlugs } from '../build/dist';

const site = inject('siteUrl');
const chapters = chapterSlugs();
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('without JavaScript', () => {
  for (const slug of chapters) {
    it(`${slug}: every step and every figure is visible, in reading order`, async () => {
      const { page, foreign } = await openPage(browser, [site], { javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
      await page.goto(`${site}/${slug}/`);
      expect(await page.locator('h1').innerText()).not.toBe('');
      const steps = page.locator('.step');
      for (let i = 0; i < (await steps.count()); i++) {
        await steps.nth(i).scrollIntoViewIfNeeded();
        expect(await steps.nth(i).isVisible(), `step ${i + 1}`).toBe(true);
        expect((await steps.nth(i).innerText()).length, `step ${i + 1} text`).toBeGreaterThan(20);
      }
      // Each figure shows its build-time picture; a graphic may build one per layout and hide (display: none) the others.
      const canvases = page.locator('chancay-figure .figure__canvas');
      for (let i = 0; i < (await canvases.count()); i++) {
        const svgs = canvases.nth(i).locator('svg');
        let shown = 0;
        for (let j = 0; j < (await svgs.count()); j++) {
          const box = await svgs.nth(j).boundingBox();
          if (!box) continue; // not rendered at this width
          expect(box.width > 200 && box.height > 100, `figure ${i}, picture ${j} is shown at a readable size`).toBe(true);
          shown++;
        }
        expect(shown, `figure ${i} has a visible build-time picture`).toBeGreaterThan(0);
      }
      expect(foreign).toEqual([]);
      await page.context().close();
    });
  }
});

describe('with JavaScript', () => {
  for (const slug of chapters) {
    it(`${slug}: reading top to bottom logs no errors and requests nothing from another origin`, async () => {
      const { page, errors, foreign, settled } = await openPage(browser, [site], { viewport: { width: 390, height: 800 } });
      await page.goto(`${site}/${slug}/`);
      const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
      await scrollThrough(page, height, 400, 3);
      // Whatever the last scroll started (figures mounting, data, the comment count) has finished.
      await settled();
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
      await page.context().close();
    });
  }

  it('the reading-progress bar shows how far down the page the reader is', async () => {
    const { page, errors } = await openPage(browser, [site], { viewport: { width: 390, height: 800 } });
    await page.goto(`${site}/${chapters[0]}/`);
    // The share of the screen's width the bar covers, as drawn, against the share of the page scrolled
    // (the page grows as the comments load, so both are read at the same moment).
    const shown = () =>
      page.evaluate(() => {
        const bar = document.querySelector('.progress__bar')!.getBoundingClientRect().width / innerWidth;
        return bar - scrollY / (document.documentElement.scrollHeight - innerHeight);
      });
    await expect.poll(shown).toBeCloseTo(0, 1);
    for (const at of [0.25, 0.5, 1]) {
      const max = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
      await scrollThrough(page, max * at, 400, 3);
      await expect.poll(shown).toBeCloseTo(0, 1);
      expect(await page.evaluate(() => document.querySelector('.progress__bar')!.getBoundingClientRect().width / innerWidth)).toBeGreaterThan(at - 0.1);
    }
    // A jump (Home, then End, as a keyboard reader does) lands the bar at the start and the end.
    await page.keyboard.press('Home');
    await expect.poll(shown).toBeCloseTo(0, 1);
    await page.keyboard.press('End');
    await expect.poll(shown).toBeCloseTo(0, 1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the reading-progress bar follows the scroll without JavaScript too', async () => {
    const { page } = await openPage(browser, [site], { viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
    await page.goto(`${site}/${chapters[0]}/`);
    const width = () => page.evaluate(() => document.querySelector('.progress__bar')!.getBoundingClientRect().width / innerWidth);
    expect(await width()).toBeLessThan(0.02);
    await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
    await expect.poll(width).toBeCloseTo(0.5, 1);
    await page.context().close();
  });

  it('a deep link to #step-3 lands on that step\'s state', async () => {
    const { page } = await openPage(browser, [site]);
    await page.goto(`${site}/the-announcement/#step-3`);
    const section = page.locator('#scrolly-rail-costs');
    await expect.poll(() => section.getAttribute('data-active-step')).toBe('2');
    await expect.poll(() => page.locator('#figure-rail-costs[data-mounted]').count()).toBe(1);
    const total = await page.locator('#figure-rail-costs .bar').count();
    await expect.poll(() => page.locator('#figure-rail-costs .bar.is-shown').count()).toBe(total);
    await page.context().close();
  });

  it('a reload mid-section restores the step the reader was on', async () => {
    const { page } = await openPage(browser, [site]);
    await page.goto(`${site}/the-announcement/`);
    await page.locator('#step-2').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const section = page.locator('#scrolly-rail-costs');
    await expect.poll(() => section.getAttribute('data-active-step')).toBe('1');
    await page.reload();
    await expect.poll(() => section.getAttribute('data-active-step')).toBe('1');
    // The graphic mounts after the page's first paint (its scripts load then): until it has, the picture is the build-time one.
    await expect.poll(() => page.locator('#figure-rail-costs[data-mounted]').count()).toBe(1);
    // Only the bars of step 2 are shown after the reload: the picture follows the state.
    const shown = await page.locator('#figure-rail-costs .bar.is-shown').count();
    const total = await page.locator('#figure-rail-costs .bar').count();
    expect(shown).toBeGreaterThan(1);
    expect(shown).toBeLessThan(total);
    await page.context().close();
  });

  it('a fast jump over several steps lands on the right state', async () => {
    const { page } = await openPage(browser, [site]);
    await page.goto(`${site}/the-announcement/`);
    await page.locator('#step-3').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect.poll(() => page.locator('#scrolly-rail-costs').getAttribute('data-active-step')).toBe('2');
    await page.evaluate(() => scrollTo(0, 0));
    await expect.poll(() => page.locator('#scrolly-rail-costs').getAttribute('data-active-step')).toBe('-1');
    await page.context().close();
  });

  it('with prefers-reduced-motion, graphics change state without animation', async () => {
    /** The mounted graphic's bar transition (the build-time SVG is replaced when it mounts: read only after that). */
    const barTransition = async (motion: 'reduce' | 'no-preference') => {
      const { page } = await openPage(browser, [site], { reducedMotion: motion });
      await page.goto(`${site}/the-announcement/`);
      await page.locator('#figure-rail-costs').scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator('#figure-rail-costs[data-mounted]').count(), { timeout: 10_000 }).toBe(1);
      const d = await page.evaluate(() => {
        const el = document.querySelector('#figure-rail-costs .bar__rect');
        return el ? getComputedStyle(el).transitionDuration : null;
      });
      await page.context().close();
      expect(d, 'a mounted bar').not.toBeNull();
      return d!.split(',').map((x) => parseFloat(x));
    };
    const still = await barTransition('reduce');
    expect(still.every((x) => x === 0), `reduced motion: ${still}`).toBe(true);
    const moving = await barTransition('no-preference');
    expect(Math.max(...moving), `no preference: ${moving}`).toBeGreaterThan(0);
  });
});
