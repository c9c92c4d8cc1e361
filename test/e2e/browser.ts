/** Debian's Chromium through playwright-core; never downloads a browser. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Every request to another origin fails fast: what a "no third-party requests" test wants.
  '--proxy-server=http://127.0.0.1:9',
];

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

export interface Watched {
  page: Page;
  errors: string[];
  /** Requests to an origin other than the allowed ones. */
  foreign: string[];
}

/** A new page that records console errors, page errors and requests leaving the allowed origins. */
export async function openPage(browser: Browser, allowedOrigins: string[], options: BrowserContextOptions = {}): Promise<Watched> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await ctx.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:')) return;
    if (!allowedOrigins.some((o) => u.startsWith(o))) foreign.push(u);
  });
  return { page, errors, foreign };
}

/** Scroll like a reader: small steps with a pause, so observers fire. */
export async function scrollThrough(page: Page, to: number, stepPx = 250, pauseMs = 30) {
  let y = await page.evaluate(() => scrollY);
  const dir = to > y ? 1 : -1;
  while ((to - y) * dir > 0) {
    y = dir > 0 ? Math.min(to, y + stepPx) : Math.max(to, y - stepPx);
    await page.evaluate((v) => scrollTo(0, v), y);
    await page.waitForTimeout(pauseMs);
  }
}
