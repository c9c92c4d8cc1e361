/**
 * axe-core at every step of every scrollytelling section, dark at 1280 px
 * and light at 390 px (issue 3): zero violations.
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './browser';
import { axe } from './axe';
import { listPages } from '../../scripts/pages.mjs';

const site = inject('siteUrl');
const pages = listPages(process.env.DIST_DIR ?? 'dist') as string[];
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const combos = [
  { scheme: 'light', width: 390 },
  { scheme: 'dark', width: 390 },
  { scheme: 'light', width: 1280 },
  { scheme: 'dark', width: 1280 },
] as const;

describe('axe: every scrollytelling step', () => {
  const chapterPages = pages.filter((p) => !p.startsWith('/embed/') && p !== '/' && p !== '/sources/');
  for (const page of chapterPages) {
    it(page, async () => {
      const found: string[] = [];
      for (const { scheme, width } of [combos[3], combos[0]]) {
        // Reduced motion: each step's settled picture is checked, not a fade in between.
        const { page: p } = await openPage(browser, [site], { colorScheme: scheme, reducedMotion: 'reduce', viewport: { width, height: 800 } });
        await p.goto(site + page, { waitUntil: 'load' });
        const steps = await p.locator('.step').count();
        for (let n = 1; n <= steps; n++) {
          const section = await p.locator(`#step-${n}`).evaluate((el) => {
            el.scrollIntoView({ block: 'center' });
            return `#${el.closest('scrolly-section')!.id}`;
          });
          await p.waitForTimeout(150);
          // The section in this step's state (the whole page is checked by a11y-pages).
          for (const v of await axe(p, section)) found.push(`[${scheme} ${width}px step ${n}] ${v}`);
        }
        await p.context().close();
      }
      expect([...new Set(found)]).toEqual([]);
    }, 180_000);
  }
});
