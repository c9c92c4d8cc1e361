/** Debian's Chromium through playwright-core; never downloads a browser. */
import type { Browser, BrowserContextOptions, Page, Request } from 'playwright-core';

// The one launch the bench and the trace scripts use too (scripts/chromium.mjs).
export { CHROMIUM, CHROMIUM_ARGS, launch } from '../../scripts/chromium.mjs';

export interface Watched {
  page: Page;
  errors: string[];
  /** Requests to an origin other than the allowed ones. */
  foreign: string[];
  /**
   * Resolves once the page is quiet: no request in flight over two rendered
   * frames (what a test waits for before asserting that something did NOT
   * happen: no error, no request), instead of a fixed sleep.
   */
  settled(timeoutMs?: number): Promise<void>;
}

/** Resolves after the page has rendered `n` more frames (observers and rAF loops have run). */
export function frames(page: Page, n = 2): Promise<void> {
  return page.evaluate(
    (k) =>
      new Promise<void>((resolve) => {
        const tick = () => (--k <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

/** Resolves once the page's scroll position has not moved for three frames in a row. */
export function scrollSettled(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = scrollY;
        let still = 0;
        const tick = () => {
          if (scrollY !== last) (last = scrollY), (still = 0);
          else if (++still >= 3) return resolve();
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** A new page that records console errors, page errors and requests leaving the allowed origins. */
export async function openPage(browser: Browser, allowedOrigins: string[], options: BrowserContextOptions = {}): Promise<Watched> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  const inflight = new Set<Request>();
  page.on('request', (r) => inflight.add(r));
  page.on('requestfinished', (r) => inflight.delete(r));
  page.on('requestfailed', (r) => inflight.delete(r));
  async function settled(timeoutMs = 15_000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      await frames(page, 2);
      if (!inflight.size) return;
      if (Date.now() > end) throw new Error(`page not quiet after ${timeoutMs} ms: ${[...inflight].map((r) => r.url()).join(', ')}`);
    }
  }
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:')) return;
    if (!allowedOrigins.some((o) => u.startsWith(o))) foreign.push(u);
  });
  return { page, errors, foreign, settled };
}

/** Scroll like a reader: small steps, each given `framesEach` rendered frames so observers and the scroll loop run (frames, not milliseconds: a loaded machine renders slower, and the reader's pace follows). */
export async function scrollThrough(page: Page, to: number, stepPx = 250, framesEach = 2) {
  let y = await page.evaluate(() => scrollY);
  const dir = to > y ? 1 : -1;
  while ((to - y) * dir > 0) {
    y = dir > 0 ? Math.min(to, y + stepPx) : Math.max(to, y - stepPx);
    await page.evaluate((v) => scrollTo(0, v), y);
    await frames(page, framesEach);
  }
}

export interface ReaderLoad {
  width: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
}

/**
 * One tab that loads page after page, each as a new reader would see it: the
 * viewport, colour scheme and motion preference are set before the load, and
 * the site's storage (localStorage, sessionStorage, cookies) is emptied first,
 * so nothing one load did reaches the next. Reusing the tab keeps Chromium's
 * renderer process and its caches: a fresh context per load cost more than
 * the checks themselves on a long page (context + renderer start, axe-core
 * parsed anew). For files that load many pages and only read them (axe, chart
 * text); a test that writes comments or preferences opens its own context.
 */
export async function readerTab(browser: Browser, allowedOrigins: string[]) {
  const watched = await openPage(browser, allowedOrigins);
  const { page } = watched;
  return {
    ...watched,
    async load(url: string, { width, height = 800, colorScheme = 'light', reducedMotion = 'no-preference' }: ReaderLoad) {
      await page.context().clearCookies();
      await page.evaluate(() => {
        try {
          localStorage.clear();
          sessionStorage.clear();
        } catch {
          /* about:blank has no storage */
        }
      });
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme, reducedMotion });
      watched.errors.length = 0;
      watched.foreign.length = 0;
      await page.goto(url, { waitUntil: 'load' });
      // The reader's page: every figure's chart text in its face. Until then the head script keeps
      // a figure's SVG text out of the layout (global.css), and a check would not see the labels.
      await page.waitForFunction(() => [...document.querySelectorAll('.figure')].every((f) => f.classList.contains('chart-face')), undefined, { timeout: 15_000 });
      return page;
    },
    close: () => page.context().close(),
  };
}
