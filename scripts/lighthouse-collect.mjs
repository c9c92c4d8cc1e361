// Lighthouse runs for scripts/lhci.mjs, in place of `lhci collect`: the same pages,
// settings and server (read from lighthouserc.cjs), the same output (.lighthouseci/lhr-*.json
// and .html, which `lhci assert` and `lhci upload` read), but one Chromium for the whole
// set instead of a new Node process and a new Chromium per page.
//
// Why: `lhci collect` spawns the Lighthouse CLI for every run, which loads Lighthouse
// (about 1 s) and launches and kills a browser (about 2-3 s) around each 6-7 s audit:
// about 4 s of 11 per page, two minutes of CI over 32 pages. Lighthouse's node API
// opens a new tab per run in the browser it is given, and before each navigation it
// clears the origin's storage and the browser's HTTP cache (its default
// `disableStorageReset: false`), so each page still loads cold, as on a fresh profile.
//
// Usage (from scripts/lhci.mjs): node scripts/lighthouse-collect.mjs [--additive]
//   [--numberOfRuns=N] [--url=URL ...]   (LHCI_SET chooses the set, as for lhci)
//
// The CPU slowdown is calibrated to the host (scripts/cpu-calibration.mjs), from the
// BenchmarkIndex Lighthouse measures at the start of that same run, just before it loads
// the page (the "CPU/Memory Power" at the foot of its report, which Lighthouse's
// throttling documentation says to calibrate from): the phone Lighthouse's 4x means on its
// reference host, on a fast machine or a slow one (but asserted at no more than 4x, below). In simulated
// throttling the slowdown is only arithmetic on the tasks the unthrottled load recorded
// (the gather phase does not throttle the CPU), so each run is gathered first and then
// audited with the multiplier its own reading gives. Until 6 Dec 2026 the multiplier came
// from the median of the three readings before the run: on these shared 2-core machines
// one reading to the next swung from 1,263 to 3,023 within a CI run, so a run loaded on a
// busy moment (slow tasks, a low reading of its own) was multiplied as if the host were at
// its fastest: /why-washington-is-sidelined/ read 1,903 (x5.4) and was simulated at x9.45.
// The budgets are asserted at that multiplier capped at the mobile preset's 4x
// (assertedMultiplierFor, where the reason is); where the calibrated one is higher, the same
// load is also audited at it and its score, TBT and LCP are kept beside the report
// (lhr-<ms>.calibrated.json) for scripts/lhci-summary.mjs to print.
// LHCI_CPU_MULTIPLIER=4 pins it (to compare with an uncalibrated run).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as chromeLauncher from 'chrome-launcher';
import { navigationGather } from 'lighthouse/core/gather/navigation-runner.js';
import { Runner } from 'lighthouse/core/runner.js';
import { throttling } from 'lighthouse/core/config/constants.js';
import { assertedMultiplierFor, cpuMultiplierFor, pinnedMultiplier } from './cpu-calibration.mjs';

const require = createRequire(import.meta.url);
// Where and how lhci keeps runs (@lhci/utils/src/saved-reports.js): lhr-<ms>.json and .html.
const DIR = path.resolve('.lighthouseci');
const LHR_FILE = /^lhr-\d+\.(json|html|trace\.json|calibrated\.json)$/;
/** @param {string} json @param {string} html */
function saveLHR(json, html) {
  mkdirSync(DIR, { recursive: true });
  const base = path.join(DIR, `lhr-${Date.now()}`);
  writeFileSync(`${base}.json`, json);
  writeFileSync(`${base}.html`, html);
  return base;
}
function clearSavedLHRs() {
  mkdirSync(DIR, { recursive: true });
  for (const f of readdirSync(DIR).filter((f) => LHR_FILE.test(f))) rmSync(path.join(DIR, f));
}
// Resolved at run time, so the type check of scripts/ does not take in the CommonJS config.
const rcPath = path.resolve('lighthouserc.cjs');
/** @type {{ ci: { collect: { url: string[], numberOfRuns: number, startServerCommand: string, startServerReadyPattern: string, startServerReadyTimeout: number, chromePath: string, settings: Record<string, unknown> & { chromeFlags: string } } } }} */
const rc = require(rcPath);
const collect = rc.ci.collect;

const args = process.argv.slice(2);
const additive = args.includes('--additive');
const runsArg = args.find((a) => a.startsWith('--numberOfRuns='));
const numberOfRuns = runsArg ? Number(runsArg.split('=')[1]) : collect.numberOfRuns;
const argUrls = args.filter((a) => a.startsWith('--url=')).map((a) => a.slice('--url='.length));
const urls = argUrls.length ? argUrls : collect.url;
if (!urls.length) throw new Error('lighthouse-collect: no URL to audit');
if (!Number.isInteger(numberOfRuns) || numberOfRuns < 1) throw new Error(`lighthouse-collect: bad --numberOfRuns (${runsArg})`);

