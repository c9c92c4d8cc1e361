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
// The CPU slowdown is calibrated to the host (scripts/cpu-calibration.mjs): each run's
// multiplier comes from the median of the host's last three BenchmarkIndex readings
// (two measured before the first run, then each run's own), so the simulated phone is
// the one Lighthouse's 4x means on its reference host, on a fast machine or a slow one.
// LHCI_CPU_MULTIPLIER=4 pins it (to compare with an uncalibrated run).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { throttling } from 'lighthouse/core/config/constants.js';
import { median } from 'd3-array';
import { cpuMultiplierFor, measureBenchmarkIndex } from './cpu-calibration.mjs';

const require = createRequire(import.meta.url);
// Where and how lhci keeps runs (@lhci/utils/src/saved-reports.js): lhr-<ms>.json and .html.
const DIR = path.resolve('.lighthouseci');
const LHR_FILE = /^lhr-\d+\.(json|html|trace\.json)$/;
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
if (!additive) clearSavedLHRs();
const server = /** @type {import('node:child_process').ChildProcess} */ (await startServer());
// lhci's runner adds --headless=new to the configured flags; so does this one.
const chrome = await chromeLauncher.launch({ chromePath: collect.chromePath, chromeFlags: [...chromeFlags.split(/\s+/).filter(Boolean), '--headless=new'] });
const pinned = process.env.LHCI_CPU_MULTIPLIER ? Number(process.env.LHCI_CPU_MULTIPLIER) : undefined;
if (pinned !== undefined && !(pinned >= 1)) throw new Error(`lighthouse-collect: bad LHCI_CPU_MULTIPLIER (${process.env.LHCI_CPU_MULTIPLIER})`);
let failed = false;
try {
  // The host's recent BenchmarkIndex readings: two now (the first, just after the
  // browser and the site start, can read low), then each run's own.
  const readings = pinned ? [] : [await measureBenchmarkIndex(chrome.port), await measureBenchmarkIndex(chrome.port)];
  for (const url of urls) {
    process.stdout.write(`Running Lighthouse ${numberOfRuns} time(s) on ${url}\n`);
    for (let i = 0; i < numberOfRuns; i++) {
      const hostIndex = pinned ? undefined : /** @type {number} */ (median(readings.slice(-3)));
      const cpuSlowdownMultiplier = pinned ?? cpuMultiplierFor(/** @type {number} */ (hostIndex));
      process.stdout.write(`Run #${i + 1} (CPU x${cpuSlowdownMultiplier}${hostIndex ? `, host index ${Math.round(hostIndex)}` : ', pinned'})...`);
      // Three attempts, as lhci's runner: a run that throws (not one that scores badly) is retried.
      /** @type {unknown[]} */
      const errors = [];
      while (errors.length < 3) {
        try {
          const result = await lighthouse(url, { ...settings, throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier }, port: chrome.port, output: ['json', 'html'], logLevel: 'error' });
          if (!result) throw new Error('Lighthouse returned no result');
          if (result.lhr.runtimeError) throw new Error(`${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`);
          const [json, html] = /** @type {string[]} */ (result.report);
          const base = saveLHR(json, html);
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
          const measured = result.lhr.environment?.benchmarkIndex;
          if (typeof measured === 'number' && measured > 0) readings.push(measured);
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
