/**
 * Embeds on other sites' pages, in Chromium, with real origins: the built
 * site on one origin (inject('siteUrl'), 127.0.0.1) and newsroom host pages
 * (test/e2e/hosts/*.html) on another site (127.0.0.2), so the embed runs
 * cross-origin, in its own process, as it would on a newsroom's page.
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import { gzipSync } from 'node:zlib';
import type { Browser, Frame, Page } from 'playwright-core';
import { frames, launch, openPage, scrollSettled, scrollThrough } from './browser';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serveHosts } from './hosts/serve-hosts.mjs';

const site = inject('siteUrl');
let browser: Browser;
let hosts: { url: string; close(): Promise<void> };

beforeAll(async () => {
  browser = await launch();
  hosts = await serveHosts({ site });
});
afterAll(async () => {
  await browser?.close();
  await hosts?.close();
});

/** expect.poll with a patient default: the machine may be busy with other builds. */
const poll = <T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) => expect.poll(fn, { timeout: 15_000, ...opts });

/** The embed frame whose URL starts with site + path (waits for lazy loading). */
async function frameFor(page: Page, path: string): Promise<Frame> {
  let f: Frame | undefined;
  await poll(() => (f = page.frames().find((x) => x.url().startsWith(site + path))) !== undefined, { timeout: 15_000 }).toBe(true);
  return f!;
}

const contentHeight = (f: Frame) => f.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
const boxHeight = (page: Page, sel: string) => page.evaluate((s) => document.querySelector(`${s} > div`)!.getBoundingClientRect().height, sel);
const mode = (f: Frame) => f.evaluate(() => document.documentElement.dataset.embedMode);

/** Scroll the host window in small steps, like a reader: two rendered frames each (the host posts the geometry once per frame). */
const hostScroll = (page: Page, to: number, step = 120) => scrollThrough(page, to, step, 2);

