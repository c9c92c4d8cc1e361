/**
 * The scrollytelling engine: the one file that imports scrollama.
 *
 * It turns a section's steps into a stream of {index, progress, direction}.
 * Graphics must draw a pure function of (index, progress), so the engine may
 * skip steps (fast scrolling), start mid-page (reloads, #step-N deep links) or
 * run inside an iframe whose document is scrolled by the host page's script:
 * scrollama's IntersectionObservers observe the iframe's own viewport, which
 * the embed keeps equal to the part of the host viewport it covers.
 */
import scrollama from 'scrollama';

export type Direction = 'up' | 'down';
export interface StepState {
  /** Active step, 0-based; -1 before the first step is reached. */
  index: number;
  /** Progress through the active step, 0..1. */
  progress: number;
  direction: Direction;
}
export interface ScrollyHandle {
  resize(): void;
  destroy(): void;
}

/** Fraction of the viewport height where a step becomes active (wide screens: steps beside the graphic). */
export const TRIGGER_OFFSET = 0.6;
/**
 * On narrow screens the graphic's stage is the top 58% of the screen and the
 * cards are read in the band below it: a step becomes active as its card
 * enters that band, so the picture changes while its text is being read.
 */
export const TRIGGER_OFFSET_NARROW = 0.85;

/** The trigger line for the current layout (src/styles/global.css: the 899px breakpoint). */
export function triggerOffset(): number {
  return typeof matchMedia === 'function' && matchMedia('(max-width: 899px)').matches ? TRIGGER_OFFSET_NARROW : TRIGGER_OFFSET;
}

/**
 * Which step is active for given step boxes, from geometry alone (pure).
 * Used at start-up, when scrollama has not yet fired for steps already passed.
 */
export function activeStepFromRects(
  rects: readonly { top: number; bottom: number }[],
  viewportHeight: number,
  offset = TRIGGER_OFFSET,
): { index: number; progress: number } {
  const line = viewportHeight * offset;
  let index = -1;
  for (let i = 0; i < rects.length; i++) if (rects[i]!.top <= line) index = i;
  if (index < 0) return { index: -1, progress: 0 };
  const r = rects[index]!;
  const h = Math.max(1, r.bottom - r.top);
  return { index, progress: Math.min(1, Math.max(0, (line - r.top) / h)) };
}

export function createScrolly(
  steps: HTMLElement[],
  onChange: (state: StepState) => void,
  offset = TRIGGER_OFFSET,
): ScrollyHandle {
  let state: StepState = { index: -1, progress: 0, direction: 'down' };
  const emit = (next: StepState) => {
    if (next.index === state.index && Math.abs(next.progress - state.progress) < 1e-3) return;
    state = next;
    onChange(state);
  };
  const fromGeometry = () => {
    const { index, progress } = activeStepFromRects(
      steps.map((s) => s.getBoundingClientRect()),
      window.innerHeight,
      offset,
    );
    emit({ index, progress, direction: index > state.index ? 'down' : index < state.index ? 'up' : state.direction });
  };

  // scrollama's observers fire when a step's middle crosses the trigger
  // line; a fast scroll can jump a short step past that band without a
  // callback. So the active step is always decided from geometry (pure, see
  // activeStepFromRects), on scrollama's callbacks and on every scrolled frame.
  // root: document keeps the observers on this document's own viewport even
  // inside a cross-origin iframe, where an implicit root ignores rootMargin.
  const scroller = scrollama();
  scroller
    .setup({ step: steps, offset: offset as scrollama.DecimalType, root: document } as scrollama.ScrollamaOptions)
    .onStepEnter(() => schedule())
    .onStepExit(() => schedule());

  let frame = 0;
  const onFrame = () => {
    frame = 0;
    fromGeometry();
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(onFrame);
  };
  addEventListener('scroll', schedule, { passive: true });
  // Steps already above the trigger line at start-up (reload, deep link).
  schedule();

  return {
    resize() {
      scroller.resize();
      schedule();
    },
    destroy() {
      scroller.destroy();
      removeEventListener('scroll', schedule);
      if (frame) cancelAnimationFrame(frame);
    },
  };
}
