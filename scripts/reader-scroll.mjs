// The reader's scroll that the bench and scripts/trace-scroll.mjs share: the page scrolled top
// to bottom at a steady `speed` (px per second), one step per frame, recording each frame's
// interval and where the page was scrolled to when that frame began. Runs in the page (pass it
// to page.evaluate); it must stay self-contained.

/**
 * The phone the bench's mobile profile and the scroll diagnosis scripts (long-frames, trace-scroll,
 * trace-load) read on: a browser context's options; each script slows the CPU itself.
 */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
/**
 * @param {number} speed
 * @returns {Promise<{ intervals: number[], ys: number[], seconds: number, height: number }>}
 */
export function readerScroll(speed) {
  const max = document.documentElement.scrollHeight - innerHeight;
  /** @type {number[]} */
  const intervals = [];
  /** @type {number[]} scrollY as each interval's frame began (ys[i] goes with intervals[i]) */
  const ys = [];
  return new Promise((resolve) => {
    let last = performance.now();
    const start = last;
    const tick = (/** @type {number} */ now) => {
      intervals.push(now - last);
      ys.push(scrollY);
      last = now;
      const y = Math.min(max, ((now - start) / 1000) * speed);
      scrollTo(0, y);
      if (y < max) requestAnimationFrame(tick);
      else resolve({ intervals: intervals.slice(1), ys: ys.slice(1), seconds: (now - start) / 1000, height: max + innerHeight });
    };
    requestAnimationFrame(tick);
  });
}
