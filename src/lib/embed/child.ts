/**
 * The embed page's side of the protocol (see ./protocol.ts). Modes, on <html data-embed-mode>:
 *  - "top":     opened directly, not in a frame: an ordinary scrolling page.
 *  - "pending": in a frame, waiting for a host script to say hello (1 s; 10 s
 *               when embed.js made the iframe: it names it "chancay-embed").
 *  - "hosted":  embed.js answered: our document does not scroll for the user
 *               (the host page does); it is scrolled to match the host's
 *               geometry, so the scroll engine and sticky graphics work unchanged.
 *  - "static":  no host answered (a bare iframe, a Pym.js or AMP parent): the
 *               scrollytelling becomes a stepper (graphic, then Previous/Next
 *               and the active step's text), with no dependence on scrolling.
 * In every framed mode the height is posted in the Pym.js and AMP formats too
 * until a host of ours answers.
 */
import { ampHeight, childScroll, CONTENT_RESIZED, parseHostMessage, pymHeight, type StepDetail } from './protocol';
import type { ScrollyChangeDetail, ScrollySectionElement as ScrollySection } from '../scroll-state';
import { createStepper, type StepperSection } from '../stepper';

const html = document.documentElement;
const params = new URLSearchParams(location.search);
const chapter = html.dataset.chapter ?? '';
/** How long to wait for a host's hello: longer when embed.js made the iframe (it names it). */
const HANDSHAKE_MS = window.name === 'chancay-embed' ? 10_000 : 1000;

type Mode = 'top' | 'pending' | 'hosted' | 'static';
const setMode = (m: Mode) => {
  html.dataset.embedMode = m;
};

/** Content height: the root box, not scrollHeight (which never drops below the viewport). */
const contentHeight = () => Math.ceil(html.getBoundingClientRect().height);

// ---- Stepper (src/lib/stepper.ts, the same component as the site's "Step
// through"): steps as buttons, for framed embeds without a host and for
// scroll-driven figures embedded alone. The bar takes the place the page kept
// for it (.stepper-slot, so adding it moves nothing), else follows the graphic.
type Section = StepperSection & Partial<Pick<ScrollySection, 'mode'>>;

function stepper(section: Section, count: number, start: number) {
  if (section.querySelector('.stepper') || count < 1) return;
  createStepper(section, {
    count,
    start,
    place(bar) {
      const slot = section.querySelector('.stepper-slot');
      const graphic = section.querySelector('.scrolly__graphic, .embed-solo__graphic');
      if (slot) slot.replaceWith(bar);
      else if (graphic) graphic.after(bar);
      else section.appendChild(bar);
    },
  });
}

function staticLayout() {
  setMode('static');
  document.querySelectorAll<Section>('scrolly-section').forEach((s) => {
    if ('mode' in s) s.mode = 'static';
    else s.dataset.mode = 'static';
    stepper(s, s.querySelectorAll('.step').length, 0);
  });
}

// Scroll-driven figures embedded alone: all their states, always by buttons,
// starting from the first, which is the picture the page was built with (so
// nothing jumps when the graphic mounts).
document.querySelectorAll<Section>('[data-solo-steps]').forEach((s) => {
  stepper(s, Number(s.dataset.soloSteps), 0);
});

if (params.get('comments') === '1') html.dataset.comments = '1';

if (window.parent === window) {
  setMode('top');
} else {
  setMode('pending');
  const parent = window.parent;
  const pymId = params.get('childId');
  let host: string | null = null;
  let lastTop = 0;
  let sent = -1;

  const apply = () => {
    const y = childScroll(lastTop, contentHeight(), innerHeight);
    const el = document.scrollingElement ?? html;
    if (el.scrollTop !== y) el.scrollTop = y;
  };
  const sendHeight = () => {
    const h = contentHeight();
    if (h === sent) return;
    sent = h;
    if (host) parent.postMessage({ chancay: 1, type: 'height', height: h }, host);
    else {
      if (pymId && pymId.length < 200) parent.postMessage(pymHeight(pymId, h), '*');
      parent.postMessage(ampHeight(h), '*');
    }
    if (host) apply();
  };
  const ready = () => {
    if (!host) parent.postMessage({ chancay: 1, type: 'ready', height: contentHeight(), title: document.title }, '*');
  };

  addEventListener('message', (e) => {
    if (e.source !== parent) return;
    const m = parseHostMessage(e.data);
    if (!m) return;
    if (m.type === 'hello') {
      if (host || html.dataset.embedMode === 'static') return; // too late: the stepper stays
      host = e.origin;
      setMode('hosted');
      sent = -1;
      sendHeight();
    } else if (host && e.origin === host) {
      lastTop = m.top;
      // Also re-measure: an off-screen frame gets no ResizeObserver callbacks.
      sendHeight();
      apply();
    }
  });

  new ResizeObserver(sendHeight).observe(html);
  // A change the observer may not report in a throttled frame (src/components/chancay-figure.ts).
  addEventListener(CONTENT_RESIZED, sendHeight);
  // Our position is the host's to set: if anything else moves it (scroll
  // anchoring after a layout change, a focus or hash jump) while the host is
  // not scrolling, put it back at once rather than wait for the host's next frame.
  addEventListener('scroll', () => {
    if (host) apply();
  }, { passive: true });
  ready();
  // Ask again a few times: a busy host page may miss or delay the first one.
  for (const ms of [250, 600, 1500, 3000]) setTimeout(ready, ms);
  setTimeout(() => {
    if (!host) staticLayout();
  }, HANDSHAKE_MS);

  // Step changes go to the host as chancay:step events on the placeholder.
  const last = new Map<string, number>();
  document.addEventListener('scrolly:change', (e) => {
    const d = (e as CustomEvent<ScrollyChangeDetail>).detail;
    if (!host || !d || last.get(d.id) === d.index) return;
    last.set(d.id, d.index);
    const stepEl = (e.target as Element).querySelectorAll<HTMLElement>('.step')[d.index];
    const n = Number(stepEl?.dataset.step);
    const detail: StepDetail = {
      chapter,
      step: Number.isInteger(n) && n > 0 ? n : null,
      index: d.index,
      count: d.count,
      section: d.id,
      direction: d.direction,
    };
    parent.postMessage({ chancay: 1, type: 'step', ...detail }, host);
  });

  // Keyboard focus on something off-screen: ask the host to scroll there.
  document.addEventListener('focusin', (e) => {
    if (!host) return;
    const r = (e.target as Element).getBoundingClientRect();
    const y = (document.scrollingElement ?? html).scrollTop;
    parent.postMessage({ chancay: 1, type: 'reveal', top: r.top + y, bottom: r.bottom + y }, host);
  });
}
