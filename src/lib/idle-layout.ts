/**
 * Lays out a long page's deferred blocks while the reader is not scrolling.
 *
 * A block with `content-visibility: auto` is skipped until it nears the screen, so the page's
 * first layout pays for the first screen only (the corrections log: TBT 59-157 ms at Lighthouse's
 * CPU x4 laid out whole, 0-1 ms deferred, 7 Dec 2026). But each block is then laid out in the
 * frame where it comes into view, about 5 ms of style and layout on this machine unthrottled, so
 * 50 ms at the bench's calibrated CPU x10: 1-10 frames over 50 ms scrolling the log, against none
 * laid out whole. Here each block is laid out ahead of the reader, one per idle period, in the
 * idle callback itself (a forced layout), so scrolling finds it ready. The first block waits for a
 * whole idle period (no frame due, so the reader is not scrolling); then a block goes when the
 * time left is half as long again as the last block took, or a whole period again where blocks
 * take that long. Once laid out a block stays `content-visibility: visible`.
 */

/** An idle period with no frame due lasts up to 50 ms. */
const WHOLE_PERIOD_MS = 45;

type Idle = (cb: (deadline: IdleDeadline) => void) => number;

/** Lays out `blocks` in order, one per idle period; returns at once. No requestIdleCallback: leaves them deferred. */
export function layOutWhenIdle(blocks: readonly HTMLElement[], idle: Idle | undefined = globalThis.requestIdleCallback?.bind(globalThis)): void {
  if (!idle || blocks.length === 0) return;
  const queue = [...blocks];
  let cost = -1;
  const step = (deadline: IdleDeadline) => {
    const need = cost < 0 ? WHOLE_PERIOD_MS : Math.min(WHOLE_PERIOD_MS, Math.max(2, cost * 1.5));
    if (deadline.timeRemaining() >= need) {
      const block = queue.shift()!;
      const t = performance.now();
      block.style.contentVisibility = 'visible';
      void block.offsetHeight;
      cost = performance.now() - t;
    }
    if (queue.length) idle(step);
  };
  idle(step);
}

/** The page's blocks marked `data-defer` (their CSS gives them `content-visibility: auto`). */
export function layOutDeferredWhenIdle(): void {
  layOutWhenIdle([...document.querySelectorAll<HTMLElement>('[data-defer]')]);
}
