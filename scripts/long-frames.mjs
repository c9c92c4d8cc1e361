// `node scripts/long-frames.mjs [/page/ ...] [--rate=N] [--runs=N] [--dist=DIR ...] [--sections]`:
// scrolls each page of dist/ as the bench does on its phone profile (390×844 @2x, CPU slowed
// ×rate, default the bench's calibrated rate for this host; the reader starts 300 ms after load,
// 1200 px/s) and lists every frame over 50 ms: when (ms after the scroll started) and about where
// (scrollY when the observer reported it, a frame or two after the frame itself), how long, how
// much of it was rendering (style, layout, paint), the scripts that ran in it with their forced
// layouts (Long Animation Frames API), and what changed in the page during it (a
// MutationObserver: element, attribute or +added-removed children). Issue 12's tool for "which
// change made this frame long".
//
// `--start=MS`: the reader starts MS after load instead of the bench's 300 ms (a reader who reads
// the first screen first: what a page does while it is idle then shows).
//
// `--sections`: each read also counts the frames over 20 ms (two vsyncs or more: what moves the
// p95) and over 50 ms, for the whole page and for each scroll-driven section (the one under the
// middle of the screen when the frame began; "prose" elsewhere): which graphic makes the page's
// p95. The bench gives the page's verdict; this says where it comes from. The counts are taken
// with this script's observers in the page (Long Animation Frames, a MutationObserver on the body),
// which the bench does not have: compare them within one run of this script, not with the bench.
//
// Two builds or more (`--dist=/tmp/old-dist --dist=dist --runs=2`): each page is read by each
// build in turn, `runs` times, in one browser (the machine's load then falls on all alike), and a
// summary gives each read's frames over 50 ms and p95 frame time, without the frame list (with
// `--sections`, each read's section counts too). Compare counts within one run of this script only.
// scripts/trace-scroll.mjs gives main-thread totals, scripts/bench.mjs the verdict against the floor.
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';
import { PHONE, readerScroll } from './reader-scroll.mjs';
import { cpuMultiplierFor, hostIndexIn } from './cpu-calibration.mjs';

const args = process.argv.slice(2);
const opt = (/** @type {string} */ k) => args.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
const pages = args.filter((a) => !a.startsWith('--'));
if (!pages.length) pages.push('/beyond-the-tracks/');

/**
 * @typedef {{ start: number, dur: number, render: number, styleLayout: number, y: number, scripts: { what: string, ms: number, forced: number }[] }} Frame
 * @typedef {{ t: number, what: string }} Change
 */

