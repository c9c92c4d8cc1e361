/**
 * Tiny loader for <chancay-comments>: the widget's module (./widget) is only
 * fetched when the comments section nears the viewport, so a chapter's first
 * load pays nothing for it.
 */
const els = document.querySelectorAll<HTMLElement>('chancay-comments');
if (els.length) {
  // root: document keeps rootMargin working inside cross-origin iframes.
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      void import('./widget');
    },
    { root: document, rootMargin: '100% 0px 100% 0px' },
  );
  els.forEach((el) => io.observe(el));
}
