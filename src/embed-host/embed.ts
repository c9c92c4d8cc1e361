/**
 * embed.js: the host-page loader (built to /embed.js by ./integration.mjs;
 * self-contained, no dependencies, ≤ 3 kB gzip; works async/defer and under a
 * strict CSP: no inline scripts, styles only through the CSSOM).
 *
 * Each `<div data-chancay-embed="/embed/<chapter>/[<figure>/]">` becomes a box
 * as tall as the embedded content, holding a viewport-tall `position: sticky`
 * iframe. While a box is on screen, the box's top (relative to the viewport)
 * is posted to its iframe each scrolled frame; the embed scrolls its own
 * document to match, so its scroll engine and sticky graphic work as on the
 * site. Step changes come back and are dispatched on the placeholder as
 * `chancay:step` events.
 */
import { embedUrl, parseChildMessage } from '../lib/embed/protocol';

/** Set at build time by ./integration.mjs from content/ (the iframe title when data-title is missing). */
declare const __EMBED_FALLBACK_TITLE__: string;

interface Embed {
  el: HTMLElement;
  box: HTMLElement;
  frame: HTMLIFrameElement;
  live: boolean;
  seen: boolean;
}

type W = Window & { chancayEmbed?: () => void };

((w: W, d: Document) => {
  if (w.chancayEmbed) return w.chancayEmbed(); // loaded twice: just pick up new placeholders
  const me = (d.currentScript || d.querySelector('script[src$="/embed.js"]')) as HTMLScriptElement | null;
  if (!me) return;
  const origin = new URL(me.src).origin;
  const embeds: Embed[] = [];
  const post = (e: Embed, m: object) => e.frame.contentWindow?.postMessage(m, origin);
  const geometry = (e: Embed) => post(e, { chancay: 1, type: 'geometry', top: e.box.getBoundingClientRect().top });

  let raf = 0;
  let all = false;
  const frame = () => {
    raf = 0;
    for (const e of embeds) if (e.live && (e.seen || all)) geometry(e);
    all = false;
  };
  const schedule = () => {
    raf ||= requestAnimationFrame(frame);
  };
  // Off-screen cross-origin frames are not rendered (no ResizeObserver
  // callbacks) until they come back on screen; a message on resize makes each
  // embed re-measure now, so boxes above the viewport never jump later.
  const resized = () => {
    all = true;
    schedule();
  };
  const io = new IntersectionObserver((entries) => {
    for (const en of entries) {
      const e = embeds.find((x) => x.box === en.target);
      if (!e) continue;
      e.seen = en.isIntersecting;
      // Leaving the screen: one last position so the embed rests at its start or end.
      if (e.live) geometry(e);
    }
  });

  const setHeight = (e: Embed, h: number) => {
    const s = e.frame.style;
    e.box.style.height = h + 'px';
    // The iframe is one (small) viewport tall, or as tall as the content if
    // shorter. Setters with unsupported values are ignored, so the last
    // supported one wins.
    s.height = h + 'px';
    s.height = `min(100vh, ${h}px)`;
    s.height = `min(100svh, ${h}px)`;
    schedule();
  };

  const create = (el: HTMLElement) => {
    if (el.dataset.chancayState) return;
    const src = embedUrl(el.dataset.chancayEmbed, origin, { theme: el.dataset.theme, comments: el.dataset.comments });
    if (!src) {
      el.dataset.chancayState = 'invalid';
      return;
    }
    el.dataset.chancayState = 'loading';
    const box = d.createElement('div');
    const frame = d.createElement('iframe');
    frame.src = src;
    frame.title = el.dataset.title || __EMBED_FALLBACK_TITLE__;
    frame.loading = 'lazy';
    // Tells the embed a host script is here, so a busy host page answering
    // late does not make it fall back to the no-host layout.
    frame.name = 'chancay-embed';
    // scripts: the graphics and the scroll engine; same-origin: the embed keeps
    // its own (our) origin for its modules, fonts and storage (it never shares
    // the host's origin, so it cannot reach the host page); popups (+escape):
    // links open the full story in a new, normal tab; forms only when the
    // snippet asks for comments (their form). No top navigation or modals.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox' + (/[?&]comments=1/.test(src) ? ' allow-forms' : ''));
    const s = frame.style;
    s.display = 'block';
    s.width = '100%';
    s.border = '0';
    s.position = 'sticky';
    s.top = '0';
    box.style.position = 'relative';
    const e: Embed = { el, box, frame, live: false, seen: false };
    setHeight(e, Number(el.dataset.height) || 150);
    box.appendChild(frame);
    el.replaceChildren(box);
    embeds.push(e);
    io.observe(box);
  };

  const scan = () => d.querySelectorAll<HTMLElement>('[data-chancay-embed]').forEach(create);

  w.addEventListener('message', (ev) => {
    const e = embeds.find((x) => x.frame.contentWindow === ev.source);
    if (!e || ev.origin !== origin) return;
    const m = parseChildMessage(ev.data);
    if (!m) return;
    if (m.type === 'ready') {
      e.live = true;
      e.el.dataset.chancayState = 'ready';
      if (!e.el.dataset.title && m.title) e.frame.title = m.title;
      post(e, { chancay: 1, type: 'hello' });
      setHeight(e, m.height);
      geometry(e);
    } else if (m.type === 'height') setHeight(e, m.height);
    else if (m.type === 'step') {
      const { chancay, type, ...detail } = m;
      e.el.dispatchEvent(new CustomEvent('chancay:step', { bubbles: true, detail }));
    } else if (m.type === 'reveal') {
      // Keyboard focus moved inside the embed: bring that part on screen.
      const t = e.box.getBoundingClientRect().top;
      if (t + m.top < 0 || t + m.bottom > innerHeight) w.scrollBy(0, t + m.top - innerHeight / 3);
      geometry(e);
    }
  });
  // capture: also hears scrolling inside scrollable host containers.
  w.addEventListener('scroll', schedule, { passive: true, capture: true });
  w.addEventListener('resize', resized, { passive: true });
  w.chancayEmbed = scan;
  scan();
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', scan);
})(window, document);
