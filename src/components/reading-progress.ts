/**
 * Reading-progress bar, for browsers without scroll-driven animations (where
 * they exist, ChapterLayout's CSS ties the bar to the scroll and no script
 * runs: reading scrollY in every scrolled frame forces the layout that other
 * writes had dirtied, before the frame's own; 110-170 ms over a scroll of
 * /beyond-the-tracks/ at CPU x4, issue 12).
 */
const bar = document.querySelector<HTMLElement>('.progress__bar');
if (bar && !CSS.supports('animation-timeline: scroll()')) {
  let frame = 0;
  // The page's scrollable height, read when the document's size changes (the observer runs
  // after layout), not in every scrolled frame.
  let max = 0;
  const draw = () => {
    frame = 0;
    bar.style.transform = `scaleX(${max > 0 ? Math.min(1, scrollY / max) : 0})`;
  };
  const schedule = () => (frame ||= requestAnimationFrame(draw));
  const measure = () => {
    max = document.documentElement.scrollHeight - innerHeight;
    schedule();
  };
  new ResizeObserver(measure).observe(document.documentElement);
  addEventListener('resize', measure);
  addEventListener('scroll', schedule, { passive: true });
}
