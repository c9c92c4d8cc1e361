/**
 * Chart text as a reader's browser draws it, for every graphic in each edition (each embed
 * figure page under dist/embed/ and dist/<lang>/embed/, found from the build), at 320, 390, 768 and
 * 1280 px, in every step:
 * - every visible SVG label is drawn in the chart face, and its drawn width is
 *   the width src/lib/text.ts measured for it (the advance table is the font
 *   the browser loaded: layout is measured, not guessed);
 * - no label line overlaps a line of another label;
 * - no label line leaves its picture;
 * - no wrapped label leaves a number's unit alone on a line ("US$200" / "m)").
 * Boxes are the browser's own glyph positions (getExtentOfChar for the run,
 * the baseline from getStartPositionOfChar), mapped to the screen through the
 * SVG's transforms, with the face's ascender and descender around the baseline.
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, readerTab } from './browser';
import { measureText, missingGlyphs, CHART_FONT_FAMILY } from '../../src/lib/text';

const site = inject('siteUrl');
const dist = process.env.DIST_DIR ?? 'dist';
const WIDTHS = [320, 390, 768, 1280];
/** Source Sans 3: ascender of the tallest letters and descender, in em (hhea/OS2 of the shipped face, rounded out). */
const ASC = 0.72;
const DESC = 0.22;

/**
 * Every embed figure page the build wrote, in each edition: /embed/<chapter>/<figure>/ and
 * /<lang>/embed/<chapter>/<figure>/. The Spanish labels run longer ("US$400,000 millones"
 * where English writes "US$400 bn"), so each edition's layout is checked on its own.
 */
function figurePages(): string[] {
  const roots = ['', ...readdirSync(dist, { withFileTypes: true }).filter((d) => d.isDirectory() && /^[a-z]{2}$/.test(d.name)).map((d) => `/${d.name}`)];
  const out: string[] = [];
  for (const prefix of roots) {
    const root = path.join(dist, prefix, 'embed');
    if (!existsSync(root)) continue;
    for (const ch of readdirSync(root, { withFileTypes: true })) {
      if (!ch.isDirectory()) continue;
      for (const fig of readdirSync(path.join(root, ch.name), { withFileTypes: true })) {
        if (fig.isDirectory() && existsSync(path.join(root, ch.name, fig.name, 'index.html'))) out.push(`${prefix}/embed/${ch.name}/${fig.name}/`);
      }
    }
  }
  return out.sort();
}

export interface Line {
  /** Which <text> it belongs to (lines of one text may touch). */
  text: number;
  s: string;
  size: number;
  weight: number;
  letterSpacing: number;
  uppercase: boolean;
  family: string;
  /** Drawn advance in px on screen (getComputedTextLength, scaled). */
  drawn: number;
  /** The SVG's px per user unit. */
  scale: number;
  box: { x: number; y: number; w: number; h: number };
  frame: { x: number; y: number; w: number; h: number };
}

