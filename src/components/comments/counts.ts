/**
 * Fills the cover's chapter list with approved-comment counts
 * (<span class="toc__comments" data-comment-count="<slug>" hidden>).
 * One request for all chapters; silent when the comment server is away.
 */
const spans = [...document.querySelectorAll<HTMLElement>('[data-comment-count]')];
if (spans.length) {
  const paths = spans.map((s) => `/${s.dataset.commentCount}/`);
  fetch(`/api/comment?type=count&url=${encodeURIComponent(paths.join(','))}`, { credentials: 'omit', cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : null))
    .then((body: { errno?: number; data?: unknown } | null) => {
      const raw = body?.errno === 0 ? body.data : null;
      const counts = Array.isArray(raw) ? raw : typeof raw === 'number' ? [raw] : [];
      spans.forEach((s, i) => {
        const n = Number(counts[i]);
        if (!Number.isFinite(n) || n <= 0) return;
        s.textContent = n === 1 ? '1 comment' : `${n} comments`;
        s.hidden = false;
      });
    })
    .catch(() => {});
}
