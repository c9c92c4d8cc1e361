// `npm run bench`: build time, then each page scrolled top to bottom in
// Chromium at a steady reader's pace: frame times (p50, p95, frames over
// 50 ms), long tasks, JavaScript and total bytes. A plain-HTML baseline page
// of similar length (text and one inline SVG) runs in the same session, and
// every figure is also given as a ratio to it: on a shared machine only the
// ratios compare across runs. Writes bench/results/<time>.json and latest.json.
// Two profiles, each with its own floor run in the same browser:
//   desktop  1280×800 @1x, CPU as is
//   mobile   390×844 @2x, CPU slowed through the DevTools protocol
//            (Emulation.setCPUThrottlingRate): Lighthouse's mobile preset's ×4,
//            calibrated to this host as Lighthouse's runs are (scripts/cpu-calibration.mjs:
//            ×4 on a host of BenchmarkIndex 1,533, less on a slower one, more on a
//            faster one), so both judge the same phone; --cpu=4 pins it
// WebGL here is software (SwiftShader: these machines have no GPU), so the 3D
// scene's numbers are a worst case, not a phone's.
//   --no-build   reuse dist/        --pages=/a/,/b/   only these pages
//   --profiles=mobile,desktop (default both)        --speed=1200 px/s   --cpu=N
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';
import { listPages, isEmbed } from './pages.mjs';
import { cpuMultiplierFor, hostIndexIn } from './cpu-calibration.mjs';
import { PHONE, readerScroll } from './reader-scroll.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? true]));
const SPEED = Number(args.get('speed') ?? 1200); // px per second: a brisk but steady reader
/** @typedef {{ viewport: { width: number, height: number }, deviceScaleFactor: number, cpuRate: number, isMobile: boolean }} Profile */
/** @type {Record<string, Profile>} */
const PROFILES = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, cpuRate: 1, isMobile: false },
  mobile: { viewport: PHONE.viewport, deviceScaleFactor: PHONE.deviceScaleFactor, cpuRate: 4, isMobile: PHONE.isMobile },
};
const profileNames = String(args.get('profiles') ?? 'desktop,mobile').split(',');
for (const n of profileNames) if (!PROFILES[n]) throw new Error(`[bench] unknown profile ${n} (desktop, mobile)`);
const env = { ...process.env, PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1', BUILD_MODE: 'local' };

let buildSeconds = null;
if (!args.has('no-build')) {
  const t = performance.now();
  const r = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0) throw new Error('[bench] build failed');
  buildSeconds = +((performance.now() - t) / 1000).toFixed(2);
}

