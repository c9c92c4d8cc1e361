// Main-thread tasks from a Chromium trace, with what ran in each: shared by
// scripts/trace-load.mjs (`--tasks=N`) and scripts/lhr-tasks.mjs (Lighthouse's own traces).

/** @typedef {{ name: string, ph: string, ts: number, dur?: number, tdur?: number, pid: number, tid: number, args?: any }} TraceEvent */

/** What ran inside a task, by trace event name (the rest is bookkeeping). */
const IN_TASK = new Set(['ParseHTML', 'EvaluateScript', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'FireIdleCallback', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'MajorGC', 'MinorGC', 'ParseAuthorStyleSheet', 'v8.compileModule', 'v8.compile', 'IntersectionObserverController::computeIntersections', 'ResourceReceivedData']);

/**
 * The renderer main thread's complete events ('X') of the page that parsed HTML.
 * @param {TraceEvent[]} events
 */
export function mainThreadEvents(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'ParseHTML'));
  if (!main) throw new Error('trace-tasks: no renderer main thread that parsed HTML');
  return events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
}

/**
 * Lines describing every task of at least `minMs` that starts at or after `fromTs` (µs), each
 * followed by what ran in it (events of 1 ms and more), times in ms from `t0` (µs). `scale`
 * multiplies durations (Lighthouse's CPU slowdown) for the task line only; `layoutScale` (default
 * `scale`) instead for a task that ran a layout: Lighthouse's simulation (lantern's Simulator,
 * `layoutTaskMultiplier` 0.5) slows such a task by half its CPU slowdown.
 * @param {TraceEvent[]} onMain sorted by ts
 * @param {{ minMs: number, fromTs?: number, t0: number, scale?: number, layoutScale?: number }} o
 */
export function describeTasks(onMain, { minMs, fromTs = -Infinity, t0, scale = 1, layoutScale = scale }) {
  const ms = (/** @type {number} */ us) => (us / 1000).toFixed(1);
  /** @type {string[]} */
  const lines = [];
  const ranLayout = (/** @type {TraceEvent} */ task) => onMain.some((e) => e.name === 'Layout' && e.ts >= task.ts && e.ts < task.ts + (task.dur ?? 0));
  const scaleOf = (/** @type {TraceEvent} */ task) => (layoutScale !== scale && ranLayout(task) ? layoutScale : scale);
  for (const task of onMain.filter((e) => e.name === 'RunTask' && e.ts >= fromTs && (e.dur ?? 0) * scaleOf(e) >= minMs * 1000)) {
    const end = task.ts + (task.dur ?? 0);
    const x = scaleOf(task);
    lines.push(`${ms(task.ts - t0).padStart(8)} ms  task ${ms(task.dur ?? 0).padStart(6)} ms${x !== 1 ? ` (×${x.toFixed(2)}${x !== scale ? ', a layout task' : ''}: ${ms((task.dur ?? 0) * x)} ms)` : ''}`);
    for (const e of onMain) {
      if (e.ts < task.ts || e.ts >= end || e === task || !IN_TASK.has(e.name) || (e.dur ?? 0) < 1000) continue;
      const d = e.args?.data ?? e.args?.beginData ?? {};
      const where = [d.url ? String(d.url).replace(/^.*\/\/[^/]+/, '') : '', d.functionName ?? '', d.type ?? ''].filter(Boolean).join(' ');
      lines.push(`${''.padStart(18)}${ms(e.ts - task.ts).padStart(6)} +${ms(e.dur ?? 0).padStart(6)} ms  ${e.name} ${where}`);
    }
  }
  return lines;
}
