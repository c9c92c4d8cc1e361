// `npm run lhci`: Lighthouse CI on the site's pages, then on the embed pages
// (see lighthouserc.cjs), then the summary table. Non-zero exit if any budget fails.
//
// One run per page. A page that misses only timing budgets (performance score,
// LCP, TBT, FCP, and CLS: the numbers a busy shared machine moves) is measured
// twice more and judged on its best run (lighthouserc.cjs asserts with the
// 'optimistic' aggregation); a page that fails anything else (accessibility,
// best practices, SEO) fails at once, since another run cannot change it.
// The summary's `runs` column shows which pages needed the extra runs, so a
// page that keeps needing them is visible before it fails.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { listPages, isEmbed } from './pages.mjs';
import { assertedMultiplierFor, pinnedMultiplier } from './cpu-calibration.mjs';

/**
 * Each run's simulated CPU slowdown must be the one its own BenchmarkIndex gives
 * (assertedMultiplierFor, scripts/lighthouse-collect.mjs), or LHCI_CPU_MULTIPLIER where that
 * pins it: a run judged with another moment's host speed judges another phone. Returns one
 * line per run that is not.
 * @param {string} dir
 */
function miscalibrated(dir) {
  const pinned = pinnedMultiplier();
  return readdirSync(dir)
    .filter((f) => /^lhr-\d+\.json$/.test(f))
    .flatMap((f) => {
      const lhr = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
      const used = lhr.configSettings?.throttling?.cpuSlowdownMultiplier;
      const index = lhr.environment?.benchmarkIndex;
      const want = pinned ?? assertedMultiplierFor(index);
      return used === want ? [] : [`${lhr.requestedUrl}: simulated at CPU x${used}, but its BenchmarkIndex ${index} gives x${want}`];
    });
}

/**
 * Assertions another run can change: timing, and layout shift, which depends on when
 * things arrive: the fresh-clone CI of 3 Dec 2026 measured CLS 0.0004 once on
 * /why-washington-is-sidelined/ (TBT 103 ms in that run, so the machine was busy), with
 * no shifted element in the report; four runs of that page, and a layout-shift observer
 * in Chromium with each face delayed 1.5 s and the CPU slowed x1/x4/x8 (nine loads), then
 * found none. A page that shifts in its best of three runs still fails.
 */
const TIMING = new Set(['categories:performance', 'largest-contentful-paint', 'total-blocking-time', 'first-contentful-paint', 'speed-index', 'interactive', 'cumulative-layout-shift']);
const RERUNS = 2;
const LHCI = createRequire(import.meta.url).resolve('@lhci/cli/src/cli.js');

/**
 * `collect` is scripts/lighthouse-collect.mjs (Lighthouse's node API, one Chromium for
 * the set, same settings and output; about 6 s a page less than `lhci collect`'s new
 * process and browser per page); `assert` and `upload` are lhci's own.
 * @param {string[]} args @param {string} set
 */
const lhci = (args, set) => {
  const [cmd, ...rest] = args;
  const argv = cmd === 'collect' ? ['scripts/lighthouse-collect.mjs', ...rest] : [LHCI, ...args, '--config=lighthouserc.cjs'];
  const r = spawnSync(process.execPath, argv, { stdio: 'inherit', env: { ...process.env, LHCI_SET: set } });
  if (r.error) throw r.error; // never read a missing tool as a failed (or passed) budget
  return r.status === 0;
};

/** lhci's assertion results; an assertion's key is its audit id, `categories:<name>` for a category score. @returns {{ url: string, auditId: string, auditProperty?: string, passed: boolean, level: string }[]} */
const assertionResults = () => (existsSync('.lighthouseci/assertion-results.json') ? JSON.parse(readFileSync('.lighthouseci/assertion-results.json', 'utf8')) : []);

rmSync('.lighthouseci', { recursive: true, force: true });
let ok = true;
const only = process.env.LHCI_ONLY?.split(',');
for (const set of ['site', 'embeds']) {
  const pages = listPages().filter((p) => (set === 'embeds') === isEmbed(p) && (!only || only.includes(p)));
  if (!pages.length) continue; // LHCI_ONLY named no page of this set
  console.log(`\n--- Lighthouse CI: ${set} pages`);
  let passed = lhci(['collect'], set) && lhci(['assert'], set);
  if (!passed) {
    const failed = assertionResults().filter((r) => !r.passed && r.level === 'error');
    const urls = [...new Set(failed.map((r) => r.url))];
    const untimed = failed.filter((r) => !TIMING.has(r.auditProperty ? `${r.auditId}:${r.auditProperty}` : r.auditId));
    if (urls.length && !untimed.length) {
      console.log(`\n--- ${urls.length} page(s) missed only timing budgets; ${RERUNS} more runs each, judged on the best run:\n${urls.join('\n')}`);
      passed = lhci(['collect', '--additive', `--numberOfRuns=${RERUNS}`, ...urls.map((u) => `--url=${u}`)], set) && lhci(['assert'], set);
    }
  }
  // Keep every run for the summary (the next set's collect clears .lighthouseci).
  mkdirSync(`.lighthouseci/runs-${set}`, { recursive: true });
  for (const f of readdirSync('.lighthouseci').filter((f) => /^lhr-.*\.json$/.test(f))) cpSync(`.lighthouseci/${f}`, `.lighthouseci/runs-${set}/${f}`);
  const wrong = miscalibrated(`.lighthouseci/runs-${set}`);
  if (wrong.length) console.error(`\n--- Lighthouse runs not calibrated to their own host reading:\n${wrong.join('\n')}`);
  lhci(['upload'], set);
  ok &&= passed && !wrong.length;
}
spawnSync(process.execPath, ['scripts/lhci-summary.mjs'], { stdio: 'inherit' });
process.exit(ok ? 0 : 1);
