// `node scripts/first-layout.mjs URL [--runs=5] ['name=CSS' ...]`: the CPU cost of a page's first
// style and layout, as it is and with each named CSS rule added to its head, on a cold browser
// context each time (a new renderer: fonts, shaping and style caches start empty, as in a
// Lighthouse run), loads interleaved so a busy moment of the machine falls on every variant alike.
// Times are the renderer main thread's *thread* time (the trace's `tdur`), not wall time: on a
// shared 2-core machine wall time doubles when another process takes the core, thread time does
// not (6 Dec 2026: the same first layout read 2-140 ms wall, 29-37 ms thread).
// Example: node scripts/first-layout.mjs http://127.0.0.1:4321/beyond-the-tracks/ 'notext=.figure svg text{display:none!important}'
// Prints, per variant, the median of: the first layout of more than 2 ms, every style
// recalculation and layout until `load` + 300 ms, and the longest task.
import { launch } from './chromium.mjs';
import { mainThreadEvents } from './trace-tasks.mjs';

/** @typedef {import('./trace-tasks.mjs').TraceEvent} TraceEvent */

const args = process.argv.slice(2);
const url = args.find((a) => /^https?:/.test(a));
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
if (!url || !(runs > 0)) {
  console.error("usage: node scripts/first-layout.mjs URL [--runs=5] ['name=CSS' ...]");
  process.exit(2);
}
/** @type {[string, string][]} */
const variants = [['as built', ''], ...args.filter((a) => !a.startsWith('--') && a !== url).map((a) => /** @type {[string, string]} */ ([a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]))];

const browser = await launch();
/** @type {Map<string, number[][]>} */
const results = new Map();
for (let i = 0; i < runs; i++) {
  for (const [name, css] of variants) {
    // A phone, as Lighthouse's mobile preset emulates one.
    const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
    const page = await ctx.newPage();
    if (css) {
      await page.route(url, async (route) => {
        const r = await route.fetch();
        await route.fulfill({ response: r, body: (await r.text()).replace('</head>', `<style>${css}</style></head>`) });
      });
    }
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    /** @type {TraceEvent[]} */
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const onMain = mainThreadEvents(events);
    const parse = onMain.find((e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url ?? '').startsWith(url));
    if (!parse) throw new Error(`no HTML parse of ${url} in the trace`);
    const cpu = (/** @type {TraceEvent} */ e) => (e.tdur ?? e.dur ?? 0) / 1000;
    const styleLayout = onMain.filter((e) => e.name === 'Layout' || e.name === 'UpdateLayoutTree');
    const first = styleLayout.find((e) => e.name === 'Layout' && cpu(e) > 2);
    const longest = Math.max(...onMain.filter((e) => e.name === 'RunTask' && e.ts >= parse.ts - 1).map(cpu));
    results.set(name, [...(results.get(name) ?? []), [first ? cpu(first) : 0, styleLayout.reduce((s, e) => s + cpu(e), 0), longest]]);
    await ctx.close();
  }
}
await browser.close();
const median = (/** @type {number[]} */ a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`${url}, ${runs} cold loads per variant, thread time in ms (median):`);
console.table(
  [...results].map(([name, rows]) => ({
    variant: name,
    'first layout': median(rows.map((r) => r[0])).toFixed(1),
    'all style+layout': median(rows.map((r) => r[1])).toFixed(1),
    'longest task': median(rows.map((r) => r[2])).toFixed(1),
  })),
);
