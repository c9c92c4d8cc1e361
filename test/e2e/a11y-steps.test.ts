/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA tags and the best-practice rules, see
 * ./axe.ts) on every chapter page with scrollytelling sections, zero violations:
 *  - the whole page as loaded, at 390 and 1280 px, light and dark (the check
 *    a11y-pages.test.ts makes of every other page, made here on the same
 *    loads that then walk the steps: ./axe.ts axeBothSchemes);
 * and on every scrollytelling section in every state a reader can put it in:
 *  - scrolling, motion allowed (dark at 1280 px, light at 390 px): at every
 *    step, once the step is active and its transitions have finished (a
 *    dimmed label must pass in its settled colour, not only under reduced
 *    motion where nothing fades);
 *  - prefers-reduced-motion: the plain article (every step with its still,
 *    light at 390 px) and the stepper at every step (dark at 1280 px).
 * Sections come from the built pages, so a new chapter is checked with no edit.
 * The loads share one tab (./browser.ts readerTab: storage emptied, viewport,
 * scheme and motion set before each load).
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, readerTab } from './browser';
import { axe, axeBothSchemes, isStepPage } from './axe';
import { listPages } from '../../scripts/pages.mjs';

const site = inject('siteUrl');
const dist = process.env.DIST_DIR ?? 'dist';
const pages = listPages(dist).filter((p) => isStepPage(dist, p));
let browser: Browser;
let tab: Awaited<ReturnType<typeof readerTab>>;
beforeAll(async () => {
  browser = await launch();
  tab = await readerTab(browser, [site]);
});
afterAll(async () => {
  await browser?.close();
});

/** No CSS transition or animation still running inside the element. */
const settled = (p: Page, sel: string) =>
  expect
    .poll(() => p.evaluate((s) => document.getAnimations().filter((a) => a.playState === 'running' && document.querySelector(s)!.contains((a.effect as KeyframeEffect | null)?.target as Node)).length, sel))
    .toBe(0);

describe('axe: every scrollytelling step, every reading mode', () => {
  it('finds the chapters to check', () => {
    expect(pages.length).toBeGreaterThan(0);
  });
  for (const page of pages) {
    it(`${page}: the whole page in both schemes, then scrolling with motion, at every step`, async () => {
      const found: string[] = [];
      for (const { scheme, width } of [
        { scheme: 'dark', width: 1280 },
        { scheme: 'light', width: 390 },
      ] as const) {
        const p = await tab.load(site + page, { colorScheme: scheme, reducedMotion: 'no-preference', width, height: 800 });
        const whole = await axeBothSchemes(p, scheme, `${width}px page`);
        expect(whole.backgrounds.dark, `${width}px: the dark scheme did not reach the screen`).not.toBe(whole.backgrounds.light);
        found.push(...whole.found);
        const steps = await p.locator('.scrolly .step').count();
        for (let n = 1; n <= steps; n++) {
          const { section, index } = await p.locator(`#step-${n}`).evaluate((el) => {
            el.scrollIntoView({ block: 'center' });
            const s = el.closest('scrolly-section')!;
            return { section: `#${s.id}`, index: [...s.querySelectorAll('.step')].indexOf(el) };
          });
          await expect.poll(() => p.locator(section).getAttribute('data-active-step')).toBe(String(index));
          await expect.poll(() => p.locator(`${section} chancay-figure[data-mounted]`).count(), { timeout: 15_000 }).toBe(1);
          await settled(p, section);
          for (const v of await axe(p, section)) found.push(`[${scheme} ${width}px step ${n}] ${v}`);
        }
      }
      expect([...new Set(found)]).toEqual([]);
    }, 420_000);

    it(`${page}: reduced motion, the plain article and the stepper at every step`, async () => {
      const found: string[] = [];
      // The plain article: every step with its still and its description.
      {
        const p = await tab.load(site + page, { colorScheme: 'light', reducedMotion: 'reduce', width: 390, height: 844 });
        const sections = await p.locator('scrolly-section').evaluateAll((s) => s.map((e) => `#${e.id}`));
        for (const section of sections) {
          await expect.poll(() => p.locator(section).getAttribute('data-mode')).toBe('plain');
          for (const v of await axe(p, section)) found.push(`[plain light 390px ${section}] ${v}`);
        }
      }
      // The stepper, dark, wide: at every step.
      {
        const p = await tab.load(site + page, { colorScheme: 'dark', reducedMotion: 'reduce', width: 1280, height: 800 });
        const sections = await p.locator('scrolly-section').evaluateAll((s) => s.map((e) => ({ id: `#${e.id}`, steps: e.querySelectorAll('.step').length })));
        for (const { id, steps } of sections) {
          await p.locator(`${id} .scrolly__toggle`).click();
          await expect.poll(() => p.locator(id).getAttribute('data-mode')).toBe('stepper');
          for (let i = 0; i < steps; i++) {
            if (i) await p.keyboard.press('ArrowRight');
            await expect.poll(() => p.locator(id).getAttribute('data-active-step')).toBe(String(i));
            await expect.poll(() => p.locator(`${id} chancay-figure[data-mounted]`).count(), { timeout: 15_000 }).toBe(1);
            for (const v of await axe(p, id)) found.push(`[stepper dark 1280px ${id} step ${i + 1}] ${v}`);
          }
        }
      }
      expect([...new Set(found)]).toEqual([]);
    }, 300_000);
  }
});