/** Starts the site as lighthouserc.cjs says and resolves once it prints its ready line. */
function startServer() {
  const child = spawn(collect.startServerCommand, { shell: true, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const ready = new RegExp(collect.startServerReadyPattern, 'i');
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server not ready after ${collect.startServerReadyTimeout} ms:\n${out}`)), collect.startServerReadyTimeout);
    const onData = (/** @type {Buffer} */ b) => {
      out += b;
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** @param {import('node:child_process').ChildProcess} child */
function stopServer(child) {
  child.removeAllListeners('exit');
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM'); // the shell and the server it started
  } catch {
    /* already gone */
  }
}

const { chromeFlags, ...settings } = collect.settings;
// Checked before anything starts: thrown after, it left the site's server running on its port.
const pinned = pinnedMultiplier();
if (!additive) clearSavedLHRs();
const server = /** @type {import('node:child_process').ChildProcess} */ (await startServer());
// lhci's runner adds --headless=new to the configured flags; so does this one.
const chrome = await chromeLauncher.launch({ chromePath: collect.chromePath, chromeFlags: [...chromeFlags.split(/\s+/).filter(Boolean), '--headless=new'] });
let failed = false;
try {
  for (const url of urls) {
    process.stdout.write(`Running Lighthouse ${numberOfRuns} time(s) on ${url}\n`);
    for (let i = 0; i < numberOfRuns; i++) {
      process.stdout.write(`Run #${i + 1}`);
      // Three attempts, as lhci's runner: a run that throws (not one that scores badly) is retried.
      /** @type {unknown[]} */
      const errors = [];
      while (errors.length < 3) {
        try {
          // Gathered with Lighthouse's own default multiplier (it does not act while gathering in
          // simulated mode, but the settings saved with the artifacts must be valid), then audited
          // with the multiplier this run's own BenchmarkIndex gives.
          const { artifacts, runnerOptions } = await navigationGather(undefined, url, {
            flags: { ...settings, throttling: { ...throttling.mobileSlow4G }, port: chrome.port, output: ['json', 'html'], logLevel: 'error' },
          });
          const hostIndex = artifacts.BenchmarkIndex;
          const calibrated = cpuMultiplierFor(hostIndex);
          const cpuSlowdownMultiplier = pinned ?? assertedMultiplierFor(hostIndex);
          /** @param {number} multiplier */
          const audit = async (multiplier) => {
            const runSettings = runnerOptions.resolvedConfig.settings;
            runSettings.throttling = { ...runSettings.throttling, cpuSlowdownMultiplier: multiplier };
            // The audit phase refuses settings that differ from those saved with the artifacts.
            artifacts.settings = runSettings;
            const result = await Runner.audit(artifacts, { ...runnerOptions, computedCache: new Map() });
            if (!result) throw new Error('Lighthouse returned no result');
            if (result.lhr.runtimeError) throw new Error(`${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`);
            return result;
          };
          process.stdout.write(` (CPU x${cpuSlowdownMultiplier}${pinned ? ', pinned' : ''}, host index ${Math.round(hostIndex)})...`);
          // The same load judged at the calibrated slowdown, when the asserted one is capped at the
          // preset's: printed by lhci-summary.mjs, asserted by nothing (see assertedMultiplierFor).
          // Printed only, so it cannot fail the run: an error here is logged and the column left empty.
          /** @type {Awaited<ReturnType<typeof audit>> | undefined} */
          let harsher;
          if (!pinned && calibrated > cpuSlowdownMultiplier) {
            try {
              harsher = await audit(calibrated);
            } catch (e) {
              console.error(`lighthouse-collect: the audit at the calibrated x${calibrated} failed (printed only, not asserted): ${e instanceof Error ? e.message : e}`);
            }
          }
          const result = await audit(cpuSlowdownMultiplier);
          const [json, html] = /** @type {string[]} */ (result.report);
          const base = saveLHR(json, html);
          if (harsher) {
            const a = harsher.lhr.audits;
            writeFileSync(
              `${base}.calibrated.json`,
              JSON.stringify({
                requestedUrl: harsher.lhr.requestedUrl,
                fetchTime: harsher.lhr.fetchTime,
                benchmarkIndex: hostIndex,
                cpuSlowdownMultiplier: calibrated,
                performance: harsher.lhr.categories.performance?.score,
                tbt: a['total-blocking-time']?.numericValue,
                lcp: a['largest-contentful-paint']?.numericValue,
              }),
            );
          }
          // LHCI_SAVE_TRACE=1 keeps each run's trace beside its report (lhr-<ms>.trace.json), to
          // see which tasks make up TBT: `node scripts/lhr-tasks.mjs` (README). Best effort: a trace
          // that cannot be written must not make the run count as failed and be run again.
          if (process.env.LHCI_SAVE_TRACE === '1') {
            try {
              writeFileSync(`${base}.trace.json`, JSON.stringify(result.artifacts.Trace));
            } catch (e) {
              console.error(`lighthouse-collect: trace not kept: ${e instanceof Error ? e.message : e}`);
            }
          }
          break;
        } catch (e) {
          errors.push(e);
          await sleep(500);
        }
      }
      if (errors.length === 3) {
        process.stdout.write('failed!\n');
        console.error(errors[0]);
        failed = true;
      } else process.stdout.write('done.\n');
    }
  }
} finally {
  await chrome.kill();
  stopServer(server);
}
process.exit(failed ? 1 : 0);
