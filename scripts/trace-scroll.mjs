// `node scripts/trace-scroll.mjs [/page/ ...] [--rate=4] [--runs=2] [--dist=DIR ...]`: scrolls each
// page of dist/ top to bottom at the bench's pace on its phone profile (390×844 @2x, CPU slowed
// ×rate) with a Chromium trace running, and prints what the main thread spent while scrolling:
// style, layout, paint and script time, the number of layouts, tasks over 50 ms, frames over
// 50 ms, and the forced layouts each script caused (Long Animation Frames attribution). Issue
// 12's tool for "did this change make scrolling cheaper": give two builds (`--dist=/old/dist
// --dist=dist`) and their runs alternate in one browser, so the machine's load hits both alike.
// Frame counts swing with the machine; the work totals less so. Compare within one run only.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';
import { PHONE, readerScroll } from './reader-scroll.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const args = process.argv.slice(2);
const opt = (/** @type {string} */ k, /** @type {string} */ d) => args.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;
const pages = args.filter((a) => !a.startsWith('--'));
if (!pages.length) pages.push('/beyond-the-tracks/');
const rate = Number(opt('rate', '4'));
const runs = Number(opt('runs', '2'));
const dists = args.filter((a) => a.startsWith('--dist=')).map((a) => path.resolve(a.slice('--dist='.length)));
if (!dists.length) dists.push(path.resolve('dist'));

/** @typedef {{ name: string, ph: string, ts: number, dur?: number, pid: number, tid: number, args?: any }} TraceEvent */

const sites = await Promise.all(dists.map((d) => serve({ quiet: true, root: d })));
const browser = await launch();
const dir = mkdtempSync(path.join(tmpdir(), 'chancay-trace-'));
const rows = [];
for (const p of pages) {
  for (let run = 1; run <= runs; run++) {
    for (const [i, site] of sites.entries()) {
      const ctx = await browser.newContext(PHONE);
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.addInitScript(() => {
        /** @type {any} */ (window).__loaf = [];
        new PerformanceObserver((l) => l.getEntries().forEach((e) => /** @type {any} */ (window).__loaf.push(e.toJSON()))).observe({ type: 'long-animation-frame', buffered: true });
      });
      await page.goto(site.url + p, { waitUntil: 'load' });
      await page.waitForTimeout(2000); // the after-paint scripts, the chart faces, the first figures
      const t0 = await page.evaluate(() => performance.now());
      const file = path.join(dir, 'trace.json');
      await browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      const frames = (await page.evaluate(readerScroll, 1200)).intervals;
      await page.waitForTimeout(300);
      await browser.stopTracing();
      /** @type {{ startTime: number, scripts: { sourceURL: string, sourceFunctionName: string, invoker: string, forcedStyleAndLayoutDuration: number }[] }[]} */
      const loaf = await page.evaluate(() => /** @type {any} */ (window).__loaf);
      await ctx.close();
      /** @type {TraceEvent[]} */
      const events = JSON.parse(readFileSync(file, 'utf8')).traceEvents;
      const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
      const main = events.filter((e) => e.ph === 'X' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
      const sum = (/** @type {string[]} */ names) => Math.round(main.filter((e) => names.includes(e.name)).reduce((a, e) => a + (e.dur ?? 0) / 1000, 0));
      const tasks = main.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.dur ?? 0) > 50_000);
      /** @type {Map<string, number>} */
      const forced = new Map();
      for (const f of loaf.filter((f) => f.startTime > t0))
        for (const s of f.scripts) {
          if (s.forcedStyleAndLayoutDuration < 1) continue;
          const k = `${(s.sourceURL || '(page)').replace(/.*\//, '').replace(/_astro_type_script_index_0_lang/, '')} ${s.invoker.slice(0, 30)}`;
          forced.set(k, (forced.get(k) ?? 0) + s.forcedStyleAndLayoutDuration);
        }
      rows.push({
        page: p,
        build: path.relative(root, dists[i]) || dists[i],
        run,
        'frames >50ms': frames.filter((x) => x > 50).length,
        'tasks >50ms': tasks.length,
        'style ms': sum(['UpdateLayoutTree']),
        'layout ms': sum(['Layout']),
        layouts: main.filter((e) => e.name === 'Layout').length,
        'paint ms': sum(['Paint']),
        'script ms': sum(['FunctionCall', 'EvaluateScript', 'v8.evaluateModule']),
        'forced layout ms': Math.round([...forced.values()].reduce((a, b) => a + b, 0)),
      });
      console.log(`${p} ${rows.at(-1)?.build} run ${run}: forced layouts by script: ${[...forced].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${Math.round(v)} ms`).join('; ') || 'none'}`);
    }
  }
}
console.log(`Scrolled at 1200 px/s, ${PHONE.viewport.width}×${PHONE.viewport.height} @${PHONE.deviceScaleFactor}x, CPU ×${rate} (script ms counts the page's own scroll driver too)`);
console.table(rows);
await browser.close();
for (const s of sites) await s.close();
