// `node scripts/section-frames.mjs [/page/ ...] [--rate=N] [--runs=N] [--dist=DIR ...]`: scrolls
// each page of dist/ as the bench does on its phone profile (390×844 @2x, CPU slowed ×rate,
// default the bench's calibrated rate for this host; the reader starts 300 ms after load,
// 1200 px/s) and counts the frames over 20 ms (two vsyncs or more: what moves the p95) and over
// 50 ms, for the whole page and for each scroll-driven section (the one under the middle of the
// screen when the frame began; "prose" elsewhere). Issue 12's tool for "which graphic makes the
// page's p95": the bench gives the page's verdict, this says where it comes from.
//
// Two builds or more (`--dist=/tmp/old-dist --dist=dist --runs=4`): the builds are read in turn,
// `runs` times each, in one browser, so the machine's load falls on all alike; compare the
// counts within one run of this script only.
import path from 'node:path';
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';
import { cpuMultiplierFor, hostIndexIn } from './cpu-calibration.mjs';
import { readerScroll } from './reader-scroll.mjs';

const args = process.argv.slice(2);
const opt = (/** @type {string} */ k) => args.find((a) => a.startsWith(`--${k}=`))?.split('=')[1];
const pages = args.filter((a) => !a.startsWith('--'));
if (!pages.length) pages.push('/beyond-the-tracks/');
const dists = args.filter((a) => a.startsWith('--dist=')).map((a) => path.resolve(a.slice('--dist='.length)));
if (!dists.length) dists.push(path.resolve('dist'));
const runs = Math.max(1, Number(opt('runs') ?? 1));
const SPEED = 1200;

const sites = await Promise.all(dists.map((root) => serve({ quiet: true, root })));
const browser = await launch();
let rate = Number(opt('rate'));
if (!(rate >= 1)) rate = cpuMultiplierFor(await hostIndexIn(browser));
console.log(`Phone profile 390×844 @2x, CPU ×${rate.toFixed(2)}, scrolled at ${SPEED} px/s; frames over 20 ms / over 50 ms / all`);

for (const page of pages) {
  for (let r = 0; r < runs; r++) {
    for (const [d, site] of sites.entries()) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const tab = await ctx.newPage();
      const cdp = await ctx.newCDPSession(tab);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await tab.goto(site.url + page, { waitUntil: 'load' });
      await tab.waitForTimeout(300);
      const sections = await tab.evaluate(() =>
        [...document.querySelectorAll('scrolly-section')].map((s) => {
          const b = s.getBoundingClientRect();
          return { id: s.id || 'scrolly', top: b.top + scrollY, bottom: b.bottom + scrollY };
        }),
      );
      const { intervals, ys } = await tab.evaluate(readerScroll, SPEED);
      await ctx.close();
      const mid = 844 / 2;
      const where = (/** @type {number} */ y) => sections.find((s) => y + mid >= s.top && y + mid < s.bottom)?.id ?? 'prose';
      /** @type {Map<string, { n: number, over20: number, over50: number }>} */
      const by = new Map([['page', { n: 0, over20: 0, over50: 0 }]]);
      for (const [i, dt] of intervals.entries()) {
        const y = ys[i] ?? 0;
        for (const k of ['page', where(y)]) {
          const a = by.get(k) ?? { n: 0, over20: 0, over50: 0 };
          a.n++;
          if (dt > 20) a.over20++;
          if (dt > 50) a.over50++;
          by.set(k, a);
        }
      }
      const all = [...intervals].sort((a, b) => a - b);
      const p95 = all[Math.min(all.length - 1, Math.floor(all.length * 0.95))] ?? 0;
      console.log(`\n${page}${dists.length > 1 ? ` [${dists[d]}]` : ''} read ${r + 1}: p95 ${p95.toFixed(1)} ms`);
      for (const [k, a] of by) console.log(`  ${k.padEnd(28)} ${String(a.over20).padStart(4)} ${String(a.over50).padStart(4)} ${String(a.n).padStart(5)}`);
    }
  }
}
await browser.close();
await Promise.all(sites.map((s) => s.close?.()));
process.exit(0);
