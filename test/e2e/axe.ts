/** axe-core injected into a real page (no CDN): returns violations as readable lines. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Run axe on the page, or only inside `selector` (the page as a whole is checked separately). */
export async function axe(page: Page, selector?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE); // not addScriptTag: the site's CSP blocks inline scripts; evaluate is not a page script
  const violations = await page.evaluate(async (sel) => {
    // @ts-expect-error injected global
    const r = await window.axe.run(sel ? { include: [sel] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return (r.violations as { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[]).map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ')}`),
    }));
  }, selector);
  return violations.map((v) => `${v.id} (${v.help}): ${v.nodes.join(' | ')}`);
}

export type Scheme = 'light' | 'dark';

/**
 * The pages a11y-steps.test.ts loads and checks (a chapter page with
 * scrollytelling sections; not an embed): whole page at 390 and 1280 px in
 * both colour schemes, then every step. a11y-pages.test.ts checks every other
 * page, so each page is loaded for axe once per width.
 */
export function isStepPage(dist: string, page: string): boolean {
  return !/^\/(?:[a-z]{2}\/)?embed\//.test(page) && readFileSync(path.join(dist, page, 'index.html'), 'utf8').includes('<scrolly-section');
}

/**
 * Switch a loaded page to a colour scheme in place (the site's colours are CSS
 * `prefers-color-scheme` rules; the one script that reads the scheme, the 3D
 * climb's palette, listens for its change, as for a reader who flips the
 * system theme), and wait until it is painted in it: the media query matches,
 * two frames have passed and no CSS transition the switch started is running.
 * Returns the page's background colour in that scheme.
 */
export async function useScheme(page: Page, scheme: Scheme): Promise<string> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'));
  return page.evaluate(() => {
    const body = getComputedStyle(document.body).backgroundColor;
    return body === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.documentElement).backgroundColor : body;
  });
}

/**
 * axe on a loaded page (or inside `selector`) in the scheme it was loaded in,
 * then in the other one, then back to the first. Violations come back labelled
 * `[scheme label]`; `backgrounds` proves the switch reached the screen (a test
 * asserts the two differ, so a no-op switch cannot pass as "dark checked").
 */
export async function axeBothSchemes(page: Page, loadedIn: Scheme, label: string, selector?: string) {
  const other: Scheme = loadedIn === 'light' ? 'dark' : 'light';
  const found: string[] = [];
  const backgrounds = {} as Record<Scheme, string>;
  for (const scheme of [loadedIn, other]) {
    backgrounds[scheme] = await useScheme(page, scheme);
    for (const v of await axe(page, selector)) found.push(`[${scheme} ${label}] ${v}`);
  }
  await useScheme(page, loadedIn);
  return { found, backgrounds };
}
