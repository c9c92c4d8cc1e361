/** Reading-progress bar: scroll position of the page as a transform (no layout work). */
const bar = document.querySelector<HTMLElement>('.progress__bar');
if (bar) {
  let frame = 0;
  const draw = () => {
    frame = 0;
    const max = document.documentElement.scrollHeight - innerHeight;
    bar.style.transform = `scaleX(${max > 0 ? Math.min(1, scrollY / max) : 0})`;
  };
  addEventListener('scroll', () => (frame ||= requestAnimationFrame(draw)), { passive: true });
  // The first drawing in the next frame, not in this script's task: reading scrollHeight
  // here forced a layout that the frame does anyway (about 25 ms at CPU x4, issue 12).
  frame = requestAnimationFrame(draw);
}
