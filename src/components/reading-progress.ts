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
  draw();
}
