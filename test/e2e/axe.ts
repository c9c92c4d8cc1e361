/** axe-core injected into a real page (no CDN): returns violations as readable lines. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule sets every axe check runs: WCAG 2.0/2.1/2.2 A and AA, and axe's best practices. */
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * The rules among TAGS whose outcome can change when only colours change
 * (text contrast; a link told from its sentence by colour). Every other rule
 * reads the DOM, the layout and what is visible, so on a page whose DOM and
 * layout a colour-scheme switch left exactly as they were (layoutPrint), they
 * give what they gave in the first scheme. test/e2e/a11y-pages.test.ts checks
 * that these ids are axe rules in TAGS, so a renamed rule cannot drop out.
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Run axe on the page, or only inside `selector`; `rules` narrows TAGS to those rule ids. */
export async function axe(page: Page, selector?: string, rules?: string[]): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE); // not addScriptTag: the site's CSP blocks inline scripts; evaluate is not a page script
  const violations = await page.evaluate(
    async ([sel, tags, rules]) => {
      // @ts-expect-error injected global
      const r = await window.axe.run(sel ? { include: [sel] } : document, {
        runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return (r.violations as { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[]).map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ')}`),
      }));
    },
    [selector, TAGS, rules] as const,
  );
  return violations.map((v) => `${v.id} (${v.help}): ${v.nodes.join(' | ')}`);
}

/** The ids of the axe rules TAGS selects (axe injected if needed). */
export async function axeRuleIds(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  // @ts-expect-error injected global
  return page.evaluate((tags) => (window.axe.getRules(tags) as { ruleId: string }[]).map((r) => r.ruleId), TAGS);
}

/**
 * A print of everything but colour that axe's non-colour rules read, inside
 * `selector` (default: the whole document): the DOM as serialized (elements,
 * attributes, text) and, for every element, its box and the computed
 * properties that decide whether and how it is shown (display, visibility,
 * opacity, overflow, position, clipping, content-visibility, pointer events,
 * font size). Two equal prints mean the same DOM laid out the same way.
 */
export function layoutPrint(page: Page, selector?: string): Promise<string> {
  return page.evaluate((sel) => {
    const root = sel ? document.querySelector(sel)! : document.documentElement;
    const out: string[] = [root.outerHTML];
    const props = ['display', 'visibility', 'opacity', 'overflow-x', 'overflow-y', 'position', 'clip', 'clip-path', 'content-visibility', 'pointer-events', 'font-size', 'transform'];
    for (const el of [root, ...root.querySelectorAll('*')]) {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      out.push(`${r.x},${r.y},${r.width},${r.height};${props.map((p) => cs.getPropertyValue(p)).join(';')}`);
    }
    return out.join('\n');
  }, selector);
}

/**
 * Lays out once every block the page defers (`content-visibility: auto`: the Sources page's lists),
 * as a reader's scroll does, and returns to the top; returns how many. Until a deferred block has been
 * on screen its box is a placeholder (`contain-intrinsic-size`), while axe, measuring a target inside
 * it, gets the target's own laid-out box: where the content is taller than the placeholder the two
 * disagree, and target-size found links "obscured" by the next block (7 Dec 2026, a deferred corrections
 * log, since dropped). Once laid out, a block keeps its real size (`auto`), as it does for a reader who
 * has scrolled to it. Lighthouse's own axe run does no such thing: a page whose deferred content is
 * taller than its placeholder fails its accessibility score (ARCHITECTURE.md, "Long lists").
 */
export async function layOutDeferred(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const blocks = [...document.querySelectorAll<HTMLElement>('body *')].filter((e) => getComputedStyle(e).contentVisibility === 'auto');
    for (const b of blocks) {
      b.scrollIntoView({ block: 'start', behavior: 'instant' });
      await frame();
    }
    window.scrollTo({ top: 0, behavior: 'instant' });
    await frame();
    return blocks.length;
  });
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
 * then in the other one. In the other scheme only the COLOUR_RULES run when
 * the switch left the DOM and the layout exactly as they were (layoutPrint
 * equal before and after: every other rule would read the same page); if
 * anything else changed, every rule runs again (`rerunAll` says which
 * happened). Violations come back labelled `[scheme label]`; `backgrounds`
 * proves the switch reached the screen (a test asserts the two differ, so a
 * no-op switch cannot pass as "dark checked"). `restore` (default) switches
 * back to the first scheme and waits until it is painted, for a test that
 * goes on with the page; `restore: false` leaves the emulated scheme on the
 * first one without waiting (the page is about to be navigated away).
 */
export async function axeBothSchemes(page: Page, loadedIn: Scheme, label: string, selector?: string, { restore = true } = {}) {
  const other: Scheme = loadedIn === 'light' ? 'dark' : 'light';
  const found: string[] = [];
  const backgrounds = {} as Record<Scheme, string>;
  backgrounds[loadedIn] = await useScheme(page, loadedIn);
  for (const v of await axe(page, selector)) found.push(`[${loadedIn} ${label}] ${v}`);
  const before = await layoutPrint(page, selector);
  backgrounds[other] = await useScheme(page, other);
  const rerunAll = (await layoutPrint(page, selector)) !== before;
  for (const v of await axe(page, selector, rerunAll ? undefined : COLOUR_RULES)) found.push(`[${other} ${label}] ${v}`);
  if (restore) await useScheme(page, loadedIn);
  else await page.emulateMedia({ colorScheme: loadedIn });
  return { found, backgrounds, rerunAll };
}
