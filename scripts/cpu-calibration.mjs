// The CPU slowdown that makes Lighthouse's simulated phone the same phone on
// any host (scripts/lighthouse-collect.mjs).
//
// In its mobile preset Lighthouse simulates a mid-tier phone: it measures the
// page's main-thread tasks on the host, multiplies them by
// `throttling.cpuSlowdownMultiplier` (4) and computes TBT, TTI and the
// performance score from that. The 4 is right for one kind of host. Lighthouse
// measures every host's speed at the start of each run (its BenchmarkIndex,
// `lhr.environment.benchmarkIndex`), warns when it is under 1000 ("The tested
// device appears to have a slower CPU than Lighthouse expects … calibrating an
// appropriate CPU slowdown multiplier", lighthouse/core/gather/driver/
// environment.js), and its throttling documentation asks for the multiplier to
// be calibrated to the host (docs/throttling.md, "CPU throttling", and the
// Lighthouse team's calculator, lighthouse-cpu-throttling-calculator): on a
// host of index 1533 the multiplier is 4, on a faster host more, on a slower
// one less. These machines measured 1,500-1,790 on 4 Dec 2026 at 11:46 and
// 800-1,190 at 16:09 (the same build's TBT then rose from 117-269 ms to
// 420-1,100 ms): a fixed 4 judged a phone twice as slow as the one meant.
//
// The mapping below is that calculator's: piecewise linear through
// (150, 1x), (800, 2x), (1300, 3x), (1533, 4x), (1766, 5x), (2000, 6x).
// A faster host than the reference gets a larger multiplier, so the budgets
// are not loosened by it: at 1,700 the multiplier is 4.7.

/** Lighthouse's reference host for its 4x mobile slowdown (the calculator's 4x point). */
export const REFERENCE_INDEX = 1533;

/**
 * The CPU slowdown multiplier that emulates Lighthouse's mid-tier phone on a
 * host of this BenchmarkIndex.
 * @param {number} benchmarkIndex
 */
export function cpuMultiplierFor(benchmarkIndex) {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex <= 0) throw new Error(`cpu-calibration: not a benchmark index: ${benchmarkIndex}`);
  if (benchmarkIndex >= 1300) return round(3 + (benchmarkIndex - 1300) / 233);
  if (benchmarkIndex >= 800) return round(2 + (benchmarkIndex - 800) / 500);
  // Below 150 the calculator has no answer (the host is slower than the phone).
  return round(Math.max(1, 1 + (benchmarkIndex - 150) / 650));
}
const round = (/** @type {number} */ x) => Math.round(x * 100) / 100;

/** Lighthouse's own benchmark page function, as an expression to evaluate in a page (it returns the index). */
export async function benchmarkIndexExpression() {
  const { pageFunctions } = await import('lighthouse/core/lib/page-functions.js');
  return `(${pageFunctions.computeBenchmarkIndex})()`;
}

/**
 * The host's BenchmarkIndex in a Playwright browser: the median of three readings of Lighthouse's
 * page function in a fresh, unthrottled page (the bench, long-frames.mjs).
 * @param {import('playwright-core').Browser} browser
 * @returns {Promise<number>}
 */
export async function hostIndexIn(browser) {
  const expression = await benchmarkIndexExpression();
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const readings = [];
  for (let i = 0; i < 3; i++) readings.push(Number(await page.evaluate(expression)));
  await ctx.close();
  return readings.sort((a, b) => a - b)[1] ?? 0;
}

/**
 * The host's BenchmarkIndex, measured as Lighthouse measures it: its own page
 * function run in a new tab of the browser on `port` (DevTools protocol, no
 * extra dependency), about a second.
 * @param {number} port
 * @returns {Promise<number>}
 */
export async function measureBenchmarkIndex(port) {
  const expression = await benchmarkIndexExpression();
  const base = `http://127.0.0.1:${port}`;
  const target = /** @type {{ id: string, webSocketDebuggerUrl: string }} */ (await (await fetch(`${base}/json/new?about:blank`, { method: 'PUT' })).json());
  try {
    const ws = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true });
      ws.addEventListener('error', () => reject(new Error(`cpu-calibration: no DevTools connection to ${base}`)), { once: true });
    });
    const reply = await new Promise((resolve, reject) => {
      ws.addEventListener('message', (e) => {
        const msg = JSON.parse(String(e.data));
        if (msg.id === 1) resolve(msg);
      });
      ws.addEventListener('close', () => reject(new Error('cpu-calibration: DevTools connection closed')), { once: true });
      ws.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }));
    });
    ws.close();
    const value = /** @type {any} */ (reply).result?.result?.value;
    if (typeof value !== 'number') throw new Error(`cpu-calibration: the benchmark returned ${JSON.stringify(reply)}`);
    return value;
  } finally {
    await fetch(`${base}/json/close/${target.id}`).catch(() => {});
  }
}
