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
  const place = () => target.scrollIntoView({ block: 'start', behavior: 'instant' });
  const observer = new ResizeObserver(place);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const type of READER_INPUT) removeEventListener(type, stop, true);
  };
  for (const type of READER_INPUT) addEventListener(type, stop, { capture: true, passive: true });
  const timer = setTimeout(stop, ms);
  // What changes size as a page settles: the page itself, and each figure as it mounts.
  observer.observe(document.body);
  for (const figure of document.querySelectorAll('.figure')) observer.observe(figure);
}
