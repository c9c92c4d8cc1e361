/**
 * <chancay-figure>: mounts a graphic's render module when the figure nears
 * the viewport, feeds it the enclosing section's step state, sizes it from
 * its container and destroys it when removed. Until then (and without
 * JavaScript) the build-time SVG is the picture.
 */
import type { Mount, VizHandle } from '../lib/viz/types';
import { afterNextFrame, pacedUpdates } from '../lib/schedule';
import { CONTENT_RESIZED } from '../lib/embed/protocol';
import { WIDE_FIGURE_MEDIA } from '../lib/scrolly';
import type { ScrollySection, ScrollyChangeDetail } from './scrolly-section';

/** Each graphic's render module, by folder: src/viz/<name>/render.ts, its own chunk, imported on demand. */
const renders = import.meta.glob<{ mount: Mount<any> }>('../viz/*/render.ts');
const loaderOf = (viz: string) => renders[`../viz/${viz}/render.ts`];

export class ChancayFigure extends HTMLElement {
  #handle?: VizHandle;
  #io?: IntersectionObserver;
  #ro?: ResizeObserver;
  /** Watches a size-locked figure until it leaves the screen (the lock below). */
  #lockIo?: IntersectionObserver;
  #section: ScrollySection | null = null;
  #destroyed = false;
  #lockedWidth = 0;
  /** The graphic has drawn its first state (until then the section's state is read at that moment). */
  #drawn = false;
  /** The step last handed to the graphic: a new one goes at once, progress inside a step every other frame (schedule.ts). */
  #step = NaN;
  #paced = pacedUpdates<{ index: number; progress: number }>((s) => {
    this.#step = s.index;
    this.#handle?.update(s.index, s.progress);
  });
  #onChange = (e: Event) => {
    const d = (e as CustomEvent<ScrollyChangeDetail>).detail;
    if (this.#drawn) this.#paced.push({ index: d.index, progress: d.progress }, d.index !== this.#step);
  };

  connectedCallback() {
    this.#destroyed = false;
    this.#section = this.closest('scrolly-section');
    this.#section?.addEventListener('scrolly:change', this.#onChange);
    // root: document keeps rootMargin working inside cross-origin iframes.
    this.#io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.#io?.disconnect();
          if (this.dataset.heavy === 'true' && this.#onScreenAtLoad()) this.#askFirst();
          else void this.#mount();
        }
      },
      { root: document, rootMargin: '100% 0px 100% 0px' },
    );
    this.#io.observe(this);
  }

  /** On screen before the reader scrolled: the page opened on this figure (an embed). */
  #onScreenAtLoad() {
    const r = this.getBoundingClientRect();
    return scrollY === 0 && r.top < innerHeight;
  }

  /** Heavy graphics (3D) that a page opens on start when the reader asks, not during load. */
  #askFirst() {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'figure__start';
    // The label rides on the element (Figure.astro): the labels' JSON is fetched with the data, at mount.
    const start = this.dataset.start;
    if (!start) return void this.#mount(); // no label to ask with (figures.yaml `start`): start at once
    button.textContent = start;
    button.addEventListener('click', () => {
      button.remove();
      void this.#mount();
    }, { once: true });
    // Over the poster, not in the flow: adding it moves nothing.
    (this.querySelector('.figure__canvas') ?? this).append(button);
  }

  async #mount() {
    const viz = this.dataset.viz ?? '';
    const load = loaderOf(viz);
    const canvas = this.querySelector<HTMLElement>('.figure__canvas');
    if (!load || !canvas) {
      console.warn(`[chancay-figure] no graphic module "${viz}"; keeping the static picture`);
      return;
    }
    const dataEl = this.querySelector<HTMLScriptElement>('script.figure__data');
    // The build moves the data to /_data/ (src/integrations/figure-data.mjs);
    // inline JSON still works (dev server).
    const src = dataEl?.dataset.src;
    // The labels too (figures.yaml), moved out of the page the same way.
    const labelsEl = this.querySelector<HTMLScriptElement>('script.figure__labels');
    const labelsSrc = labelsEl?.dataset.src;
    const module = load(); // code, data and labels load in parallel
    const json = async (el: HTMLScriptElement | null, url: string | undefined, empty: string) =>
      url ? (await fetch(url)).json() : el ? JSON.parse(el.textContent || empty) : JSON.parse(empty);
    let data: unknown = null;
    let labels: Record<string, string> = {};
    try {
      [data, labels] = await Promise.all([json(dataEl, src, 'null'), json(labelsEl, labelsSrc, '{}')]);
    } catch {
      console.warn(`[chancay-figure] could not load the data of "${viz}"; keeping the static picture`);
      return;
    }
    if (this.#destroyed) return;
    const { mount } = await module;
    // Page scripts load one by one after the first paint (src/integrations/after-paint-scripts.mjs),
    // so this figure can near the viewport before its section's scroll engine exists. Mount
    // only once the section is a <scrolly-section>: then the graphic draws the step the
    // engine chose (a reload or a #step-N deep link), and every later step reaches it.
    // A figure embedded alone sits in a plain <scrolly-section data-solo-steps> that no
    // scroll engine upgrades (its stepper, src/lib/embed/child.ts, drives it): never wait there.
    const engine = this.#section && !this.#section.hasAttribute('data-solo-steps');
    if (engine && !customElements.get('scrolly-section')) await customElements.whenDefined('scrolly-section');
    if (this.#destroyed) return; // removed while loading
    // The content box, as the ResizeObserver reports it (its first call then finds the same
    // size and draws nothing), measured here, before anything below writes to the page: in
    // the next task a measurement forced a layout of the whole page (the size lock below,
    // the graphic's own mount) inside the drawing's task, 85-230 ms at CPU x4 on a chapter
    // (issue 12). Now that layout happens once, in the frame that shows the drawing.
    const cs = getComputedStyle(canvas);
    const px = (prop: string) => parseFloat(cs.getPropertyValue(prop)) || 0;
    const box = canvas.getBoundingClientRect();
    const w = box.width - px('padding-left') - px('padding-right') - px('border-left-width') - px('border-right-width');
    const h = box.height - px('padding-top') - px('padding-bottom') - px('border-top-width') - px('border-bottom-width');
    // A height only for a box sized by the page (the scrolly stage, see global.css --fills-height), never its own content's.
    const fillsHeight = (style: CSSStyleDeclaration) => style.getPropertyValue('--fills-height').trim() === '1';
    const fills = fillsHeight(cs);
    // A figure already on screen keeps its box while the graphic re-lays
    // itself out at its real width: the text around it never moves (CLS 0).
    // Only while it is on screen: once the reader has scrolled it out of view, the box follows
    // the graphic's own height again, so no blank band above and below a drawing that came out
    // shorter than the build picture stays for good (a 611 px box round a 200-250 px drawing in
    // the plain article on a phone turned sideways, review helper-51, 6 Dec 2026). Off screen the
    // change moves nothing the reader sees: above, the browser's scroll anchoring keeps the
    // reader's place; below, it is not yet read.
    if (box.top < innerHeight && box.bottom > 0 && box.height > 0) {
      canvas.style.height = `${box.height}px`;
      canvas.classList.add('is-size-locked');
      this.#lockedWidth = box.width;
      // Not in a frame: there the host sizes the frame to its content, and a frame below the
      // host's fold gets no rendering updates (Chromium throttles it), so a box changed there would
      // not be reported to the host until the reader reached it (embed.test.ts: a frame 437 px
      // shorter than its content, 6 Dec 2026). In a frame every figure counts as on screen at mount
      // (the frame is as tall as its content) and its box stays, as before.
      if (window.parent === window) {
        this.#lockIo = new IntersectionObserver(([entry]) => {
          if (entry && !entry.isIntersecting) this.#unlock(canvas);
        });
        this.#lockIo.observe(canvas);
      }
    }
    const handle = mount(canvas, data, { labels, embedded: document.documentElement.dataset.embed === 'true' });
    this.#handle = handle;
    // The graphic's data preparation (above) and its first drawing (below) run in separate
    // tasks with a rendered frame between them (afterNextFrame: a scheduler.yield continuation
    // runs before the browser renders), so neither holds up a frame on a slow phone (issue 12: mount, a first drawing at
    // the build-time width and a second at the real width made one task of about 50 ms at
    // CPU x4, during the scroll). The first drawing is done here, not in the ResizeObserver's
    // first call: a cross-origin embed below the host page's fold gets no rendering update
    // (Chromium throttles it), so its observers would not run until the reader reached it.
    await afterNextFrame();
    if (this.#destroyed) return;
    // Sized first, then the section's current step: one drawing, at this size (src/lib/viz/mount.ts).
    if (w > 0) handle.resize(w, fills ? h : 0);
    // The drawing is made in this task, parsed after the next frame and shown after another: making, parsing and laying out a figure's first picture in one frame took 60-130 ms at
    // CPU x10 on the phone profile (issue 12). The update then only swaps the parsed picture in
    // (or draws afresh if the reader reached another layout meanwhile).
    const first = this.#section?.state;
    if (handle.prepare) {
      await handle.prepare(first?.index ?? -1, first?.progress ?? 0);
      await afterNextFrame();
      if (this.#destroyed) return;
    }
    const s = this.#section?.state;
    handle.update(s?.index ?? -1, s?.progress ?? 0);
    // Wider than a phone (WIDE_FIGURE_MEDIA) the live drawing is laid out for another width than the
    // build picture's 360 px, and its height can differ from the kept box by a fifth or more: kept,
    // the box showed the drawing shrunk (to 70% in the debt graphic's 282 px column at 768 px) or
    // between blank bands (130 px above and below a figure embedded at 1280 px, 7 Dec 2026). There the
    // box follows the drawing at once, in the frame that shows it, when they differ by more than a
    // tenth. The drawing's height comes from its viewBox at the width measured above: nothing here
    // reads the layout.
    if (this.#lockedWidth && !fills && matchMedia(WIDE_FIGURE_MEDIA).matches) {
      const vb = canvas.querySelector<SVGSVGElement>(':scope > svg')?.viewBox.baseVal;
      if (vb && vb.width > 0 && Math.abs((w * vb.height) / vb.width - h) > h / 10) {
        this.#unlock(canvas);
        // In a frame the host sizes the frame to the page; one below the host's fold gets no rendering
        // update, so no ResizeObserver would tell it (embed.test.ts: a frame 90 px shorter than its page
        // until the host scrolled). The embed's script measures and sends the new height at once.
        if (window.parent !== window) dispatchEvent(new Event(CONTENT_RESIZED));
      }
    }
    this.#step = s?.index ?? -1;
    this.#drawn = true;
    this.dataset.mounted = 'true';
    this.#ro = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      // The reader resized the window: the box may follow its content again.
      if (this.#lockedWidth && Math.abs(width - this.#lockedWidth) > 1) this.#unlock(canvas);
      if (width > 0) handle.resize(width, fillsHeight(getComputedStyle(canvas)) ? height : 0);
    });
    this.#ro.observe(canvas);
  }

  /** The box follows the graphic's height again (the size lock in #mount). */
  #unlock(canvas: HTMLElement) {
    this.#lockIo?.disconnect();
    this.#lockIo = undefined;
    if (!this.#lockedWidth) return;
    this.#lockedWidth = 0;
    canvas.style.height = '';
    canvas.classList.remove('is-size-locked');
  }

  disconnectedCallback() {
    this.#destroyed = true;
    this.#section?.removeEventListener('scrolly:change', this.#onChange);
    this.#io?.disconnect();
    this.#ro?.disconnect();
    this.#lockIo?.disconnect();
    this.#paced.stop();
    this.#handle?.destroy();
    this.#handle = undefined;
    this.#step = NaN;
    this.#drawn = false;
    delete this.dataset.mounted;
  }
}

if (!customElements.get('chancay-figure')) customElements.define('chancay-figure', ChancayFigure);