// The floor: the longest chapter's text as plain HTML with one inline SVG, no JS, system fonts.
function baselineHtml() {
  const chapters = listPages().filter((p) => !isEmbed(p) && !/^\/(?:[a-z]{2}\/)?(?:sources\/|corrections\/|glossary\/|404\/)?$/.test(p));
  let longest = '';
  for (const p of chapters) {
    const doc = readFileSync(path.join('dist', p, 'index.html'), 'utf8');
    const main = /<main[\s\S]*<\/main>/.exec(doc)?.[0] ?? '';
    const text = main.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<(?!\/?(p|h2|h3)\b)[^>]+>/g, '');
    if (text.length > longest.length) longest = text;
  }
  const bars = Array.from({ length: 6 }, (_, i) => `<rect x="0" y="${i * 30}" width="${60 + i * 50}" height="20" fill="#888"/>`).join('');
  const svg = `<svg viewBox="0 0 400 180" width="100%" role="img" aria-label="bars">${bars}</svg>`;
  const half = Math.floor(longest.length / 2);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Baseline</title><style>body{font:18px/1.6 Georgia,serif;max-width:38rem;margin:auto;padding:0 1rem}</style></head><body><main>${longest.slice(0, half)}${svg}${longest.slice(half)}</main></body></html>`;
}

const baseDir = mkdtempSync(path.join(tmpdir(), 'chancay-bench-'));
mkdirSync(path.join(baseDir, 'baseline'), { recursive: true });
writeFileSync(path.join(baseDir, 'baseline/index.html'), baselineHtml());

const site = await serve({ quiet: true });
const floor = await serve({ quiet: true, root: baseDir });
/** @type {{ name: string, url: string, embed?: boolean }[]} */
const targets = [{ name: 'baseline (plain HTML)', url: `${floor.url}/baseline/` }];
const only = args.get('pages') ? String(args.get('pages')).split(',') : null;
for (const p of listPages()) {
  // Embed pages (either edition) are measured as a newsroom shows them, inside the host page below.
  if (isEmbed(p)) continue;
  if (only && !only.includes(p)) continue;
  targets.push({ name: p, url: site.url + p });
}
// A newsroom's host page with an embedded chapter (issue 7), on another
// origin (127.0.0.2: a separate site, so the embed runs out of process).
const { serveHosts } = await import('../test/e2e/hosts/serve-hosts.mjs');
let host = null;
if (!only || only.includes('host')) {
  host = await serveHosts({ site: site.url, host: '127.0.0.2' });
  targets.push({ name: 'host page + embedded chapter', url: `${host.url}/bench.html`, embed: true });
}

const browser = await launch();

const pct = (/** @type {number[]} */ xs, /** @type {number} */ p) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** @param {(typeof targets)[number]} t @param {Profile} prof */
async function measure(t, prof) {
  const ctx = await browser.newContext({ viewport: prof.viewport, deviceScaleFactor: prof.deviceScaleFactor, isMobile: prof.isMobile, hasTouch: prof.isMobile });
  const page = await ctx.newPage();
  const throttle = async (/** @type {import('playwright-core').Page} */ p) => {
    if (prof.cpuRate === 1) return;
    const cdp = await ctx.newCDPSession(p);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: prof.cpuRate });
  };
  await throttle(page);
  await page.addInitScript(() => {
    window.__longTasks = [];
    try {
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    } catch {}
  });
  await page.goto(t.url, { waitUntil: 'load' });
  let child = null;
  if (t.embed) {
    await page.waitForSelector('[data-chancay-state="ready"]', { timeout: 20000 });
    child = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/embed/'));
    // The embed runs out of process: throttle its renderer as well.
    if (child && prof.cpuRate !== 1) {
      const cdp = await ctx.newCDPSession(child).catch(() => null);
      await cdp?.send('Emulation.setCPUThrottlingRate', { rate: prof.cpuRate }).catch(() => {});
    }
    // Frame times inside the embed, recorded while the host scrolls.
    await child?.evaluate(() => {
      window.__iv = [];
      let last = performance.now();
      const tick = (/** @type {number} */ now) => {
        window.__iv.push(now - last);
        last = now;
        if (!window.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }
  await page.waitForTimeout(300);
  const frames = await page.evaluate(readerScroll, SPEED);
  await page.waitForTimeout(300);
  const childIv = child ? await child.evaluate(() => ((window.__stop = true), window.__iv.slice(1))) : null;
  const res = await page.evaluate(() => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const js = entries.filter((e) => /** @type {PerformanceResourceTiming} */ (e).initiatorType === 'script' || /\.m?js(\?|$)/.test(e.name));
    const sum = (/** @type {PerformanceEntry[]} */ xs) => xs.reduce((s, e) => s + (/** @type {PerformanceResourceTiming} */ (e).encodedBodySize || 0), 0);
    return { jsBytes: sum(js), totalBytes: sum(entries), longTasks: window.__longTasks };
  });
  await ctx.close();
  const iv = frames.intervals;
  return {
    page: t.name,
    'height px': Math.round(frames.height),
    'p50 ms': +pct(iv, 50).toFixed(1),
    'p95 ms': +pct(iv, 95).toFixed(1),
    '>50ms': iv.filter((x) => x > 50).length,
    frames: iv.length,
    'long tasks': res.longTasks.length,
    'long task ms': Math.round(res.longTasks.reduce((s, x) => s + x, 0)),
    'longest ms': Math.round(Math.max(0, ...res.longTasks)),
    'JS kB': +(res.jsBytes / 1024).toFixed(1),
    'total kB': +(res.totalBytes / 1024).toFixed(1),
    ...(childIv ? { 'embed p50 ms': +pct(childIv, 50).toFixed(1), 'embed p95 ms': +pct(childIv, 95).toFixed(1), 'embed >50ms': childIv.filter((x) => x > 50).length } : {}),
  };
}

/** @type {Record<string, unknown>} */
const results = {};
for (const name of profileNames) {
  const prof = PROFILES[name];
  /** @type {number | null} */
  let index = null;
  if (prof.cpuRate > 1) {
    index = Math.round(await hostIndexIn(browser));
    prof.cpuRate = args.has('cpu') ? Number(args.get('cpu')) : cpuMultiplierFor(index);
    if (!(prof.cpuRate >= 1)) throw new Error(`[bench] --cpu must be a number >= 1, not ${args.get('cpu')}`);
  }
  const rows = [];
  for (const t of targets) rows.push(await measure(t, prof));
  const base = rows[0];
  const ratio = (/** @type {number} */ a, /** @type {number} */ b) => (b > 0 ? +(a / b).toFixed(2) : a > 0 ? Infinity : 1);
  const ratios = rows.map((r) => ({
    page: r.page,
    'p50 ×': ratio(r['p50 ms'], base['p50 ms']),
    'p95 ×': ratio(r['p95 ms'], base['p95 ms']),
    ['>50ms (floor ' + base['>50ms'] + ')']: r['>50ms'],
    'longest task ms': r['longest ms'],
    'total kB ×': ratio(r['total kB'], base['total kB']),
  }));
  const { width, height } = prof.viewport;
  const cpu = index === null ? `CPU ×${prof.cpuRate}` : `CPU ×${prof.cpuRate} (${args.has('cpu') ? 'pinned by --cpu' : 'calibrated'}; host BenchmarkIndex ${index}, Lighthouse's ×4 host 1,533)`;
  console.log(`\n[${name}] Scroll at ${SPEED} px/s, ${width}×${height} @${prof.deviceScaleFactor}x, ${cpu}, Chromium (software WebGL)`);
  console.table(rows);
  console.log(`[${name}] Ratios to the plain-HTML floor (same run):`);
  console.table(ratios);
  results[name] = { ...prof, hostBenchmarkIndex: index, rows, ratios };
}
await browser.close();
await site.close();
await floor.close();
await host?.close();
if (buildSeconds !== null) console.log(`Build time: ${buildSeconds} s`);

const out = { date: new Date().toISOString(), speedPxPerSecond: SPEED, buildSeconds, profiles: results };
mkdirSync('bench/results', { recursive: true });
const stamp = out.date.replace(/[:.]/g, '-');
writeFileSync(`bench/results/${stamp}.json`, JSON.stringify(out, null, 2));
writeFileSync('bench/results/latest.json', JSON.stringify(out, null, 2));
console.log(`Wrote bench/results/${stamp}.json`);
