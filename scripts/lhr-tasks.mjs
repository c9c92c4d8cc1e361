// `node scripts/lhr-tasks.mjs [.lighthouseci/lhr-<ms>.json ...]`: which tasks make up a
// Lighthouse run's total blocking time. Needs the run's trace, kept by
// `LHCI_SAVE_TRACE=1 npm run lhci` (scripts/lighthouse-collect.mjs) as lhr-<ms>.trace.json.
// Lighthouse (simulated throttling) loads the page on the unthrottled CPU and multiplies each
// observed task by its CPU slowdown (a task that ran a layout by half of it); a task counts towards TBT by what exceeds 50 ms of that,
// from the first contentful paint on. This lists the observed tasks from the observed first
// paint on that the multiplier takes past 50 ms, with what ran in each.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describeTasks, mainThreadEvents } from './trace-tasks.mjs';

// lantern's Simulator: a task that ran a layout is slowed by half the CPU slowdown.
const LAYOUT_TASK_MULTIPLIER = 0.5;

// `--all` also lists the tasks before the observed first paint: Lighthouse's simulation can place
// them after its own estimate of the first paint, where they count.
const all = process.argv.includes('--all');
// Reports only: a shell glob such as .lighthouseci/lhr-*.json also takes in the traces kept beside them.
const REPORT = /^lhr-\d+\.json$/;
let files = process.argv.slice(2).filter((a) => !a.startsWith('--') && REPORT.test(path.basename(a)));
// By default every run of the last `npm run lhci`: scripts/lhci.mjs copies each set's reports (and
// traces) into .lighthouseci/runs-<set>/, since the second set's runs clear the first's from .lighthouseci/.
if (!files.length) {
  const dirs = ['.lighthouseci/runs-site', '.lighthouseci/runs-embeds'].filter((d) => existsSync(d));
  if (!dirs.length) dirs.push('.lighthouseci');
  files = dirs.flatMap((d) => readdirSync(d).filter((f) => REPORT.test(f)).map((f) => path.join(d, f)));
}
for (const file of files) {
  const traceFile = file.replace(/\.json$/, '.trace.json');
  const lhr = JSON.parse(readFileSync(file, 'utf8'));
  const m = lhr.audits.metrics?.details?.items?.[0] ?? {};
  const scale = Number(lhr.configSettings?.throttling?.cpuSlowdownMultiplier ?? 1);
  const tbt = Math.round(lhr.audits['total-blocking-time']?.numericValue ?? NaN);
  console.log(`\n== ${lhr.finalDisplayedUrl ?? lhr.finalUrl}: TBT ${tbt} ms, CPU ×${scale.toFixed(2)}, observed FCP ${m.observedFirstContentfulPaint} ms, LCP ${m.observedLargestContentfulPaint} ms (${path.basename(file)})`);
  if (!existsSync(traceFile)) {
    console.log('  no trace beside it: run with LHCI_SAVE_TRACE=1');
    continue;
  }
  const trace = JSON.parse(readFileSync(traceFile, 'utf8'));
  const onMain = mainThreadEvents(trace.traceEvents);
  console.log(describeTasks(onMain, { minMs: 50, fromTs: all ? m.observedNavigationStartTs : m.observedFirstContentfulPaintTs, t0: m.observedNavigationStartTs, scale, layoutScale: scale * LAYOUT_TASK_MULTIPLIER }).join('\n'));
}