/** `n` rendered frames inside an embed (its observers, scroll loop and message handlers have run). */
const frameTicks = (f: Frame, n = 3) =>
  f.evaluate(
    (k) =>
      new Promise<void>((resolve) => {
        const tick = () => (--k <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );

/**
 * Bring an embed into view and wait until it runs hosted and its box is as
 * tall as its content. Before that its placeholder is 150 px tall: a reader
 * (or a test) who scrolls "400 px into the embed" by the placeholder's top
 * is then below it, and when the embed reports its height the host's scroll
 * anchoring keeps the reader where they were, below the grown box. That is
 * what made the wheel test fail on loaded CI machines (the pointer was over
 * the other embed; the chapter embed rested 1470 px short of the host's offset).
 */
async function sizedEmbed(page: Page, sel: string, path: string): Promise<{ f: Frame; boxTop: number }> {
  const top = () => page.evaluate((s) => document.querySelector(s)!.getBoundingClientRect().top + scrollY, sel);
  await hostScroll(page, Math.max(0, (await top()) - 300));
  const f = await frameFor(page, path);
  await poll(() => mode(f)).toBe('hosted');
  await poll(async () => Math.abs((await boxHeight(page, sel)) - (await contentHeight(f)))).toBeLessThanOrEqual(2);
  return { f, boxTop: await top() };
}

/** How far the embed's own scroll is from where the host's geometry puts it (0: it follows). */
const followGap = (page: Page, f: Frame, sel: string) =>
  Promise.all([page.evaluate((s) => -document.querySelector(s)!.getBoundingClientRect().top, sel), f.evaluate(() => scrollY)]).then(([offset, y]) => Math.abs(y - offset));

/** Which marks of the chart carry a state class: the picture's state, independent of its size. */
const chartState = (f: Frame) =>
  f.evaluate(() =>
    [...document.querySelectorAll('#figure-rail-costs .figure__canvas [class*="is-"]')]
      .map((e) => `${(e as HTMLElement).dataset.id ?? ''}:${e.getAttribute('class')}`)
      .sort()
      .join('|'),
  );

describe('the loader and the embed pages', () => {
  it('embed.js is a small self-contained classic script', async () => {
    const res = await fetch(`${site}/embed.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const code = await res.text();
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(3 * 1024);
    expect(code).not.toMatch(/\bimport\s*[({"']|\beval\(|new Function/);
  });

  it('embed pages have no chrome, noindex, a canonical link to the chapter, a credit and oEmbed', async () => {
    for (const path of ['/embed/the-announcement/', '/embed/the-announcement/rail-costs/']) {
      const html = await (await fetch(site + path)).text();
      expect(html).toContain('<meta name="robots" content="noindex"');
      expect(html).toMatch(/<link rel="canonical" href="[^"]*\/the-announcement\/"/);
      expect(html).toContain('class="embed__credit"');
      expect(html).not.toContain('class="site-header');
      expect(html).toContain('application/json+oembed');
    }
    const o = (await (await fetch(`${site}/oembed/the-announcement/rail-costs.json`)).json()) as Record<string, unknown>;
    expect(o).toMatchObject({ version: '1.0', type: 'rich' });
    expect(String(o['html'])).toContain('data-chancay-embed="/embed/the-announcement/rail-costs/"');
    expect(o['width']).toBeGreaterThan(0);
    expect(o['height']).toBeGreaterThan(0);
  });
});

describe('a host page with two embeds', () => {
  it('gives each embed a box as tall as its content, at desktop and phone width, without oscillating', async () => {
    const { page, errors, foreign } = await openPage(browser, [site, hosts.url]);
    await page.goto(`${hosts.url}/two-embeds.html`);
    // Bring both lazy iframes near the viewport so both load.
    const bottom = await page.evaluate(() => document.querySelector('#embed-figure')!.getBoundingClientRect().top + scrollY);
    await hostScroll(page, bottom, 800);
    const chapter = await frameFor(page, '/embed/the-announcement/');
    const figure = await frameFor(page, '/embed/beyond-the-tracks/climb-profile/');
    for (const width of [1280, 390]) {
      if (width !== 1280) await page.setViewportSize({ width, height: 844 });
      for (const [sel, f] of [['#embed-chapter', chapter], ['#embed-figure', figure]] as const) {
        await poll(() => mode(f)).toBe('hosted');
        await poll(async () => [width, sel, await boxHeight(page, sel), await contentHeight(f)], { timeout: 15_000 })
          .toSatisfy(([, , box, content]) => Math.abs(Number(box) - Number(content)) <= 2);
      }
      // Once the graphics are drawn, the heights do not change over 120 rendered frames (2 s at 60 fps).
      await poll(() => figure.locator('chancay-figure[data-mounted]').count()).toBeGreaterThan(0);
      for (const [sel, f] of [['#embed-chapter', chapter], ['#embed-figure', figure]] as const) {
        // Said where it fails: a frame left 90 px shorter than its page once its figure's box followed the drawing (7 Dec 2026).
        await poll(async () => [width, sel, await boxHeight(page, sel), await contentHeight(f)]).toSatisfy(([, , box, content]) => Math.abs(Number(box) - Number(content)) <= 2);
      }
      const samples: number[][] = [];
      for (let i = 0; i < 20; i++) {
        samples.push([await boxHeight(page, '#embed-chapter'), await boxHeight(page, '#embed-figure')]);
        await frames(page, 6);
      }
      for (const k of [0, 1]) {
        const hs = samples.map((s) => s[k]!);
        expect(Math.max(...hs) - Math.min(...hs), `embed ${k} at ${width}px`).toBeLessThanOrEqual(1);
      }
    }
    // The figure asked for the dark theme.
    expect(await figure.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('scrolling the host drives every step in order and back, with the chart in each step’s state', async () => {
    // The same chapter on our own site: the chart's state at each step.
    const own = await openPage(browser, [site]);
    await own.page.goto(`${site}/the-announcement/`);
    const ownSteps = await own.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('scrolly-section#scrolly-rail-costs .step')].map((s) => s.getBoundingClientRect().top + scrollY),
    );
    const expected: string[] = [];
    for (const [i, top] of ownSteps.entries()) {
      await hostScroll(own.page, top - 300, 250);
      await poll(() => own.page.locator('#figure-rail-costs[data-mounted]').count()).toBe(1);
      await poll(() => own.page.getAttribute('#scrolly-rail-costs', 'data-active-step')).toBe(String(i));
      await frames(own.page, 2);
      expected.push(await chartState(own.page.mainFrame()));
    }
    await own.page.context().close();
    expect(new Set(expected).size).toBe(expected.length); // each step looks different

    const { page, errors } = await openPage(browser, [site, hosts.url]);
    await page.goto(`${hosts.url}/two-embeds.html`);
    await page.evaluate(() => {
      (window as unknown as { seen: unknown[] }).seen = [];
      document.querySelector('#embed-chapter')!.addEventListener('chancay:step', (e) => (window as unknown as { seen: unknown[] }).seen.push((e as CustomEvent).detail));
    });
    const boxTop = await page.evaluate(() => document.querySelector('#embed-chapter')!.getBoundingClientRect().top + scrollY);
    await hostScroll(page, boxTop - 200);
    const f = await frameFor(page, '/embed/the-announcement/');
    await poll(() => mode(f)).toBe('hosted');
    const steps = await f.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('scrolly-section .step')].map((s) => ({
        n: Number(s.dataset.step),
        top: s.getBoundingClientRect().top + scrollY,
        section: s.closest('scrolly-section')!.id,
      })),
    );
    const rail = steps.filter((s) => s.section === 'scrolly-rail-costs');
    expect(rail.length).toBe(expected.length);

    // Down, step by step: the host's scroll moves the embed's document.
    for (const [i, s] of rail.entries()) {
      await hostScroll(page, boxTop + s.top - 300);
      await poll(() => f.evaluate(() => document.querySelector('#scrolly-rail-costs')!.getAttribute('data-active-step'))).toBe(String(i));
      await poll(() => chartState(f), { timeout: 15_000 }).toBe(expected[i]);
    }
    // The rest of the chapter, then back up to above the embed.
    const end = await page.evaluate(() => {
      const b = document.querySelector('#embed-chapter')!.getBoundingClientRect();
      return b.bottom + scrollY;
    });
    await hostScroll(page, end);
    await hostScroll(page, boxTop - 400);
    // Leaving upwards ends "before the first step" (step null): the last event once the embed is left above.
    type Seen = { step: number | null; index: number; direction: string; chapter: string };
    const seenNow = () => page.evaluate(() => (window as unknown as { seen: Seen[] }).seen);
    await poll(async () => (await seenNow()).at(-1)).toMatchObject({ step: null, index: -1, direction: 'up' });

    const seen = await seenNow();
    expect(seen.every((d) => d.chapter === 'the-announcement')).toBe(true);
    const all = steps.map((s) => s.n);
    const down = seen.filter((d) => d.direction === 'down' && d.step !== null).map((d) => d.step);
    const up = seen.filter((d) => d.direction === 'up' && d.step !== null).map((d) => d.step);
    expect(down).toEqual(all);
    expect(up).toEqual(all.slice(0, -1).reverse());
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a wheel over the embed scrolls the host page (the embed takes no scroll for itself), and the embed follows', async () => {
    const { page, errors } = await openPage(browser, [site, hosts.url]);
    await page.goto(`${hosts.url}/two-embeds.html`);
    const { f, boxTop } = await sizedEmbed(page, '#embed-chapter', '/embed/the-announcement/');
    await hostScroll(page, boxTop + 400);
    await poll(() => followGap(page, f, '#embed-chapter')).toBeLessThanOrEqual(1);
    // The pointer is over this embed's iframe (not the page, not the other embed).
    const under = () => page.evaluate(() => document.elementFromPoint(640, 400) === document.querySelector('#embed-chapter iframe'));
    expect(await under()).toBe(true);
    await f.evaluate(() => {
      (window as unknown as { wheels: number }).wheels = 0;
      addEventListener('wheel', () => (window as unknown as { wheels: number }).wheels++, { passive: true });
    });
    const wheels = () => f.evaluate(() => (window as unknown as { wheels: number }).wheels);
    const embedY = () => f.evaluate(() => scrollY);
    // The browser routes a wheel to an out-of-process iframe by the compositor's hit-test data, which
    // lags the DOM by a frame or two after a scroll: with the host just scrolled, a wheel sent at once
    // could land on the host page (the fresh-clone CI of aff20cd saw 0 wheels in the embed once in
    // five runs). A reader's wheel never comes within the same frame, so let both documents render first.
    await scrollSettled(page);
    await frames(page, 3);
    await frameTicks(f, 3);
    const before = await page.evaluate(() => scrollY);
    const embedBefore = await embedY();
    await page.mouse.move(640, 400);
    await frames(page, 2);
    await page.mouse.wheel(0, 300);
    await poll(wheels).toBe(1); // the embed's document got the wheel...
    await poll(() => page.evaluate(() => scrollY)).toBeGreaterThanOrEqual(before + 299); // ...and the host scrolled by all of it
    await scrollSettled(page);
    // The embed followed: its document is scrolled by the box's offset, 300 px further on.
    await poll(() => followGap(page, f, '#embed-chapter')).toBeLessThanOrEqual(1);
    expect(await embedY()).toBeGreaterThanOrEqual(embedBefore + 299);

    // The check can fail: an embed whose document scrolls for itself (hosted mode's overflow: hidden taken away)
    // swallows the same wheel, and the host page does not move.
    await f.evaluate(() => document.documentElement.style.setProperty('overflow', 'auto'));
    await frameTicks(f);
    const still = await page.evaluate(() => scrollY);
    await page.mouse.wheel(0, 300);
    await poll(wheels).toBe(2);
    await scrollSettled(page);
    await frameTicks(f);
    expect(await page.evaluate(() => scrollY)).toBe(still);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keyboard focus on a link inside the embed scrolls the host page to it', async () => {
    const { page, errors } = await openPage(browser, [site, hosts.url]);
    await page.goto(`${hosts.url}/two-embeds.html`);
    const boxTop = await page.evaluate(() => document.querySelector('#embed-chapter')!.getBoundingClientRect().top + scrollY);
    await hostScroll(page, boxTop - 300);
    const f = await frameFor(page, '/embed/the-announcement/');
    await poll(() => mode(f)).toBe('hosted');
    // The credit line sits at the very end of the chapter, far below the viewport.
    await f.locator('.embed__credit a').first().focus();
    await poll(async () => {
        const inHost = (await page.evaluate(() => document.querySelector('#embed-chapter iframe')!.getBoundingClientRect().top)) +
          (await f.evaluate(() => document.querySelector('.embed__credit a')!.getBoundingClientRect().top));
        return inHost >= 0 && inHost < 800 - 10;
      })
      .toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a placeholder added later (script run again) asking for comments gets them, with forms allowed', async () => {
    const { page, errors } = await openPage(browser, [site, hosts.url]);
    await page.goto(`${hosts.url}/two-embeds.html`);
    await page.evaluate((s) => {
      const d = document.createElement('div');
      d.id = 'late';
      d.dataset.chancayEmbed = '/embed/the-road-to-apec/';
      d.dataset.comments = 'true';
      document.querySelector('h1')!.after(d);
      const js = document.createElement('script');
      js.src = `${s}/embed.js`;
      document.body.appendChild(js);
    }, site);
    await poll(() => page.evaluate(() => document.querySelector('#late')!.getAttribute('data-chancay-state'))).toBe('ready');
    expect(await page.getAttribute('#late iframe', 'sandbox')).toContain('allow-forms');
    expect(await page.getAttribute('#embed-chapter iframe', 'sandbox')).not.toContain('allow-forms');
    const f = await frameFor(page, '/embed/the-road-to-apec/');
    expect(await f.evaluate(() => getComputedStyle(document.querySelector('.embed__comments')!).display)).toBe('block');
    // Still one loader: the chapter embed keeps one iframe.
    expect(await page.locator('#embed-chapter iframe').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('junk messages change nothing and log nothing', async () => {
    const { page, errors } = await openPage(browser, [site, hosts.url]);
    await page.goto(`${hosts.url}/two-embeds.html`);
    const { f, boxTop } = await sizedEmbed(page, '#embed-chapter', '/embed/the-announcement/');
    await hostScroll(page, boxTop + 600);
    // At rest: the embed follows the host and the scroll has stopped.
    await poll(() => followGap(page, f, '#embed-chapter')).toBeLessThanOrEqual(1);
    await scrollSettled(page);
    await frameTicks(f);
    const state = async () => ({
      box: await boxHeight(page, '#embed-chapter'),
      frame: await page.evaluate(() => document.querySelector('#embed-chapter iframe')!.getBoundingClientRect().height),
      scroll: await f.evaluate(() => scrollY),
      step: await f.evaluate(() => document.querySelector('#scrolly-rail-costs')!.getAttribute('data-active-step')),
      mode: await mode(f),
    });
    const before = await state();
    await page.evaluate(() => {
      (window as unknown as { events: number }).events = 0;
      document.addEventListener('chancay:step', () => (window as unknown as { events: number }).events++);
    });
    // Each sender ends with a sentinel (junk too). Messages from one source arrive in order, so once a
    // window has seen every sender's sentinel, it has handled all their junk: no waiting on the clock.
    const countSentinels = () => {
      (window as unknown as { sentinels: number }).sentinels = 0;
      addEventListener('message', (e) => {
        if ((e.data as { junkDone?: boolean } | null)?.junkDone === true) (window as unknown as { sentinels: number }).sentinels++;
      });
    };
    await page.evaluate(countSentinels);
    await f.evaluate(countSentinels);
    const sentinels = (w: Page | Frame) => w.evaluate(() => (window as unknown as { sentinels: number }).sentinels);
    const junk = `[null, 42, "x".repeat(2e6), [1,2,3], {chancay: 1}, {chancay: 1, type: "height", height: "9"},
      {chancay: 1, type: "height", height: 1e12}, {chancay: 1, type: "geometry", top: "-9000"}, {chancay: 2, type: "geometry", top: -9000},
      {chancay: 1, type: "step", chapter: "x".repeat(1e5), step: 1, index: 0, count: 3, section: "s", direction: "down"},
      {sentinel: "amp", type: "embed-size", height: 5}, "pymxPYMxembed-chapterxPYMxheightxPYMx5", {toString: null}]`;
    // 1. The host page throws junk into the embed.
    await page.evaluate((j) => {
      const w = document.querySelector<HTMLIFrameElement>('#embed-chapter iframe')!.contentWindow!;
      for (const m of eval(j) as unknown[]) {
        try {
          w.postMessage(m, '*');
        } catch {
          /* uncloneable junk never leaves */
        }
      }
      w.postMessage({ junkDone: true }, '*');
    }, junk);
    // 2. Messages of our exact shape from the wrong source: the host window itself and a sibling frame.
    await page.evaluate(() => {
      postMessage({ chancay: 1, type: 'height', height: 10 }, '*');
      postMessage({ chancay: 1, type: 'step', chapter: 'the-announcement', step: 1, index: 0, count: 3, section: 's', direction: 'down' }, '*');
      postMessage({ junkDone: true }, '*');
      const sib = document.createElement('iframe');
      sib.src = '/host.css';
      sib.addEventListener('load', () => {
        // Runs in the sibling frame's realm, so the messages' source is the sibling.
        (sib.contentWindow as unknown as { eval(code: string): void }).eval(`
          parent.postMessage({ chancay: 1, type: 'height', height: 10 }, '*');
          parent.document.querySelector('#embed-chapter iframe').contentWindow.postMessage({ chancay: 1, type: 'geometry', top: -2000 }, '*');
          parent.document.querySelector('#embed-chapter iframe').contentWindow.postMessage({ chancay: 1, type: 'hello' }, '*');
          parent.document.querySelector('#embed-chapter iframe').contentWindow.postMessage({ junkDone: true }, '*');
          parent.postMessage({ junkDone: true }, '*');
          parent.sibDone = true;`);
      });
      document.body.appendChild(sib);
    });
    await poll(() => page.evaluate(() => (window as unknown as { sibDone?: boolean }).sibDone)).toBe(true);
    // 3. The embed's own window sends junk up to the host (right source, wrong shape).
    await f.evaluate((j) => {
      for (const m of eval(j) as unknown[]) {
        try {
          parent.postMessage(m, '*');
        } catch {
          /* uncloneable */
        }
      }
      parent.postMessage({ junkDone: true }, '*');
    }, junk);
    // The embed heard the host's and the sibling's sentinels; the host its own, the sibling's and the embed's.
    await poll(() => sentinels(f)).toBe(2);
    await poll(() => sentinels(page)).toBe(3);
    // Whatever a message scheduled for the next frame (the host's geometry, the embed's height report) has run.
    await frames(page, 3);
    await frameTicks(f);
    expect(await state()).toEqual(before);
    expect(await page.evaluate(() => (window as unknown as { events: number }).events)).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('other host setups', () => {
  it('works on a host page whose CSP allows scripts from the embed origin only', async () => {
    const { page, errors } = await openPage(browser, [site, hosts.url]);
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) csp.push(m.text());
    });
    const res = await page.goto(`${hosts.url}/csp.html`);
    expect(res!.headers()['content-security-policy']).toContain(`script-src ${site}`);
    const steps: number[] = [];
    await page.exposeFunction('onStep', (n: number) => steps.push(n));
    await page.evaluate(() => document.addEventListener('chancay:step', (e) => (window as unknown as { onStep(n: number): void }).onStep((e as CustomEvent).detail.step)));
    const boxTop = await page.evaluate(() => document.querySelector('#embed-chapter')!.getBoundingClientRect().top + scrollY);
    await hostScroll(page, boxTop - 100);
    const f = await frameFor(page, '/embed/the-announcement/');
    await poll(() => mode(f)).toBe('hosted');
    // The section's script runs after the embed's first paint; once it has (is-enhanced) the steps get the
    // scrolly layout and move, so measure them only then (under load the old order measured the
    // pre-script layout, scrolled to the wrong place and saw no step: 2 of 6 loaded local runs, 4 Dec 2026).
    await poll(() => f.evaluate(() => document.querySelector('#scrolly-rail-costs.is-enhanced') !== null)).toBe(true);
    await frameTicks(f);
    await poll(async () => Math.abs((await boxHeight(page, '#embed-chapter')) - (await contentHeight(f)))).toBeLessThanOrEqual(2);
    const first = await f.evaluate(() => document.querySelector<HTMLElement>('#scrolly-rail-costs .step')!.getBoundingClientRect().top + scrollY);
    await hostScroll(page, boxTop + first - 300);
    // The first step reached is step 1. A null may come first (the README's "null before a section's first
    // step"): when the embed's scripts arrive after the listener is in place (a loaded machine), its first
    // report, above the section, reaches the host too; in a fast run it is sent before the test listens.
    await poll(() => steps.find((n) => n !== null)).toBe(1);
    expect(csp).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a Pym.js parent (the pym.js package) sizes a single-graphic embed', async () => {
    const { page, errors } = await openPage(browser, [site, hosts.url]);
    await page.goto(`${hosts.url}/pym.html`);
    const f = await frameFor(page, '/embed/beyond-the-tracks/climb-profile/');
    for (const width of [1280, 390]) {
      if (width !== 1280) await page.setViewportSize({ width, height: 844 });
      await poll(async () => Math.abs((await page.evaluate(() => document.querySelector('#pym-figure iframe')!.getBoundingClientRect().height)) - (await contentHeight(f))), { timeout: 15_000 })
        .toBeLessThanOrEqual(2);
    }
    // No host of ours answered: the graphic's states are buttons, nothing depends on scrolling.
    await poll(() => mode(f)).toBe('static');
    // The graphic runs (a single-graphic embed's section has no scroll engine to wait for), and Next redraws it.
    await poll(() => f.locator('chancay-figure[data-mounted]').count()).toBe(1);
    const drawn = () => f.evaluate(() => document.querySelector<SVGSVGElement>('.figure__canvas svg[data-step]')?.dataset.step ?? 'none');
    const first = await drawn();
    expect(first).toMatch(/^\d+$/);
    // Clicked by the element, not at a point. Once, in the fresh-clone CI of 8936079 (a loaded machine),
    // the step did not change after a mouse click at the button's centre; not reproduced in 7 local runs,
    // 3 of them under load. The host resizes this frame as its content settles, so a click at a point can
    // miss. Pointer and touch on the stepper are tested by stepper.test.ts (tap) and by the bare-iframe
    // stepper test below; this one is about Pym's sizing and the graphic following its buttons.
    await f.getByRole('button', { name: /next/i }).evaluate((b) => (b as HTMLButtonElement).click());
    await poll(drawn).toBe(String(Number(first) + 1));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a bare iframe (no host script) falls back to a stepper that reads in sequence', async () => {
    const { page, errors } = await openPage(browser, [site, hosts.url]);
    await page.goto(`${hosts.url}/bare.html`);
    const f = await frameFor(page, '/embed/the-announcement/');
    await poll(() => mode(f), { timeout: 15_000 }).toBe('static');
    const section = f.locator('#scrolly-rail-costs');
    // The graphic no longer sticks; one step shows at a time, chosen by buttons.
    expect(await f.evaluate(() => getComputedStyle(document.querySelector('#scrolly-rail-costs .scrolly__graphic')!).position)).toBe('static');
    const count = await section.locator('.step').count();
    const status = section.locator('.stepper__status');
    const next = section.getByRole('button', { name: /next/i });
    const states: string[] = [];
    for (let i = 0; i < count; i++) {
      await poll(() => status.textContent()).toBe(`Step ${i + 1} of ${count}`);
      // The polite live region says where the reader is and what the picture now shows (the step's description).
      const said = await section.locator('.stepper__said').textContent();
      expect(said).toMatch(new RegExp(`^Step ${i + 1} of ${count}\\. In the graphic: .{20,}`));
      expect(await section.getAttribute('data-active-step')).toBe(String(i));
      expect(await section.locator('.step:visible').count()).toBe(1);
      await poll(() => f.locator('#figure-rail-costs[data-mounted]').count()).toBe(1);
      await poll(() => chartState(f)).not.toBe(states.at(-1));
      states.push(await chartState(f));
      if (i < count - 1) await next.click();
    }
    expect(await next.isDisabled()).toBe(true);
    // Scrolling inside the iframe does not change the step: to its middle and back to the top, each scroll
    // given frames to reach any scroll listener (the document really scrolls: the frame is shorter than it).
    for (const to of ['middle', 'top'] as const) {
      const y = await f.evaluate((where) => {
        scrollTo({ top: where === 'top' ? 0 : document.documentElement.scrollHeight / 2, behavior: 'instant' });
        return scrollY;
      }, to);
      if (to === 'middle') expect(y).toBeGreaterThan(100);
      await frameTicks(f, 4);
      expect(await section.getAttribute('data-active-step')).toBe(String(count - 1));
    }
    await section.getByRole('button', { name: /previous/i }).click();
    expect(await section.getAttribute('data-active-step')).toBe(String(count - 2));
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the Embed control', () => {
  it('shows both snippets, switches their theme and copies them', async () => {
    const { page, errors } = await openPage(browser, [site], { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${site}/the-announcement/`);
    const ctl = page.locator('.chapter__header [data-embed-control]');
    await ctl.locator(':scope > summary').click();
    // The control's script loads after the first paint (data-ready once it has wired the theme and copy
    // controls); a theme chosen before then changes nothing, which a loaded CI machine hit once (4 Dec 2026).
    await poll(() => ctl.getAttribute('data-ready')).toBe('true');
    const script = ctl.getByLabel(/placeholder and script/i);
    const iframe = ctl.getByLabel(/plain iframe/i);
    expect(await script.inputValue()).toMatch(/^<div data-chancay-embed="\/embed\/the-announcement\/"[^>]*>.*<\/div>\n<script async src="[^"]+\/embed\.js"><\/script>$/s);
    expect(await iframe.inputValue()).toMatch(/^<iframe src="[^"]+\/embed\/the-announcement\/" title="[^"]+" [^>]*sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"><\/iframe>$/);
    await ctl.getByLabel(/colours/i).selectOption('dark');
    expect(await script.inputValue()).toContain('<div data-theme="dark" data-chancay-embed=');
    expect(await iframe.inputValue()).toContain('/embed/the-announcement/?theme=dark"');
    await ctl.getByRole('button', { name: 'Copy code' }).first().click();
    await poll(() => ctl.getByRole('status').textContent()).toMatch(/Copied/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await script.inputValue());
    await ctl.getByLabel(/colours/i).selectOption('');
    expect(await script.inputValue()).not.toContain('data-theme');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('accessibility inside host pages', () => {
  const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const axeFrame = async (f: Frame) => {
    await f.evaluate(AXE); // the site's CSP blocks an injected inline script
    return f.evaluate(async () => {
      // @ts-expect-error injected global
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return (r.violations as { id: string; nodes: { target: string[] }[] }[]).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
    });
  };
  it('axe finds nothing in the stepper (bare iframe) or in a dark figure embed on a host page', async () => {
    const found: string[] = [];
    for (const width of [390, 1280]) {
      const { page } = await openPage(browser, [site, hosts.url], { viewport: { width, height: 844 } });
      await page.goto(`${hosts.url}/bare.html`);
      const bare = await frameFor(page, '/embed/the-announcement/');
      await poll(() => mode(bare)).toBe('static');
      found.push(...(await axeFrame(bare)).map((v) => `[bare ${width}] ${v}`));
      await page.goto(`${hosts.url}/two-embeds.html`);
      const y = await page.evaluate(() => document.querySelector('#embed-figure')!.getBoundingClientRect().top + scrollY);
      await hostScroll(page, y, 800);
      const fig = await frameFor(page, '/embed/beyond-the-tracks/climb-profile/');
      await poll(() => mode(fig)).toBe('hosted');
      await poll(() => fig.locator('chancay-figure[data-mounted]').count()).toBeGreaterThan(0);
      found.push(...(await axeFrame(fig)).map((v) => `[dark figure ${width}] ${v}`));
      await page.context().close();
    }
    expect(found).toEqual([]);
  }, 120_000);
});
