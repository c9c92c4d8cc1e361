/**
 * Reading-progress bar, set by one IntersectionObserver: the page is restyled for it only when the
 * reader crosses a whole step of the bar (a few pixels of its width), not in every scrolled frame.
 *
 * A 1 px wide track, as tall as the page scrolls (R), sits at the top of the page; the observer's
 * root is the R px of page above the viewport's top edge (rootMargin `R px 0 -100% 0`), so the part
 * of the track inside it is the part scrolled past: its intersection ratio is how far down the
 * page the reader is, reported at each step.
 *
 * Until this runs (it loads after the first paint), and for good without JavaScript or where the
 * observer cannot be made, ChapterLayout's CSS scroll-driven animation draws the bar; `is-driven`
 * on `.progress` turns it off once the observer has reported. Why not keep the animation: Chromium
 * restyles an element with a scroll-driven animation in every scrolled frame, on the main thread
 * (measured in ARCHITECTURE.md, "Work in pieces while the reader scrolls"; issue 12).
 */
const bar = document.querySelector<HTMLElement>('.progress__bar');
const progress = bar?.parentElement;
if (bar && progress && typeof IntersectionObserver === 'function') {
  const track = document.createElement('div');
  track.className = 'progress__track';
  track.setAttribute('aria-hidden', 'true');
  // Never seen; hidden in print too (global.css).
  track.style.cssText = 'position:absolute;top:0;left:0;width:1px;height:0;visibility:hidden;pointer-events:none';
  document.body.append(track);
  let steps = 100;
  const draw = (ratio: number) => {
    const t = `scaleX(${Math.round(Math.min(1, Math.max(0, ratio)) * steps) / steps})`;
    if (bar.style.transform !== t) bar.style.transform = t;
    // The animation would override the inline transform: off once the observer draws.
    progress.classList.add('is-driven');
  };
  let io: IntersectionObserver | null = null;
  let range = -1;
  let width = 0;
  // The page's scrollable height, measured when the document's size changes (the observer runs
  // after layout), not while scrolling. Measured without the track: its box, as tall as the old
  // range, would keep a page that got shorter (a phone turned, the stepper, a table closed) as
  // long as it was.
  const measure = () => {
    track.style.height = '0px';
    const r = Math.max(0, document.documentElement.scrollHeight - innerHeight);
    track.style.height = `${r}px`;
    if (r === range && innerWidth === width) return;
    range = r;
    width = innerWidth;
    io?.disconnect();
    io = null;
    if (r === 0) return draw(0);
    // A step of the bar is at most 4 px of its width (at least a hundred steps).
    steps = Math.max(100, Math.ceil(innerWidth / 4));
    try {
      io = new IntersectionObserver((entries) => draw(entries[entries.length - 1]!.intersectionRatio), {
        // root: document keeps rootMargin working where the page is framed.
        root: document,
        rootMargin: `${r}px 0px -100% 0px`,
        threshold: Array.from({ length: steps + 1 }, (_, i) => i / steps),
      });
      io.observe(track);
    } catch {
      // A browser without a document root for observers: the CSS animation goes on drawing the bar.
      progress.classList.remove('is-driven');
    }
  };
  new ResizeObserver(measure).observe(document.documentElement);
  addEventListener('resize', measure);
}
