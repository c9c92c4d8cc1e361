/**
 * Chapters 3-5 graphics as a reader meets them: the funding-models steps light
 * the schematic's rows in step, and the article's table is there once (the
 * figure's data table, not a second copy in the prose); the static figures
 * mount, re-lay out to their width and keep their accessible names.
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { frames, launch, openPage, scrollThrough } from './browser';

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

/** Each line of the schematic's text on screen: its size as drawn (font size × the SVG's scale) and its box. */
function drawnLabels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGTextElement>('#figure-funding-models svg text')].flatMap((t, text) => {
      const tspans = [...t.querySelectorAll<SVGTSpanElement>('tspan')];
      return (tspans.length ? tspans : [t])
        .filter((run) => (run.textContent ?? '').trim())
        .map((run) => {
          const m = run.getScreenCTM()!;
          const r = run.getBoundingClientRect();
          return { text, s: run.textContent ?? '', px: parseFloat(getComputedStyle(run).fontSize) * Math.hypot(m.a, m.b), box: { x: r.x, y: r.y, w: r.width, h: r.height } };
        });
    }),
  );
}
type Box = { x: number; y: number; w: number; h: number };
/** Overlap by more than half a pixel (a line's box is its glyph cell, ascent to descent). */
const overlaps = (a: Box, b: Box, tol = 0.5) => a.x + tol < b.x + b.w && b.x + tol < a.x + a.w && a.y + tol < b.y + b.h && b.y + tol < a.y + a.h;

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

  // On a phone the sticky stage is shorter than the roomy schematic: scaled down to it, 16 of its 18 labels were
  // drawn under 11 px at 390x844 (9.2 px at the least) and all 18 at 360x740 (7.7 px). It now lays itself out
  // tighter to the stage's height (geometry.ts, Density), text never under 11 px.
  for (const edition of ['', '/es'])
    for (const [width, height] of [
      [360, 740],
      [390, 844],
    ] as const) {
      it(`${edition || '/en'} at ${width}x${height}, scrolling: every label is drawn at 11 px or more, and no two overlap, in every step`, async () => {
        const { page } = await openPage(browser, [site], { viewport: { width, height } });
        await page.goto(`${site}${edition}/why-washington-is-sidelined/`);
        const section = page.locator('scrolly-section#scrolly-funding-models');
        await expect.poll(() => section.getAttribute('data-mode')).toBe('scroll');
        const n = await section.locator('.step').count();
        const found: string[] = [];
        for (let i = 0; i < n; i++) {
          await scrollToStep(page, '#scrolly-funding-models', i, height);
          await expect.poll(() => section.getAttribute('data-active-step')).toBe(String(i));
          await expect.poll(() => page.locator('#figure-funding-models.chart-face[data-mounted]').count()).toBe(1);
          await expect.poll(() => page.locator('#figure-funding-models .fm-row.is-lit').getAttribute('data-row')).toBe(ROWS[i]);
          await frames(page, 2);
          const drawn = await drawnLabels(page);
          expect(drawn.length).toBeGreaterThan(10);
          for (const l of drawn) if (l.px < 10.95) found.push(`step ${i}: "${l.s}" drawn at ${l.px.toFixed(2)} px`);
          for (const a of drawn)
            for (const b of drawn)
              if (a.text < b.text && overlaps(a.box, b.box)) found.push(`step ${i}: "${a.s}" overlaps "${b.s}"`);
        }
        expect(found, found.join('\n')).toEqual([]);
        await page.context().close();
      });
    }

  it('the label check fails on a label drawn under 11 px and on two labels that overlap', () => {
    const box = { x: 10, y: 10, w: 50, h: 12 };
    expect(overlaps(box, { ...box, x: 40 })).toBe(true);
    expect(overlaps(box, { ...box, y: 22.5 })).toBe(false);
  });

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
  { slug: 'the-cost-of-progress', id: 'debt-and-finance', text: /31\.1%[\s\S]*60%[\s\S]*40%/ },
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

describe('the road-ahead timeline on a phone', () => {
  // Each label beside its own date: the labels were pushed apart along a linear axis, and on a phone
  // "2028 PowerChina…" stood beside the 2031 tick and "2031 Lima–Barranca" beside 2032 (review, 7 Dec 2026).
  for (const [edition, width] of [['', 360], ['', 390], ['/es', 360], ['/es', 390]] as const) {
    it(`${edition || '/en'} at ${width}px: every label is nearer its own date's dot than any other, and its year's tick`, async () => {
      const { page, errors } = await openPage(browser, [site], { viewport: { width, height: 800 } });
      const real = watchFailures(page);
      await page.goto(`${site}${edition}/the-road-to-apec/`);
      const fig = page.locator('#figure-road-ahead');
      await fig.evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
      await expect.poll(() => page.locator('#figure-road-ahead[data-mounted]').count()).toBe(1);
      await expect.poll(() => fig.locator('.figure__canvas svg').getAttribute('width')).toBe(String(Math.round((await fig.locator('.figure__canvas').boundingBox())!.width)));
      await frames(page, 2);
      const { marks, years } = await fig.evaluate((el) => {
        const svg = el.querySelector('.figure__canvas svg')!;
        const mid = (r: DOMRect) => r.top + r.height / 2;
        return {
          years: [...svg.querySelectorAll('.tick')].map((t) => ({ year: Number(t.textContent), y: mid(t.querySelector('line')!.getBoundingClientRect()) })),
          marks: [...svg.querySelectorAll('.ra-mark')].map((m) => {
            const dot = m.querySelector('.ra-dot, .ra-today')!.getBoundingClientRect();
            const date = m.querySelector('.ra-date')!;
            const boxes = [...m.querySelectorAll('.ra-date, .ra-label')].map((t) => t.getBoundingClientRect());
            return {
              text: `${date.textContent} ${m.querySelector('.ra-label')!.textContent}`.slice(0, 50),
              year: Number(/\d{4}/.exec(date.textContent ?? '')![0]),
              dot: mid(dot),
              dateLine: mid(date.getBoundingClientRect()),
              top: Math.min(...boxes.map((b) => b.top)),
              bottom: Math.max(...boxes.map((b) => b.bottom)),
            };
          }),
        };
      });
      expect(marks.length).toBeGreaterThan(8);
      expect(years.length).toBeGreaterThan(8);
      const gap = (y: number, m: { top: number; bottom: number }) => Math.max(0, m.top - y, y - m.bottom);
      const wrong: string[] = [];
      for (const m of marks) {
        const other = marks.filter((o) => o !== m && o.dot !== m.dot).find((o) => gap(o.dot, m) < gap(m.dot, m));
        if (other) wrong.push(`“${m.text}”: ${gap(m.dot, m).toFixed(0)} px from its dot, ${gap(other.dot, m).toFixed(0)} px from “${other.text}”'s`);
        const nearest = years.reduce((a, b) => (Math.abs(b.y - m.dateLine) < Math.abs(a.y - m.dateLine) ? b : a));
        if (nearest.year !== m.year && nearest.year !== m.year + 1) wrong.push(`“${m.text}”: beside the ${nearest.year} tick`);
      }
      expect(wrong).toEqual([]);
      expect(real(errors)).toEqual([]);
      await page.context().close();
    });
  }
});
