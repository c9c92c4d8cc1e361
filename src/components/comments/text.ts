/**
 * Pure helpers for the comments widget (unit-tested): safe rendering of
 * Waline's comment HTML, initials, character counting, dates.
 */

/** Characters as a reader counts them (code points, so an emoji is one). */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Up to two initials from a name, for the avatar circle (no remote avatars). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const pick = (w: string) => (w.match(/[\p{L}\p{N}]/u)?.[0] ?? '').toLocaleUpperCase();
  const out = words.length > 1 ? pick(words[0]!) + pick(words[words.length - 1]!) : pick(words[0] ?? '');
  return out || '?';
}

/** An http(s) URL as a string, or null for anything else (javascript:, data:, relative…). */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const KEEP = new Set(['P', 'BR', 'EM', 'STRONG', 'DEL', 'S', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'SUB', 'SUP']);
const DROP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'TITLE', 'HEAD']);

/**
 * Rebuild comment HTML (already sanitized by the server) as fresh DOM nodes:
 * only text-level markup and http(s) links survive; everything else becomes
 * its text. DOMParser documents are inert: nothing runs or loads while parsing.
 */
export function safeFragment(html: string, doc: Document = document): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = doc.createDocumentFragment();
  const walk = (from: Node, to: Node) => {
    from.childNodes.forEach((n) => {
      if (n.nodeType === 3) {
        to.appendChild(doc.createTextNode(n.textContent ?? ''));
        return;
      }
      if (n.nodeType !== 1) return;
      const el = n as Element;
      const tag = el.tagName.toUpperCase();
      if (DROP.has(tag)) return;
      if (tag === 'A') {
        const href = safeHref(el.getAttribute('href'));
        if (href) {
          const a = doc.createElement('a');
          a.href = href;
          a.rel = 'nofollow ugc noopener noreferrer';
          walk(el, a);
          to.appendChild(a);
          return;
        }
      } else if (KEEP.has(tag)) {
        const copy = doc.createElement(tag.toLowerCase());
        walk(el, copy);
        to.appendChild(copy);
        return;
      }
      walk(el, to);
    });
  };
  walk(parsed.body, out);
  return out;
}

export function formatDate(ms: number, locale = 'en-GB'): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}
