// `node scripts/long-frames.mjs [/page/ ...] [--rate=N] [--dist=DIR]`: scrolls each page of dist/
// at the bench's pace on its phone profile (390×844 @2x, CPU slowed ×rate, default the bench's
// calibrated rate for this host) and lists every frame over 50 ms while the reader scrolls:
// when (ms after the scroll started) and about where (scrollY when the observer reported it,
// a frame or two after the frame itself), how long, how much of it was
// rendering (style, layout, paint), the scripts that ran in it with their forced layouts
// (Long Animation Frames API), and what changed in the page during it (a MutationObserver:
// element, attribute or +added-removed children). Issue 12's tool for "which change made this
// frame long"; scripts/trace-scroll.mjs gives the totals, scripts/bench.mjs the verdict.
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';
import { readerScroll } from './reader-scroll.mjs';
import { benchmarkIndexExpression, cpuMultiplierFor } from './cpu-calibration.mjs';

const args = process.argv.slice(2);
const opt = (/** @type {string} */ k) => args.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
const pages = args.filter((a) => !a.startsWith('--'));
if (!pages.length) pages.push('/beyond-the-tracks/');

/**
 * @typedef {{ start: number, dur: number, render: number, styleLayout: number, y: number, scripts: { what: string, ms: number, forced: number }[] }} Frame
 * @typedef {{ t: number, what: string }} Change
 */

const site = await serve({ quiet: true, root: opt('dist') ?? 'dist' });
const browser = await launch();
let rate = Number(opt('rate'));
if (!(rate >= 1)) {
  const probe = await browser.newPage();
  const readings = [];
  for (let i = 0; i < 3; i++) readings.push(Number(await probe.evaluate(await benchmarkIndexExpression())));
  await probe.close();
  rate = cpuMultiplierFor(readings.sort((a, b) => a - b)[1] ?? 0);
}
console.log(`Phone profile 390×844 @2x, CPU ×${rate.toFixed(2)}, scrolled at 1200 px/s`);
for (const p of pages) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await (await ctx.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    /** @type {Frame[]} */
    w.__frames = [];
    /** @type {Change[]} */
    w.__changes = [];
    new PerformanceObserver((list) => {
      for (const e of /** @type {any[]} */ (list.getEntries())) {
        const end = e.startTime + e.duration;
        w.__frames.push({
          start: e.startTime,
          dur: e.duration,
          render: e.renderStart ? end - e.renderStart : 0,
          styleLayout: e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0,
          y: scrollY,
          scripts: e.scripts.map((/** @type {any} */ s) => ({
            what: `${s.invoker.replace(/^https?:\/\/.*\//, '')} [${(s.sourceURL || 'page').replace(/^.*\//, '').replace('_astro_type_script_index_0_lang', '')}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''}]`,
            ms: Math.round(s.duration),
            forced: Math.round(s.forcedStyleAndLayoutDuration),
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
    document.addEventListener('DOMContentLoaded', () =>
      new MutationObserver((ms) => {
        for (const m of ms) {
          const t = /** @type {Element} */ (m.target);
          const name = t.id || (typeof t.className === 'string' ? t.className : t.getAttribute?.('class')) || t.nodeName;
          w.__changes.push({ t: performance.now(), what: `${String(name).slice(0, 40)} ${m.type === 'childList' ? `+${m.addedNodes.length}-${m.removedNodes.length}` : `@${m.attributeName}`}` });
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true }),
    );
  });
  await page.goto(site.url + p, { waitUntil: 'load' });
  await page.waitForTimeout(300); // as the bench: the reader starts 300 ms after load
  const t0 = await page.evaluate(() => performance.now());
  const { intervals } = await page.evaluate(readerScroll, 1200);
  await page.waitForTimeout(300);
  /** @type {{ frames: Frame[], changes: Change[] }} */
  const got = await page.evaluate(() => ({ frames: /** @type {any} */ (window).__frames, changes: /** @type {any} */ (window).__changes }));
  await ctx.close();
  console.log(`\n${p}: ${intervals.length} frames, ${intervals.filter((x) => x > 50).length} over 50 ms`);
  for (const f of got.frames.filter((f) => f.dur > 50 && f.start + f.dur > t0)) {
    const changed = [...new Set(got.changes.filter((c) => c.t >= f.start && c.t <= f.start + f.dur).map((c) => c.what))];
    const scripts = f.scripts.filter((s) => s.ms >= 3).map((s) => `${s.what} ${s.ms} ms${s.forced ? ` (forced layout ${s.forced})` : ''}`);
    console.log(
      `  t=${Math.round(f.start - t0)} y=${Math.round(f.y)} ${Math.round(f.dur)} ms, rendering ${Math.round(f.render)} (style+layout ${Math.round(f.styleLayout)})` +
        `${scripts.length ? `\n    scripts: ${scripts.join('; ')}` : ''}${changed.length ? `\n    changed: ${changed.slice(0, 8).join(' | ')}${changed.length > 8 ? ` | +${changed.length - 8} more` : ''}` : ''}`,
    );
  }
}
await browser.close();
await site.close();
