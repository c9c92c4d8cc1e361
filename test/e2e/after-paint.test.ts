/**
 * Page scripts start loading only after the first contentful paint, still run
 * in document order, and still run where the browser reports no paint timing
 * (src/integrations/after-paint-scripts.mjs); the head script alone gives a
 * reduced-motion reader the plain article; and a graphic whose section's
 * scroll engine arrives late still draws the deep-linked step.
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './browser';

const site = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The page's data-modules, when each was requested and when each ran, and its first contentful paint. */
async function timings(page: Page) {
  return page.evaluate(async () => {
    const modules = (document.documentElement.dataset.modules ?? '').split(' ').filter(Boolean);
    const abs = modules.map((m) => new URL(m, location.href).href);
    // Every listed module is in the DOM as a module script once the loader ran.
    for (let i = 0; i < 300 && document.querySelectorAll('script[type="module"][src]').length < modules.length; i++) await new Promise((r) => setTimeout(r, 50));
    const inserted = [...document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')].map((s) => s.src);
    for (let i = 0; i < 300 && abs.some((u) => !performance.getEntriesByName(u).length); i++) await new Promise((r) => setTimeout(r, 50));
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const starts = abs.map((u) => (performance.getEntriesByName(u)[0] as PerformanceResourceTiming | undefined)?.startTime ?? null);
    return { modules: abs, inserted, fcp, starts };
  });
}

/** When the page's first contentful paint came, and when each of its requests for a URL matching `re` started (polled until there are `atLeast`). */
async function requestsAfterPaint(page: Page, re: RegExp, atLeast = 1) {
  return page.evaluate(
    async ([source, n]) => {
      const re = new RegExp(source);
      const starts = () => performance.getEntriesByType('resource').filter((e) => re.test(e.name)).map((e) => e.startTime);
      for (let i = 0; i < 300 && starts().length < n; i++) await new Promise((r) => setTimeout(r, 50));
      return { fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null, starts: starts() };
    },
    [re.source, atLeast] as const,
  );
}

/** The font family `selector` gets on `path` without JavaScript. */
async function familyWithoutJs(path: string, selector: string) {
  const { page } = await openPage(browser, [site], { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  await page.goto(site + path);
  const family = await page.locator(selector).first().evaluate((e) => getComputedStyle(e).fontFamily);
  await page.context().close();
  return family;
}

describe('scripts after the first paint', () => {
  for (const path of ['/beyond-the-tracks/', '/embed/the-announcement/', '/']) {
    it(`${path}: every module is requested after the first contentful paint, in document order, and runs`, async () => {
      const { page, errors } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
      await page.goto(site + path);
      const t = await timings(page);
      expect(t.modules.length).toBeGreaterThan(0);
      expect(t.inserted).toEqual(t.modules);
      expect(t.fcp).not.toBeNull();
      for (const [i, s] of t.starts.entries()) {
        expect(s, `${t.modules[i]} was never requested`).not.toBeNull();
        expect(s!, `${t.modules[i]} requested at ${s} ms, before the first contentful paint at ${t.fcp} ms`).toBeGreaterThanOrEqual(t.fcp!);
      }
      if (path !== '/') {
        // The scripts ran: the figure element is defined and the scroll engine took over its sections.
        await expect.poll(() => page.evaluate(() => !!customElements.get('chancay-figure')), { timeout: 15_000 }).toBe(true);
        await expect.poll(() => page.locator('.scrolly.is-enhanced').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('the chart face is fetched after the first contentful paint, then put on each figure, one per frame, once both its files are in; without JavaScript, at once', async () => {
    const { page, errors } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
    // When each figure gets the face: the time, and which animation frame it was in.
    await page.addInitScript(() => {
      const w = window as unknown as { frameNo: number; faced: { t: number; frame: number }[] };
      w.frameNo = 0;
      w.faced = [];
      const tick = () => {
        w.frameNo++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as Element;
          if (el.classList.contains('figure') && el.classList.contains('chart-face') && !(r.oldValue ?? '').includes('chart-face')) w.faced.push({ t: performance.now(), frame: w.frameNo });
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true });
    });
    // Until a figure has its face, its SVG text is not laid out at all (global.css): checked at the
    // first frame after the document is parsed, when no figure can have the face yet.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () =>
        requestAnimationFrame(() => {
          (window as unknown as { early: { faced: number; texts: number; laidOut: number } }).early = {
            faced: document.querySelectorAll('.figure.chart-face').length,
            texts: document.querySelectorAll('.figure svg text').length,
            laidOut: [...document.querySelectorAll('.figure svg text')].filter((t) => t.getClientRects().length > 0).length,
          };
        }),
      );
    });
    await page.goto(site + '/beyond-the-tracks/');
    const figures = await page.locator('.figure').count();
    expect(figures).toBeGreaterThan(1);
    await expect.poll(() => page.locator('.figure.chart-face').count(), { timeout: 15_000 }).toBe(figures);
    expect(await page.locator('.figure svg text').first().evaluate((t) => getComputedStyle(t).fontFamily)).toMatch(/^"?Source Sans 3"?,/);
    const early = await page.evaluate(() => (window as unknown as { early: { faced: number; texts: number; laidOut: number } }).early);
    expect(early.faced, 'no figure has the face at the first frame').toBe(0);
    expect(early.texts).toBeGreaterThan(50);
    expect(early.laidOut, 'chart text laid out in the fallback face before its own').toBe(0);
    // Once faced, every label with words in it is laid out again, with a box of its own.
    const unboxed = await page.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>('.figure svg text')]
        .filter((t) => (t.textContent ?? '').trim() && getComputedStyle(t.closest('svg')!).display !== 'none' && t.getBBox().width === 0)
        .map((t) => t.textContent),
    );
    expect(unboxed).toEqual([]);
    const t = await requestsAfterPaint(page, /\/chart-\d+\.[\w-]+\.woff2$/, 2);
    expect(t.fcp).not.toBeNull();
    expect(t.starts.length, 'both chart-face files fetched').toBe(2);
    for (const start of t.starts) expect(start, `a chart face requested at ${start} ms, before the first contentful paint at ${t.fcp} ms`).toBeGreaterThanOrEqual(t.fcp!);
    const loaded = await page.evaluate(() => Math.max(...performance.getEntriesByType('resource').filter((e) => /\/chart-\d+\.[\w-]+\.woff2$/.test(e.name)).map((e) => (e as PerformanceResourceTiming).responseEnd)));
    const faced = await page.evaluate(() => (window as unknown as { faced: { t: number; frame: number }[] }).faced);
    expect(faced.length).toBe(figures);
    // Chart text is laid out again once, in the face, not first in the fallback and again per file.
    for (const f of faced) expect(f.t, `a figure took the face at ${f.t} ms, before its files were in at ${loaded} ms`).toBeGreaterThanOrEqual(loaded);
    // One figure per frame: no task lays out every figure's text.
    expect(new Set(faced.map((f) => f.frame)).size, `frames: ${faced.map((f) => f.frame).join(', ')}`).toBe(figures);
    expect(errors).toEqual([]);
    await page.context().close();
    // Without JavaScript there is no later moment: the chart text uses the face from the start.
    expect(await familyWithoutJs('/the-announcement/', '.figure svg text')).toMatch(/^"?Source Sans 3"?,/);
  });

  it('a chart face that never arrives: the labels come in the fallback face 3 s after the page asked for it, not never', async () => {
    const { page, errors } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
    // Page time when the page asked for the face, and when each figure took it.
    await page.addInitScript(() => {
      const w = window as unknown as { askedAt: number[]; facedAt: number[] };
      w.askedAt = [];
      w.facedAt = [];
      const load = FontFaceSet.prototype.load;
      FontFaceSet.prototype.load = function (this: FontFaceSet, ...a: Parameters<FontFaceSet['load']>) {
        w.askedAt.push(performance.now());
        return load.apply(this, a);
      };
      new MutationObserver((records) => {
        for (const r of records) if ((r.target as Element).classList.contains('chart-face') && !(r.oldValue ?? '').includes('chart-face')) w.facedAt.push(performance.now());
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true });
    });
    // The face's files hang: requested, never answered (a connection that stalls).
    let requested = 0;
    await page.route(/\/chart-\d+\.[\w-]+\.woff2$/, () => {
      requested++;
      return new Promise(() => {});
    });
    await page.goto(site + '/why-washington-is-sidelined/');
    const figures = await page.locator('.figure').count();
    expect(figures).toBeGreaterThan(0);
    await expect.poll(() => requested, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.locator('.figure.chart-face').count(), { timeout: 10_000 }).toBe(figures);
    const { askedAt, facedAt } = await page.evaluate(() => {
      const w = window as unknown as { askedAt: number[]; facedAt: number[] };
      return { askedAt: w.askedAt, facedAt: w.facedAt };
    });
    expect(askedAt.length).toBe(2);
    expect(facedAt.length).toBe(figures);
    const waited = Math.min(...facedAt) - Math.max(...askedAt);
    // Not before the wait is over, and not long after it (a frame per figure; 8 s was the old wait).
    expect(waited, 'the labels came only after the wait for the face').toBeGreaterThanOrEqual(2990);
    expect(waited, 'the labels came soon after the wait for the face').toBeLessThan(6000);
    // On screen: the first figure's labels have boxes, in the fallback face.
    const first = page.locator('.figure svg text').first();
    await first.scrollIntoViewIfNeeded();
    expect(await first.evaluate((e) => (e as SVGTextElement).getBBox().width)).toBeGreaterThan(0);
    expect(await first.evaluate((e) => document.fonts.check(`12px "Source Sans 3"`, e.textContent ?? ''))).toBe(false);
    expect(errors.filter((e) => !/woff2|Failed to load resource/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('a page without a figure never asks for the chart face', async () => {
    const { page, errors } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
    await page.goto(site + '/glossary/');
    // The body face is fetched when the page is idle, after the moment the chart face would be asked for.
    const body = await requestsAfterPaint(page, /\/fonts\/serif-[\w-]+\.woff2$/, 2);
    expect(body.starts.length, 'the page got as far as fetching the body face').toBe(2);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/chart-\d+\.[\w-]+\.woff2$/.test(e.name)).map((e) => e.name))).toEqual([]);
    expect(await page.locator('.figure').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the body face: a first visit asks for nothing before its first paint, reads in the system serif and fetches the face for the next page, which uses it from its first paint; without JavaScript, at once', async () => {
    const bodyFamily = (p: Page) => p.locator('.prose > p').first().evaluate((e) => getComputedStyle(e).fontFamily);
    const { page, errors } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
    await page.goto(site + '/the-cost-of-progress/');
    expect(await page.evaluate(() => document.documentElement.classList.contains('body-face')), 'a first visit').toBe(false);
    expect(await bodyFamily(page)).not.toMatch(/Source Serif/);
    // Fetched when the page is idle, after the first paint, and noted for the next page.
    const t = await requestsAfterPaint(page, /\/fonts\/serif-[\w-]+\.woff2$/, 2);
    expect(t.fcp).not.toBeNull();
    expect(t.starts.length, 'both body-face files fetched').toBe(2);
    for (const start of t.starts) expect(start, `the body face requested at ${start} ms, before the first paint at ${t.fcp} ms`).toBeGreaterThan(t.fcp!);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('chancay-body-face'))).toBe(await page.evaluate(() => document.documentElement.dataset.bodyFace ?? ''));
    // The text never changed face on this page (no reflow).
    expect(await bodyFamily(page)).not.toMatch(/Source Serif/);
    // The next page: the face from its first paint, from the cache.
    await page.goto(site + '/the-road-to-apec/');
    expect(await page.evaluate(() => document.documentElement.classList.contains('body-face'))).toBe(true);
    expect(await bodyFamily(page)).toMatch(/^"?Source Serif 4"?,/);
    await expect.poll(() => page.evaluate(() => document.fonts.check('16px "Source Serif 4"'))).toBe(true);
    // A new build's face (other file names) is not taken for cached.
    await page.evaluate(() => localStorage.setItem('chancay-body-face', '/fonts/serif-0000000000.woff2'));
    await page.goto(site + '/the-announcement/');
    expect(await page.evaluate(() => document.documentElement.classList.contains('body-face'))).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
    expect(await familyWithoutJs('/the-announcement/', '.prose > p')).toMatch(/^"?Source Serif 4"?,/);
  });

  it('the site icon is in the page, not a request (one more round trip before the largest paint)', async () => {
    const { page } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(site + '/why-washington-is-sidelined/');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    await page.waitForLoadState('load');
    expect(asked.filter((p) => /favicon/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('loads the modules anyway where the browser reports no paint timing', async () => {
    const { page, errors } = await openPage(browser, [site]);
    await page.addInitScript(() => {
      // @ts-expect-error: a browser without PerformanceObserver
      delete window.PerformanceObserver;
    });
    await page.goto(site + '/the-announcement/');
    const t = await timings(page);
    expect(t.inserted).toEqual(t.modules);
    await expect.poll(() => page.evaluate(() => !!customElements.get('chancay-figure')), { timeout: 15_000 }).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reduced motion: the head script alone turns every scroll-driven section into the plain article', async () => {
    const { page } = await openPage(browser, [site], { reducedMotion: 'reduce', viewport: { width: 390, height: 844 } });
    // No module script ever runs: what the reader sees before them is the head script's doing.
    await page.route('**/_astro/*.js', (r) => r.abort());
    await page.goto(site + '/the-announcement/');
    const modes = await page.locator('scrolly-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-mode')));
    expect(modes.length).toBeGreaterThan(0);
    expect(modes.every((m) => m === 'plain'), `modes: ${modes}`).toBe(true);
    // The plain article shows each step's still picture, not the sticky stage.
    const box = await page.locator('#scrolly-rail-costs .step').first().locator('.step__still img').boundingBox();
    expect(box, 'the first step\'s still is laid out').not.toBeNull();
    expect(box!.width).toBeGreaterThan(250);
    await page.context().close();
    // Without the preference the sections stay in scroll mode for the scripts to drive.
    const other = await openPage(browser, [site], { reducedMotion: 'no-preference' });
    await other.page.route('**/_astro/*.js', (r) => r.abort());
    await other.page.goto(site + '/the-announcement/');
    expect(await other.page.locator('scrolly-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-mode')))).not.toContain('plain');
    await other.page.context().close();
  });

  it('no control a reader can press is shown before its script has wired it, and what was chosen early still applies', async () => {
    const { page, errors } = await openPage(browser, [site], { viewport: { width: 390, height: 844 } });
    // Hold every page script back, as a slow phone network would.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/_astro/*.js', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${site}/the-announcement/`, { waitUntil: 'domcontentloaded' });
    const shown = (sel: string) => page.locator(sel).evaluateAll((els) => els.filter((e) => e.checkVisibility({ visibilityProperty: true })).length);
    expect(await page.locator('.step__copy').count()).toBeGreaterThan(0);
    expect(await shown('.step__copy'), 'a step\'s copy button shown before its script').toBe(0);
    expect(await shown('.scrolly__toggle'), 'a "Step through" toggle shown before its script').toBe(0);
    expect(await shown('.embed-control__copy'), 'an embed copy button shown before its script').toBe(0);
    // A newsroom picks the dark theme in the Embed control before its script has run.
    const ctl = page.locator('[data-embed-control]').first();
    await ctl.locator(':scope > summary').click();
    await ctl.locator('select[data-embed-theme]').selectOption('dark');
    release();
    await expect.poll(() => shown('.step__copy'), { timeout: 15_000 }).toBe(await page.locator('.step__copy').count());
    expect(await page.locator('.step__copy:not([data-wired])').count()).toBe(0);
    await expect.poll(() => ctl.getAttribute('data-ready'), { timeout: 15_000 }).toBe('true');
    const snippets = await ctl.locator('textarea[data-kind]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    expect(snippets.length).toBe(2);
    for (const v of snippets) expect(v).toMatch(/data-theme="dark"|\?theme=dark"/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a graphic that mounts before the scroll engine of its section is defined still draws the deep-linked step', async () => {
    // On /beyond-the-tracks/ the figure's script comes before the scroll engine's in the page.
    const url = `${site}/beyond-the-tracks/#step-4`;
    const section = '#scrolly-climb-profile';
    const km = async (page: Page) => {
      await expect.poll(() => page.locator(section).getAttribute('data-active-step'), { timeout: 15_000 }).toBe('3');
      await expect.poll(() => page.locator(`${section} chancay-figure[data-mounted]`).count(), { timeout: 15_000 }).toBe(1);
      return page.locator(`${section} .figure__canvas svg[data-km]`).first().getAttribute('data-km');
    };
    // The picture a reader gets from the deep link when the scripts arrive as usual.
    const usual = await openPage(browser, [site]);
    await usual.page.goto(url);
    const expected = await km(usual.page);
    await usual.page.context().close();
    expect(expected).not.toBeNull();

    const { page, errors } = await openPage(browser, [site]);
    // Hold the scroll engine's script back until the figure element is defined and has started its graphic.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/_astro/Scrolly.astro_*.js', async (route) => {
      await held;
      await route.continue();
    });
    // (The held script holds the load event back: wait for the parsed page only.)
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await expect.poll(() => page.evaluate(() => !!customElements.get('chancay-figure')), { timeout: 15_000 }).toBe(true);
    // Let the graphic's data and code arrive while the engine is still missing.
    const arrived = () =>
      page.evaluate(() => {
        const done = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.responseEnd > 0).map((e) => e.name);
        return done.some((n) => n.includes('/_data/')) && done.some((n) => /\/_astro\/render\.[^/]*\.js$/.test(n));
      });
    await expect.poll(arrived, { timeout: 15_000 }).toBe(true);
    expect(await page.evaluate(() => !!customElements.get('scrolly-section'))).toBe(false);
    release();
    expect(await km(page)).toBe(expected);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
