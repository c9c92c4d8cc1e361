/**
 * A link to a step (`#step-N`, shared or copied from the step's button) keeps that step where the
 * browser put it while the page settles. The browser scrolls to the fragment while the document
 * loads; the figures mount and resize after that (after the first paint, src/integrations/
 * after-paint-scripts.mjs), and a figure above the step that changes height moved the step off the
 * screen: on a phone turned sideways, /why-washington-is-sidelined/#step-4 landed at 64 px from the
 * top and ended at -79 px, the funding-models figure above it having shrunk by 143 px (the browser's
 * scroll anchoring did not make up for it; 6 Dec 2026). So, until the reader scrolls, touches,
 * clicks or presses a key, or `ms` have passed, each change of the page's size puts the step back at
 * the top (below the header's scroll padding, as the browser placed it). A reader who moves is
 * never pulled back.
 */
const STEP = /^#step-\d+$/;
const READER_INPUT = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

export function holdFragment(ms = 6000): void {
  if (!STEP.test(location.hash)) return;
  const target = document.getElementById(location.hash.slice(1));
  if (!target) return;
  holdAtTop(target, { ms });
}

/** The stepper's own keys (src/lib/stepper.ts, on its section): they change the step, not the reader's place. */
const STEPPER_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);
/** Keys that scroll the page even with focus on a button. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'ArrowUp', 'ArrowDown']);

interface HoldOptions {
  /** How long the hold lasts at most. */
  ms?: number;
  /** The hold ends as soon as this is false. */
  still?: () => boolean;
  /**
   * The stepper's hold: `within` is its section. Its own bar, toggle and keys (Previous, Next, ←/→,
   * Home/End) do not let go: they change the step, not the reader's place. Anything else the
   * reader does does, focus moving included (Tab, a screen reader's focus): the stepper focuses
   * its Next button before the hold starts.
   */
  stepper?: { within: Element; settleMs: number };
}

/**
 * Keeps `target` at the top of the screen (as scrollIntoView puts it) while the page settles: each
 * change of the page's or a figure's size puts it back, until the reader scrolls, touches, clicks or
 * presses a key, goes to another fragment, `ms` pass, or `still()` is false.
 *
 * The stepper's hold also undoes, once, a scroll the reader did not make in the `settleMs` after it opens.
 * Twice in fresh-clone CI the stage opened 53 px (390x664) and 179 px above the screen and came
 * back only at the next step: something scrolled the page without changing any size watched. Only
 * for that short while: a screen reader moving to other content, or a script, scrolls the page
 * with no event here, and undone for the whole hold, a test's click on the next section's toggle
 * (the page scrolled to it, then the click) missed it in one CI run. A key or press outside the
 * stepper, or any move of focus, ends the hold at once. Undone again and again within that second,
 * a test's click on the toggle just after opening still missed it in CI (plain-article.test.ts).
 */
export function holdAtTop(target: Element, { ms = 6000, still = () => true, stepper }: HoldOptions = {}): void {
  /** Where scrollIntoView last put the target (its top on screen, px). */
  let at = Number.NaN;
  /** Until when a scroll the reader did not make is undone (performance.now() ms). */
  const settleUntil = stepper ? performance.now() + stepper.settleMs : 0;
  const place = () => {
    if (!still()) return stop();
    target.scrollIntoView({ block: 'start', behavior: 'instant' });
    at = target.getBoundingClientRect().top;
  };
  /** Undone once at most: what moved the stage in CI moved it once, and a second scroll is someone's (a test's click retried). */
  let undone = false;
  const onScroll = () => {
    if (undone || performance.now() > settleUntil || Math.abs(target.getBoundingClientRect().top - at) <= 1) return;
    undone = true;
    place();
  };
  const observer = new ResizeObserver(place);
  /** A press, tap or key on the stepper's own controls, or one of its keys in its section: a step change, not a move. */
  const onStepper = (e: Event): boolean => {
    const t = e.target;
    if (!stepper || e.type === 'wheel' || !(t instanceof Element) || !stepper.within.contains(t)) return false;
    const control = !!t.closest('.stepper, .scrolly__toggle');
    if (e instanceof KeyboardEvent) return STEPPER_KEYS.has(e.key) || (control && !SCROLL_KEYS.has(e.key));
    return control;
  };
  const onInput = (e: Event) => {
    if (!onStepper(e)) stop();
  };
  // Focus moving anywhere (Tab or Shift+Tab to the toggle above the stage, a screen reader) goes where the reader goes.
  const onFocus = () => stop();
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    removeEventListener('scroll', onScroll);
    removeEventListener('hashchange', stop);
    removeEventListener('focusin', onFocus, true);
    for (const type of READER_INPUT) removeEventListener(type, onInput, true);
  };
  for (const type of READER_INPUT) addEventListener(type, onInput, { capture: true, passive: true });
  if (stepper) {
    addEventListener('scroll', onScroll, { passive: true });
    addEventListener('focusin', onFocus, true);
  }
  // Another fragment (a link followed, Back or Forward): the reader has gone elsewhere on purpose.
  addEventListener('hashchange', stop);
  const timer = setTimeout(stop, ms);
  at = target.getBoundingClientRect().top;
  // What changes size as a page settles: the page itself, and each figure as it mounts.
  observer.observe(document.body);
  for (const figure of document.querySelectorAll('.figure')) observer.observe(figure);
}
