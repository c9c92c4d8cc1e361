/**
 * The scrollytelling engine: the one scroll mechanism of the site.
 *
 * It turns a section's steps into a stream of {index, progress, direction},
 * decided from geometry alone (activeStepFromRects, pure): on each scrolled
 * frame, the step whose top has passed the trigger line is active. Because
 * the answer depends only on where the steps are, a fast scroll that jumps
 * over several steps, a reload mid-section and a #step-N deep link all land
 * on the right state with no history to replay.
 *
 * The loop is awake only while the section is near the viewport: an
 * IntersectionObserver (one viewport of margin above and below) switches the
 * scroll listener on and off, so a page with five sections runs at most the
 * one or two the reader is near. It observes `root: document`, which keeps
 * rootMargin working inside a cross-origin iframe (an embed whose document is
 * scrolled by the host page's script, src/lib/embed/child.ts).
 *
 * Graphics must draw a pure function of (index, progress): see ARCHITECTURE.md.
 */

export type Direction = 'up' | 'down';
export interface StepState {
  /** Active step, 0-based; -1 before the first step is reached. */
  index: number;
  /** Progress through the active step, 0..1. */
  progress: number;
  direction: Direction;
}
export interface ScrollyHandle {
  /** Re-measure now (after a layout change). */
  resize(): void;
  destroy(): void;
  /** Whether the loop is listening to scroll right now (the section is near the viewport). */
  readonly awake: boolean;
}

/** Fraction of the viewport height where a step becomes active (wide screens: steps beside the graphic). */
export const TRIGGER_OFFSET = 0.6;
/**
 * On narrow screens the graphic's stage is the top of the screen and the
 * cards are read in the band below it: a step becomes active as its card
 * enters that band, so the picture changes while its text is being read.
 */
export const TRIGGER_OFFSET_NARROW = 0.85;
/** How far outside the viewport (in viewport heights) a section keeps the loop awake. */
export const WAKE_MARGIN = '100% 0px 100% 0px';

/**
 * The phone layout of a scroll section (the stage at the top of the screen, the cards below it), as a
 * media query. The stylesheets write the same width in their own media queries, where a constant
 * cannot reach (src/styles/global.css, src/viz/shipping-map/shipping-map.css: max-width 899px,
 * min-width 900px); test/unit/breakpoint.test.ts holds them to this one.
 */
export const NARROW_MEDIA = '(max-width: 899px)';

/**
 * Wider than a phone held upright (and than Lighthouse's 412 px phone): from here a figure's build
 * picture (drawn for 360 px) is shown at its own size until it mounts (src/styles/global.css, the one
 * stylesheet query with this width, held to it by test/unit/breakpoint.test.ts), and the box kept
 * round a figure on screen at mount follows its first live drawing when the two differ by more than a
 * tenth (src/components/chancay-figure.ts). Narrower, both are drawn for about the same width and the
 * box stays (CLS 0). Not the scroll sections' layout (NARROW_MEDIA): a 768 px tablet has the phone's
 * stage and cards, but its figures are laid out twice as wide as the build picture.
 */
export const WIDE_FIGURE_MEDIA = '(min-width: 701px)';

/**
 * A screen too short for a graphic that stays put and a card read under it: a phone turned on its
 * side (844x390, 667x343; less with the browser's bars) or the smallest phones upright in a browser
 * (320x568 with Safari's bars leaves about 460). There, 58% of the height is a stage of 190-270 px
 * and the drawing inside it shrinks under its title and note (the shipping map was 68x71 px at
 * 667x343, its names and key spilling over the text). So a scroll section reads as the plain article
 * there, each step as text with its own still picture, the "Step through" control still offered
 * (src/components/scrolly-section.ts; the page's head script chooses it before the first paint,
 * src/integrations/after-paint-scripts.mjs, which writes this query too and is held to it by
 * test/unit/after-paint-loader.test.ts). Not in a frame (an embed in its host's page), whose height
 * is its host's business; an embed page opened on its own follows it like any page.
 */
export const SHORT_MEDIA = '(max-height: 479px)';

/** The trigger line for the current layout. */
export function triggerOffset(): number {
  return typeof matchMedia === 'function' && matchMedia(NARROW_MEDIA).matches ? TRIGGER_OFFSET_NARROW : TRIGGER_OFFSET;
}

/**
 * Which step is active for given step boxes (viewport coordinates, in
 * document order), from geometry alone (pure): the last step whose top is at
 * or above the trigger line, and how far the line is through it (0..1).
 * -1 when no step has reached the line.
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

/** The direction of a move from one index to another (the previous direction when it stays). */
export function directionOf(from: number, to: number, previous: Direction): Direction {
  return to > from ? 'down' : to < from ? 'up' : previous;
}

/**
 * One frame callback for every section's engine: first every engine that asked
 * reads its steps' boxes, then each one that changed tells its section. Read
 * and told one section at a time, a section's change (its graphic redrawn or
 * restyled) dirtied the layout that the next section's read then forced, in
 * the same frame (issue 12: two sections are often awake at once).
 */
const queued = new Set<{ read(): StepState; write(s: StepState): void }>();
let sharedFrame = 0;
function flushQueued() {
  sharedFrame = 0;
  const batch = [...queued];
  queued.clear();
  const states = batch.map((e) => e.read());
  batch.forEach((e, i) => e.write(states[i]!));
}

/**
 * Follow `steps` (inside `area`, by default their common parent) and call
 * `onChange` with each new state. The first state is measured at once, so a
 * page opened mid-section (reload, deep link) starts right.
 */
export function createScrolly(
  steps: HTMLElement[],
  onChange: (state: StepState) => void,
  offset = TRIGGER_OFFSET,
  area: Element | null = steps[0]?.parentElement ?? null,
): ScrollyHandle {
  let state: StepState = { index: -1, progress: 0, direction: 'down' };
  let first = true;
  const emit = (next: StepState) => {
    if (!first && next.index === state.index && Math.abs(next.progress - state.progress) < 1e-3) return;
    first = false;
    state = next;
    onChange(state);
  };
  const engine = {
    read(): StepState {
      const { index, progress } = activeStepFromRects(
        steps.map((s) => s.getBoundingClientRect()),
        window.innerHeight,
        offset,
      );
      return { index, progress, direction: directionOf(state.index, index, state.direction) };
    },
    write: emit,
  };
  const schedule = () => {
    queued.add(engine);
    if (!sharedFrame) sharedFrame = requestAnimationFrame(flushQueued);
  };

  let awake = false;
  const wake = (on: boolean) => {
    if (on === awake) return;
    awake = on;
    if (on) {
      addEventListener('scroll', schedule, { passive: true });
      addEventListener('resize', schedule, { passive: true });
    } else {
      removeEventListener('scroll', schedule);
      removeEventListener('resize', schedule);
    }
    // Entering or leaving: measure once more, so a jump that carried the
    // section far off screen in one frame still leaves its first or last state.
    schedule();
  };
  const io = new IntersectionObserver((entries) => wake(entries[entries.length - 1]!.isIntersecting), {
    root: document,
    rootMargin: WAKE_MARGIN,
  });
  if (area) io.observe(area);
  else wake(true);
  // Steps already above the trigger line at start-up (reload, deep link).
  schedule();

  return {
    resize: schedule,
    get awake() {
      return awake;
    },
    destroy() {
      io.disconnect();
      wake(false);
      queued.delete(engine);
    },
  };
}
