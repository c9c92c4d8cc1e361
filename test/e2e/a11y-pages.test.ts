/**
 * axe-core on every page, light and dark, at 390 and 1280 px wide; and at
 * every step of every scrollytelling section (issue 3): zero violations.
 * (Steps: a11y-steps.test.ts.)
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

describe('axe: every page, both colour schemes, phone and laptop', () => {
  for (const page of pages) {
    it(page, async () => {
      const found: string[] = [];
      for (const { scheme, width } of combos) {
        const { page: p } = await openPage(browser, [site], { colorScheme: scheme, viewport: { width, height: 800 } });
        await p.goto(site + page, { waitUntil: 'load' });
        for (const v of await axe(p)) found.push(`[${scheme} ${width}px] ${v}`);
        await p.context().close();
      }
      expect(found).toEqual([]);
    }, 120_000);
  }
});

