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

/** Keys that scroll the page (the stepper's own keys, ←/→, Home/End, do not). */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', ' ']);

/**
 * Keeps `target` at the top of the screen (as scrollIntoView puts it) while the page settles: each
 * change of the page's or a figure's size, and each scroll the reader did not make, puts it back,
 * until the reader scrolls, touches, clicks or presses a key, goes to another fragment, `ms` pass,
 * or `still()` is false.
 * With `stepper`, the stepper's own bar and keys (its buttons, ←/→, Home/End) do not let go: they
 * change the step, not the reader's place; a wheel, a touch or press anywhere else, or a key that
 * scrolls does. The stepper opens with its stage at the top of the screen, and a figure above it
 * settling (a section just back in scroll mode re-laying its graphic out) left the stage 179 px
 * above the screen in one fresh-clone CI run (stepper.test.ts, 7 Dec 2026).
 */
export function holdAtTop(target: Element, { ms = 6000, still = () => true, stepper = false }: { ms?: number; still?: () => boolean; stepper?: boolean } = {}): void {
  /** Where scrollIntoView last put the target (its top on screen, px). */
  let at = Number.NaN;
  const place = () => {
    if (!still()) return stop();
    target.scrollIntoView({ block: 'start', behavior: 'instant' });
    at = target.getBoundingClientRect().top;
  };
  // A scroll no reader asked for (nothing of theirs came first: that would have let go) puts the
  // target back too. A size change is not the only thing that moves it: twice in fresh-clone CI the
  // stepper's stage stayed 53 px (the-announcement, 390x664) and 179 px above the screen after it
  // opened, no observed box having changed size, and went back to the top only at the next step.
  const onScroll = () => {
    if (Math.abs(target.getBoundingClientRect().top - at) > 1) place();
  };
  const observer = new ResizeObserver(place);
  const input = READER_INPUT;
  const onInput = (e: Event) => {
    if (stepper && e instanceof KeyboardEvent && !SCROLL_KEYS.has(e.key)) return;
    // The stepper's own buttons change the step, not the reader's place; a press anywhere else
    // (the page's scrollbar, a link, the text) is the reader's.
    if (stepper && (e.type === 'pointerdown' || e.type === 'touchstart') && e.target instanceof Element && e.target.closest('.stepper, .scrolly__toggle')) return;
    stop();
  };
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    removeEventListener('scroll', onScroll);
    removeEventListener('hashchange', stop);
    for (const type of input) removeEventListener(type, onInput, true);
  };
  for (const type of input) addEventListener(type, onInput, { capture: true, passive: true });
  addEventListener('scroll', onScroll, { passive: true });
  // Another fragment (a link followed, Back or Forward): the reader has gone elsewhere on purpose.
  addEventListener('hashchange', stop);
  const timer = setTimeout(stop, ms);
  at = target.getBoundingClientRect().top;
  // What changes size as a page settles: the page itself, and each figure as it mounts.
  observer.observe(document.body);
  for (const figure of document.querySelectorAll('.figure')) observer.observe(figure);
}
