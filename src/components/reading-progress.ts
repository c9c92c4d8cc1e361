/**
 * Reading-progress bar, drawn from one IntersectionObserver, so that scrolling asks nothing of
 * the page's main thread in most frames.
 *
 * A 1 px wide track, as tall as the page scrolls (R), sits at the top of the page; the observer's
 * root is the R px of page above the viewport's top edge (rootMargin `R px 0 -100% 0`), so the part
 * of the track inside it is the part scrolled past: its intersection ratio is how far down the
 * page the reader is, and the observer reports it each time it crosses a whole per cent. The bar
 * is restyled at those crossings only (about a hundred times down a chapter).
 *
 * Why not the CSS scroll-driven animation that draws the bar without JavaScript (ChapterLayout's
 * CSS, kept for readers without it): Chromium restyles an element with a scroll-driven animation
 * in every scrolled frame, on the main thread, composited or not. On the phone profile (CPU x9.4)
 * chapter 2's style work while scrolling was 1.8-2.9 ms a frame with it and 0.8-0.95 ms with
 * this observer, whose own work and callbacks take about 0.2 ms a frame (issue 12; Chromium
 * traces of the bench's scroll, three reads of each build in turn). See ARCHITECTURE.md.
 */
const bar = document.querySelector<HTMLElement>('.progress__bar');
if (bar && typeof IntersectionObserver === 'function') {
  const track = document.createElement('div');
  track.className = 'progress__track';
  track.setAttribute('aria-hidden', 'true');
  document.body.append(track);
  const STEPS = 100;
  const draw = (ratio: number) => {
    const v = Math.round(Math.min(1, Math.max(0, ratio)) * STEPS) / STEPS;
    const t = `scaleX(${v})`;
    if (bar.style.transform !== t) bar.style.transform = t;
  };
  let io: IntersectionObserver | null = null;
  let range = -1;
  // The page's scrollable height, measured when the document's size changes (the observer runs
  // after layout), not while scrolling.
  const measure = () => {
    const r = Math.max(0, document.documentElement.scrollHeight - innerHeight);
    if (r === range) return;
    range = r;
    io?.disconnect();
    if (r === 0) return draw(0);
    track.style.height = `${r}px`;
    io = new IntersectionObserver((entries) => draw(entries[entries.length - 1]!.intersectionRatio), {
      // root: document keeps rootMargin working where the page is framed.
      root: document,
      rootMargin: `${r}px 0px -100% 0px`,
      threshold: Array.from({ length: STEPS + 1 }, (_, i) => i / STEPS),
    });
    io.observe(track);
  };
  new ResizeObserver(measure).observe(document.documentElement);
  addEventListener('resize', measure);
}
