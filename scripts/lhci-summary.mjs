// Prints a table of the Lighthouse CI reports in .lighthouseci/reports:
// the four category scores, FCP, LCP, TBT, CLS and JS bytes per page (of the
// run lhci's upload calls representative: the median when a page ran three times),
// and how many runs each page took; `host` is the host's BenchmarkIndex in that run
// and `CPU x` the slowdown its budgets were asserted at (scripts/cpu-calibration.mjs,
// assertedMultiplierFor); where the host's calibrated slowdown was higher, the same run
// audited at it is in the last three columns (`cal x`, `cal TBT`, `cal perf`), which no
// budget asserts: the goal issue 12 stays open for.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
const dirs = ['.lighthouseci/reports-site', '.lighthouseci/reports-embeds'].filter((d) => existsSync(d));
if (!dirs.length) {
  console.error('no Lighthouse reports: run npm run lhci first');
  process.exit(1);
}
// Every run of the last `npm run lhci`, by set (scripts/lhci.mjs copies them there).
const runDirs = ['.lighthouseci/runs-site', '.lighthouseci/runs-embeds'].filter((d) => existsSync(d));
// How many runs each page took (scripts/lhci.mjs: 1, or 3 when a timing budget was missed).
/** @type {Map<string, number>} */
const runs = new Map();
for (const d of runDirs) {
  // Reports only (lhr-<ms>.json): LHCI_SAVE_TRACE=1 keeps each run's trace beside it (lhr-<ms>.trace.json).
  for (const f of readdirSync(d).filter((f) => /^lhr-\d+\.json$/.test(f))) {
    const lhr = JSON.parse(readFileSync(`${d}/${f}`, 'utf8'));
    const page = new URL(lhr.finalDisplayedUrl ?? lhr.finalUrl).pathname;
    runs.set(page, (runs.get(page) ?? 0) + 1);
  }
}
// The same runs audited at the calibrated slowdown (scripts/lighthouse-collect.mjs), by fetch time.
/** @type {Map<string, { cpuSlowdownMultiplier: number, tbt: number, performance: number }>} */
const calibrated = new Map();
for (const d of runDirs) {
  for (const f of readdirSync(d).filter((f) => /^lhr-\d+\.calibrated\.json$/.test(f))) {
    const c = JSON.parse(readFileSync(`${d}/${f}`, 'utf8'));
    calibrated.set(c.fetchTime, c);
  }
}
const rows = [];
for (const [dir, f] of dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.json') && f !== 'manifest.json').map((f) => [d, f]))) {
  const r = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
  if (!r.categories) continue;
  const a = r.audits;
  const js = (a['network-requests']?.details?.items ?? []).filter((/** @type {{ resourceType: string }} */ i) => i.resourceType === 'Script').reduce((/** @type {number} */ s, /** @type {{ transferSize: number }} */ i) => s + i.transferSize, 0);
  const page = new URL(r.finalDisplayedUrl ?? r.finalUrl).pathname;
  const cal = calibrated.get(r.fetchTime);
  rows.push({
    page,
    runs: runs.get(page) ?? 1,
    perf: r.categories.performance.score * 100,
    a11y: r.categories.accessibility.score * 100,
    bp: r.categories['best-practices'].score * 100,
    seo: r.categories.seo.score * 100,
    'FCP ms': Math.round(a['first-contentful-paint'].numericValue),
    'LCP ms': Math.round(a['largest-contentful-paint'].numericValue),
    'TBT ms': Math.round(a['total-blocking-time'].numericValue),
    CLS: +a['cumulative-layout-shift'].numericValue.toFixed(3),
    'JS kB': +(js / 1024).toFixed(1),
    host: Math.round(r.environment?.benchmarkIndex ?? 0),
    'CPU x': r.configSettings?.throttling?.cpuSlowdownMultiplier,
    'cal x': cal?.cpuSlowdownMultiplier ?? '',
    'cal TBT': cal ? Math.round(cal.tbt) : '',
    'cal perf': cal ? Math.round(cal.performance * 100) : '',
  });
}
rows.sort((x, y) => x.page.localeCompare(y.page));
console.table(rows);
