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
 * lands in a later one. A document that renders no frames (a hidden tab; a
 * cross-origin iframe the browser throttles while it is off screen) runs no
 * animation frames: there it goes on after `wait` ms, so nothing waits for the
 * reader to come back.
 */
export const afterNextFrame = (wait = 100): Promise<void> =>
  new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(go, document.visibilityState === 'hidden' ? 0 : wait);
    requestAnimationFrame(() => setTimeout(go, 0));
  });
