// `node scripts/trace-load.mjs [/page/ ...] [--rate=4] [--runs=1]`: loads each page of dist/
// in Chromium on the bench's phone profile (390×844 @2x, CPU slowed ×rate), records a
// performance trace with Chromium's invalidation tracking, and prints what the main
// thread spent on style and layout while the page loaded: every layout over 3 ms
// (dirty/total layout objects, partial or whole), the head script's after-paint task
// (`go`), and the most frequent layout invalidation reasons ("Fonts changed", "SVG
// changed", ...). Issue 12's tool for finding which change lays a long page out again;
// it answers "why is TBT what it is", which the bench and Lighthouse only measure.
// Timings vary from run to run on a shared machine: compare object counts and reasons,
// and timings only within one run (--runs=3).
// `--tasks=6` also lists every main-thread task of at least 6 ms with what ran in it
// (parse, script with its file and function, style, layout, paint, GC). Lighthouse's TBT
// multiplies unthrottled task times by its CPU slowdown (×8–9 on a fast host here), so
// `--rate=1 --tasks=6` lists the tasks that count towards a page's TBT.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { PHONE } from './reader-scroll.mjs';
import { serve } from './serve.mjs';
import { describeTasks, mainThreadEvents } from './trace-tasks.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const args = process.argv.slice(2);
const opt = (/** @type {string} */ k, /** @type {string} */ d) => args.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;
const pages = args.filter((a) => !a.startsWith('--'));
if (!pages.length) pages.push('/the-announcement/');
const rate = Number(opt('rate', '4'));
const runs = Number(opt('runs', '1'));
const taskMs = Number(opt('tasks', '0'));

/** @typedef {{ name: string, ph: string, ts: number, dur?: number, pid: number, tid: number, args?: any }} TraceEvent */

const site = await serve({ quiet: true });
const browser = await launch();
const dir = mkdtempSync(path.join(tmpdir(), 'chancay-trace-'));
try {
  for (const p of pages) {
    for (let run = 1; run <= runs; run++) {
      const ctx = await browser.newContext(PHONE);
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const file = path.join(dir, 'trace.json');
      await browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking'] });
      await page.goto(site.url + p, { waitUntil: 'load' });
      await page.waitForTimeout(2500); // the after-paint scripts, the chart faces, the first figures
      await browser.stopTracing();
      await ctx.close();
      /** @type {TraceEvent[]} */
      const events = JSON.parse(readFileSync(file, 'utf8')).traceEvents;
      const onMain = mainThreadEvents(events);
      const t0 = Math.min(...onMain.filter((e) => e.name === 'ParseHTML').map((e) => e.ts));
      const ms = (/** @type {number} */ us) => (us / 1000).toFixed(1);
      console.log(`\n== ${p} (CPU ×${rate}, run ${run}/${runs}); times from the first HTML parse`);
      let styleLayout = 0;
      for (const e of onMain) {
        if (e.name === 'Layout' || e.name === 'UpdateLayoutTree') styleLayout += e.dur ?? 0;
        if ((e.dur ?? 0) < 3000) continue;
        if (e.name === 'Layout') {
          const d = e.args?.beginData ?? {};
          console.log(`${ms(e.ts - t0).padStart(8)} ms  layout ${ms(e.dur ?? 0).padStart(6)} ms  ${d.dirtyObjects}/${d.totalObjects} objects${d.partialLayout ? ' (partial)' : ''}`);
        } else if (e.name === 'FunctionCall' && e.args?.data?.functionName === 'go') {
          console.log(`${ms(e.ts - t0).padStart(8)} ms  head script after paint (go) ${ms(e.dur ?? 0)} ms`);
        }
      }
      if (taskMs > 0) console.log(describeTasks(onMain, { minMs: taskMs, t0 }).join('\n'));
      /** @type {Map<string, number>} */
      const reasons = new Map();
      for (const e of events.filter((x) => x.name === 'LayoutInvalidationTracking')) {
        const r = String(e.args?.data?.reason ?? '?');
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
      console.log(`  style and layout in all: ${ms(styleLayout)} ms; layout invalidations: ${[...reasons].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([r, n]) => `${r} ${n}`).join(', ')}`);
    }
  }
} finally {
  await browser.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