/** Every visible line of SVG text inside the figure, as drawn. */
async function lines(page: Page, asc: number, desc: number): Promise<Line[]> {
  return page.evaluate(
    ([ASC, DESC]) => {
      const out: Line[] = [];
      const texts = [...document.querySelectorAll<SVGTextElement>('chancay-figure svg text')].filter((t) => t.checkVisibility({ opacityProperty: true, visibilityProperty: true }));
      texts.forEach((t, ti) => {
        const svg = t.ownerSVGElement!;
        const fr = svg.getBoundingClientRect();
        const tspans = [...t.querySelectorAll<SVGTSpanElement>('tspan')];
        const runs: SVGTextContentElement[] = tspans.length ? tspans : [t];
        for (const run of runs) {
          const s = run.textContent ?? '';
          const n = run.getNumberOfChars();
          if (!s.trim() || n === 0) continue;
          const cs = getComputedStyle(run);
          const size = parseFloat(cs.fontSize);
          const m = run.getScreenCTM()!;
          const scale = Math.hypot(m.a, m.b);
          let x1 = Infinity;
          let x2 = -Infinity;
          for (let i = 0; i < n; i++) {
            const e = run.getExtentOfChar(i);
            x1 = Math.min(x1, e.x);
            x2 = Math.max(x2, e.x + e.width);
          }
          const base = run.getStartPositionOfChar(0).y;
          const p1 = new DOMPoint(x1, base - ASC * size).matrixTransform(m);
          const p2 = new DOMPoint(x2, base + DESC * size).matrixTransform(m);
          out.push({
            text: ti,
            s,
            size,
            weight: Number(cs.fontWeight) || 400,
            letterSpacing: cs.letterSpacing === 'normal' ? 0 : parseFloat(cs.letterSpacing) / size,
            uppercase: cs.textTransform === 'uppercase',
            family: cs.fontFamily,
            drawn: run.getComputedTextLength() * scale,
            scale,
            box: { x: Math.min(p1.x, p2.x), y: Math.min(p1.y, p2.y), w: Math.abs(p2.x - p1.x), h: Math.abs(p2.y - p1.y) },
            frame: { x: fr.x, y: fr.y, w: fr.width, h: fr.height },
          });
        }
      });
      return out;
    },
    [asc, desc] as const,
  );
}

/** A unit (m, km, bn, %) or the word closing a phrase ("millones)"), as src/lib/text.ts wrap keeps with its number. */
const UNIT_ALONE = /^(?:(?:\p{L}{1,2}|%)[)\]}.,;:]*|\p{L}{1,8}[)\]},;:.]+)$/u;

const overlap = (a: Line['box'], b: Line['box'], tol = 0.5) =>
  a.x + tol < b.x + b.w && b.x + tol < a.x + a.w && a.y + tol < b.y + b.h && b.y + tol < a.y + a.h;

/** What is wrong with a set of drawn lines: widths that differ from the measured ones, overlaps, lines outside the picture. */
export function problems(all: Line[]): string[] {
  const out: string[] = [];
  for (const l of all) {
    if (!l.family.startsWith(`"${CHART_FONT_FAMILY}"`) && !l.family.startsWith(CHART_FONT_FAMILY)) out.push(`"${l.s}" is set in ${l.family}, not the chart face`);
    const style = { weight: l.weight, letterSpacing: l.letterSpacing, uppercase: l.uppercase };
    const measured = measureText(l.s, l.size, style) * l.scale;
    const tol = 0.5 + 0.005 * measured;
    // A glyph the face lacks comes from a system font: the measure only promises enough room.
    const fallback = missingGlyphs(l.s, style).length > 0;
    if (fallback ? l.drawn > measured + tol : Math.abs(measured - l.drawn) > tol) out.push(`"${l.s}" (${l.size}px, ${l.weight}) is drawn ${l.drawn.toFixed(1)} px wide, measured ${measured.toFixed(1)} px`);
    const f = l.frame;
    if (l.box.x < f.x - 1 || l.box.x + l.box.w > f.x + f.w + 1 || l.box.y < f.y - 1 || l.box.y + l.box.h > f.y + f.h + 1) {
      out.push(`"${l.s}" leaves its picture (${l.box.x.toFixed(0)}..${(l.box.x + l.box.w).toFixed(0)} × ${l.box.y.toFixed(0)}..${(l.box.y + l.box.h).toFixed(0)} in ${f.x.toFixed(0)}..${(f.x + f.w).toFixed(0)} × ${f.y.toFixed(0)}..${(f.y + f.h).toFixed(0)})`);
    }
  }
  // A wrapped label's unit alone on its last line, its number ending the line above ("US$200" / "m)").
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [all[i - 1]!, all[i]!];
    if (a.text === b.text && /\d$/.test(a.s.trim()) && UNIT_ALONE.test(b.s.trim())) out.push(`"${b.s}" sits alone under "${a.s}"`);
  }
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i]!;
      const b = all[j]!;
      if (a.text !== b.text && overlap(a.box, b.box)) out.push(`"${a.s}" overlaps "${b.s}"`);
    }
  return out;
}