const dists = args.filter((a) => a.startsWith('--dist=')).map((a) => a.slice('--dist='.length));
if (!dists.length) dists.push('dist');
const runs = Math.max(1, Number(opt('runs') ?? 1));
/** When the reader starts to scroll, in ms after load: the bench's 300, or --start=3000 for one who reads the first screen first. */
const startMs = Math.max(0, Number(opt('start') ?? 300));
const compare = dists.length > 1;
const bySection = args.includes('--sections');
const sites = await Promise.all(dists.map((root) => serve({ quiet: true, root })));
const browser = await launch();
/** @type {Map<string, string[]>} page and build: each read's "frames over 50 ms / p95 ms" */
const summary = new Map();
const p95 = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? 0;
let rate = Number(opt('rate'));
if (!(rate >= 1)) {
  rate = cpuMultiplierFor(await hostIndexIn(browser));
}
console.log(`Phone profile ${PHONE.viewport.width}×${PHONE.viewport.height} @${PHONE.deviceScaleFactor}x, CPU ×${rate.toFixed(2)}, scrolled at 1200 px/s`);
// Each read: a page by a build (each build in turn, then the next page, `runs` rounds).
for (const [run, p, b, site] of Array.from({ length: runs }, (_, r) => pages.flatMap((pg) => sites.map((st, i) => /** @type {const} */ ([r, pg, i, st])))).flat()) {
  const ctx = await browser.newContext(PHONE);
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
  await page.waitForTimeout(startMs); // as the bench: the reader starts 300 ms after load (--start)
  const sections = bySection ? await page.evaluate(sectionBounds) : [];
  const t0 = await page.evaluate(() => performance.now());
  const { intervals, ys } = await page.evaluate(readerScroll, 1200);
  await page.waitForTimeout(300);
  /** @type {{ frames: Frame[], changes: Change[] }} */
  const got = await page.evaluate(() => ({ frames: /** @type {any} */ (window).__frames, changes: /** @type {any} */ (window).__changes }));
  await ctx.close();
  const over = intervals.filter((x) => x > 50).length;
  if (compare) {
    const key = `${p} ${dists[b]}`;
    summary.set(key, [...(summary.get(key) ?? []), `${over} / ${p95(intervals).toFixed(1)}`]);
    if (bySection) console.log(`\n${p} [${dists[b]}] read ${run + 1}: p95 ${p95(intervals).toFixed(1)} ms\n${sectionTable(intervals, ys, sections)}`);
    continue;
  }
  console.log(`\n${p}: ${intervals.length} frames, ${over} over 50 ms, p95 ${p95(intervals).toFixed(1)} ms`);
  if (bySection) console.log(sectionTable(intervals, ys, sections));
  for (const f of got.frames.filter((f) => f.dur > 50 && f.start + f.dur > t0)) {
    const changed = [...new Set(got.changes.filter((c) => c.t >= f.start && c.t <= f.start + f.dur).map((c) => c.what))];
    const scripts = f.scripts.filter((s) => s.ms >= 3).map((s) => `${s.what} ${s.ms} ms${s.forced ? ` (forced layout ${s.forced})` : ''}`);
    console.log(
      `  t=${Math.round(f.start - t0)} y=${Math.round(f.y)} ${Math.round(f.dur)} ms, rendering ${Math.round(f.render)} (style+layout ${Math.round(f.styleLayout)})` +
        `${scripts.length ? `\n    scripts: ${scripts.join('; ')}` : ''}${changed.length ? `\n    changed: ${changed.slice(0, 8).join(' | ')}${changed.length > 8 ? ` | +${changed.length - 8} more` : ''}` : ''}`,
    );
  }
}
if (compare) {
  console.log('\nframes over 50 ms / p95 frame ms, each read in turn');
  for (const [k, v] of summary) console.log(`  ${k.padEnd(50)} ${v.join('   ')}`);
}
await browser.close();
for (const site of sites) await site.close();

/** Each scroll-driven section's extent in page coordinates. Runs in the page. */
function sectionBounds() {
  return [...document.querySelectorAll('scrolly-section')].map((el) => {
    const r = el.getBoundingClientRect();
    return { id: el.id || 'scrolly', top: r.top + scrollY, bottom: r.bottom + scrollY };
  });
}

/**
 * Frames over 20 ms / over 50 ms / all, for the page and for the section under the middle of the
 * screen when each frame began ("prose" elsewhere).
 * @param {number[]} intervals @param {number[]} ys @param {{ id: string, top: number, bottom: number }[]} sections
 */
function sectionTable(intervals, ys, sections) {
  const mid = PHONE.viewport.height / 2;
  const where = (/** @type {number} */ y) => sections.find((s) => y + mid >= s.top && y + mid < s.bottom)?.id ?? 'prose';
  /** @type {Map<string, { n: number, over20: number, over50: number }>} */
  const by = new Map([['page', { n: 0, over20: 0, over50: 0 }]]);
  for (const [i, dt] of intervals.entries()) {
    for (const k of ['page', where(ys[i] ?? 0)]) {
      const a = by.get(k) ?? { n: 0, over20: 0, over50: 0 };
      a.n++;
      if (dt > 20) a.over20++;
      if (dt > 50) a.over50++;
      by.set(k, a);
    }
  }
  const rows = [...by].map(([k, a]) => `  ${k.padEnd(28)} ${String(a.over20).padStart(4)} ${String(a.over50).padStart(4)} ${String(a.n).padStart(5)}`);
  return `  ${'frames over 20 ms / over 50 ms / all'.padEnd(28)}\n${rows.join('\n')}`;
}
