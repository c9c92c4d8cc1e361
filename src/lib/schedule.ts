/**
 * Splitting main-thread work so no piece holds up a frame on a slow phone
 * (issue 12: no frame over 50 ms while scrolling at CPU ×4).
 */

/** Let the browser handle input and other tasks before going on (scheduler.yield where there is one). */
export const yieldToMain = (): Promise<void> => {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return s?.yield ? s.yield() : new Promise((r) => setTimeout(r, 0));
};

/**
 * Resolves in a task after the next frame has been rendered: DOM added before
 * the call is styled, laid out and painted in that frame, and whatever follows
 * lands in a later one. (A hidden document renders no frames: there it only
 * waits for a task, so nothing hangs in a background tab or an iframe the
 * browser throttles.)
 */
export const afterNextFrame = (): Promise<void> =>
  new Promise((resolve) => {
    if (document.visibilityState === 'hidden') return void setTimeout(resolve, 0);
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