/** A phone wider than the build picture's column, checked for the fill only. */
const PHONE_WIDE = 430;

/**
 * How the figure's drawing fills its box, as lines naming what is wrong: blank above and below it, or
 * drawn narrower than the box (the drawing scaled down to fit). Within 2% (and 2 px) on a phone
 * (up to 700 px, where the box is kept and reserved for the drawing), within a tenth wider.
 */
async function fill(page: Page, width: number): Promise<string[]> {
  const fit = await page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('chancay-figure .figure__canvas > svg');
    if (!svg) return null;
    const r = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    const k = Math.min(r.width / vb.width, r.height / vb.height);
    return { w: r.width, h: r.height, blank: r.height - vb.height * k, narrower: r.width - vb.width * k };
  });
  if (!fit) return [];
  const share = width <= 700 ? 0.02 : 0.1;
  const out: string[] = [];
  if (fit.blank > Math.max(2, fit.h * share)) out.push(`${width}px: the drawing leaves ${Math.round(fit.blank)} px of its ${Math.round(fit.h)} px box blank`);
  if (fit.narrower > Math.max(2, fit.w * share)) out.push(`${width}px: the drawing is ${Math.round(fit.narrower)} px narrower than its ${Math.round(fit.w)} px box`);
  return out;
}

/** Show step `index` (-1: before the first) as the scroll engine would announce it, and wait until the picture settles. */
async function showStep(page: Page, index: number, count: number) {
  await page.evaluate(
    ([index, count]) => {
      const section = document.querySelector('scrolly-section');
      section?.dispatchEvent(new CustomEvent('scrolly:change', { bubbles: true, detail: { index, progress: 1, direction: 'down', id: section.id, count } }));
    },
    [index, count] as const,
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 10_000 });
}

let browser: Browser;
// One tab loads every figure at every width (./browser.ts readerTab: a new reader's storage, the width set before each load).
let tab: Awaited<ReturnType<typeof readerTab>>;
beforeAll(async () => {
  browser = await launch();
  tab = await readerTab(browser, [site]);
});
afterAll(async () => {
  await browser?.close();
});

