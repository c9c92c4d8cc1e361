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

/**
 * Scroll-linked updates paced to every other frame: `push(state, urgent)` applies at once in a
 * frame that follows none that applied, and otherwise keeps the newest state: the next frame's
 * own update supersedes it, and if none comes it is applied at the start of the frame after
 * (which then draws nothing else), so the last state always lands, two frames late at most.
 * `urgent` states (a step change) are applied at once and drop what was kept.
 *
 * Why (issue 12): on the phone profile (CPU slowed as a mid-range phone) a graphic's
 * progress-driven redraw (the climb profile's train, travelled stretch and readout; the 3D
 * scene's view) is a frame of 20-40 ms, and drawn in every scrolled frame those are the frames
 * that miss the display's beat. Every other frame the page scrolls with nothing to redraw; the
 * moving parts follow at half the display's rate, a step or two of a pixel each.
 */
export function pacedUpdates<T>(apply: (state: T) => void) {
  /** This frame follows one that applied: updates wait for the next. */
  let resting = false;
  let kept: { state: T } | null = null;
  let frame = 0;
  const run = (state: T) => {
    kept = null;
    apply(state);
    // A frame callback asked for now runs at the start of the next frame, before the scroll
    // engine's (asked for in that frame's scroll event): the next frame rests, the one after goes on.
    if (frame) cancelAnimationFrame(frame);
    resting = false;
    frame = requestAnimationFrame(() => {
      resting = true;
      frame = requestAnimationFrame(() => {
        resting = false;
        // What was kept waits for this frame's own update, which supersedes it (applying both
        // did the work twice in one frame); if none comes, it lands at the start of the next.
        frame = kept ? requestAnimationFrame(() => {
          frame = 0;
          if (!kept) return;
          run(kept.state);
          // This frame has drawn: the scroll engine's update later in it is kept, not drawn twice.
          resting = true;
        }) : 0;
      });
    });
  };
  return {
    push(state: T, urgent = false) {
      if (urgent || !resting) run(state);
      else kept = { state };
    },
    /** Forget what is kept and stop (the graphic is gone). */
    stop() {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      kept = null;
      resting = false;
    },
  };
}