describe('chart text: measured, drawn as measured, apart and inside the picture', () => {
  const pages = figurePages();
  it('finds the figure pages in the build', () => {
    expect(pages.length, `no embed figure pages under ${dist}/embed`).toBeGreaterThan(0);
  });

  it('catches a label drawn wider than measured, an overlap and a label outside its picture (the check can fail)', () => {
    const frame = { x: 0, y: 0, w: 300, h: 200 };
    const good = { text: 0, s: 'Lima', size: 12, weight: 400, letterSpacing: 0, uppercase: false, family: `"${CHART_FONT_FAMILY}", system-ui`, scale: 1, frame };
    const w = measureText('Lima', 12);
    expect(problems([{ ...good, drawn: w, box: { x: 10, y: 10, w, h: 12 } }])).toEqual([]);
    expect(problems([{ ...good, drawn: w * 1.2, box: { x: 10, y: 10, w, h: 12 } }]).join()).toMatch(/drawn .* measured/);
    expect(problems([{ ...good, drawn: w * 0.8, box: { x: 10, y: 10, w, h: 12 } }]).join()).toMatch(/drawn .* measured/);
    // A glyph from a fallback font: narrower than measured is fine, wider is not.
    const arrow = measureText('Lima →', 12);
    expect(problems([{ ...good, s: 'Lima →', drawn: arrow - 4, box: { x: 10, y: 10, w: arrow, h: 12 } }])).toEqual([]);
    expect(problems([{ ...good, s: 'Lima →', drawn: arrow + 4, box: { x: 10, y: 10, w: arrow, h: 12 } }]).join()).toMatch(/drawn .* measured/);
    expect(problems([{ ...good, family: 'system-ui', drawn: w, box: { x: 10, y: 10, w, h: 12 } }]).join()).toMatch(/not the chart face/);
    expect(problems([{ ...good, drawn: w, box: { x: 290, y: 10, w, h: 12 } }]).join()).toMatch(/leaves its picture/);
    const two = [
      { ...good, drawn: w, box: { x: 10, y: 10, w, h: 12 } },
      { ...good, text: 1, drawn: w, box: { x: 20, y: 15, w, h: 12 } },
    ];
    expect(problems(two).join()).toMatch(/overlaps/);
    // A wrapped label's unit left alone on the next line.
    const wrapped = [
      { ...good, s: '(US DFC US$553 m, DBSA US$200', drawn: measureText('(US DFC US$553 m, DBSA US$200', 12), box: { x: 10, y: 10, w: 200, h: 12 } },
      { ...good, s: 'm)', drawn: measureText('m)', 12), box: { x: 10, y: 24, w: 12, h: 12 } },
    ];
    expect(problems(wrapped).join()).toMatch(/"m\)" sits alone/);
    expect(problems([wrapped[0]!, { ...wrapped[1]!, text: 1 }]).join()).not.toMatch(/sits alone/);
  });

  for (const url of pages) {
    it(`${url}: at ${WIDTHS.join(', ')} px, in every step`, async () => {
      const found: string[] = [];
      for (const width of WIDTHS) {
        const page = await tab.load(`${site}${url}`, { width, height: 900 });
        // tab.load waits for the chart face on every figure (./browser.ts readerTab).
        await page.waitForFunction((fam) => [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === fam).length >= 2, CHART_FONT_FAMILY, { timeout: 15_000 });
        await page.evaluate((fam) => Promise.all([document.fonts.load(`12px "${fam}"`), document.fonts.load(`700 12px "${fam}"`)]).then(() => document.fonts.ready), CHART_FONT_FAMILY);
        const heavy = await page.locator('chancay-figure[data-heavy="true"]').count();
        if (!heavy) await expect.poll(() => page.locator('chancay-figure[data-mounted]').count(), { timeout: 15_000 }).toBe(1);
        // Steps: the section's own (a chapter) or the embed's stepper count; a static figure has none.
        const count = await page.evaluate(() => {
          const section = document.querySelector('scrolly-section');
          return section ? section.querySelectorAll('.step').length || Number(section.getAttribute('data-solo-steps') ?? 0) : 0;
        });
        // The drawing fills its box: no blank bands above and below it, not shrunk in it. Wider than a
        // phone the box follows the drawing when they differ by more than a tenth (chancay-figure.ts; the
        // box once left 380-930 px of blank round the drawing at 768 and 1280 px, 7 Dec 2026). On a phone
        // the box is kept (CLS 0) and was reserved at build time for the drawing at this width
        // (src/lib/viz/reserve.ts): within 2% (before, the drawing was 82 px narrower than its 288 px box at 320 px).
        found.push(...(await fill(page, width)));
        let seen = 0;
        for (let step = -1; step < Math.max(count, 0); step++) {
          if (count) await showStep(page, step, count);
          const drawn = await lines(page, ASC, DESC);
          seen += drawn.length;
          for (const p of problems(drawn)) found.push(`${width}px step ${step}: ${p}`);
          if (!count) break;
        }
        // A graphic draws some of its words as SVG text in at least one step (the check is not vacuous).
        if (seen === 0) found.push(`${width}px: no chart text found to check`);
      }
      // A phone wider than the build picture's 360 px (the build picture scaled to it once left 140 px of
      // blank round the timelines at 430 px): the fill alone.
      const wide = await tab.load(`${site}${url}`, { width: PHONE_WIDE, height: 900 });
      if (!(await wide.locator('chancay-figure[data-heavy="true"]').count())) {
        await expect.poll(() => wide.locator('chancay-figure[data-mounted]').count(), { timeout: 15_000 }).toBe(1);
        found.push(...(await fill(wide, PHONE_WIDE)));
      }
      expect(found, found.slice(0, 40).join('\n')).toEqual([]);
    });
  }
});
