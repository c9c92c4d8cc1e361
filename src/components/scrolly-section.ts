/**
 * <scrolly-section>: a section's three reading modes (data-mode) and the
 * `scrolly:change` event (bubbling) that graphics, the comparison table and
 * the embed bridge listen to.
 *  - "scroll":  the one scroll engine (src/lib/scrolly.ts) decides the step.
 *  - "stepper": the reader pressed "Step through": the shared stepper
 *               (src/lib/stepper.ts) walks the steps; #step-N follows.
 *  - "plain":   with prefers-reduced-motion, or on a screen too short for a
 *               stage and a card (SHORT_MEDIA: a phone turned sideways): the
 *               plain article, each step as text with its still picture (as
 *               without JavaScript); the reader can still choose the stepper.
 *  - "static":  set by the embed bridge (src/lib/embed/child.ts) for a frame
 *               with no host script: its own stepper layout.
 */
import { createScrolly, NARROW_MEDIA, SHORT_MEDIA, triggerOffset, type ScrollyHandle, type StepState } from '../lib/scrolly';
import type { ScrollyChangeDetail } from '../lib/scroll-state';
import { createStepper, stepperStringsOf, type StepperHandle } from '../lib/stepper';
import { wireCopyLinks } from '../lib/copy-link';
import { holdAtTop } from '../lib/hold-fragment';
import { setAttr, setText } from '../lib/dom-writes';
export type { ScrollyChangeDetail };

export type ReadingMode = 'scroll' | 'stepper' | 'plain' | 'static';

export class ScrollySection extends HTMLElement {
  /** Latest state, for graphics that mount after the first event. */
  state: StepState = { index: -1, progress: 0, direction: 'down' };
  #handle?: ScrollyHandle;
  #stepper?: StepperHandle | null;
  #steps: HTMLElement[] = [];
  #ro?: ResizeObserver;
  #narrow?: MediaQueryList;
  #calm?: MediaQueryList;
  #short?: MediaQueryList;
  #metaFrame = 0;

  #emit = (s: StepState) => {
    this.state = s;
    this.#steps.forEach((el, i) => el.classList.toggle('is-active', i === s.index));
    // Written only when it changes: #emit runs in every scrolled frame.
    if (this.dataset.activeStep !== String(s.index)) this.dataset.activeStep = String(s.index);
    const detail: ScrollyChangeDetail = { ...s, id: this.id, count: this.#steps.length };
    this.dispatchEvent(new CustomEvent('scrolly:change', { bubbles: true, detail }));
  };

  /** The figure's tables, note and source follow its stage: the steps keep that much room at their end. */
  #measureMeta = () => {
    const figure = this.querySelector('.scrolly__graphic figure');
    const track = figure?.querySelector('.figure__track');
    const steps = this.querySelector<HTMLElement>('.scrolly__steps');
    if (!figure || !track || !steps) return;
    const h = `${Math.max(0, Math.ceil(figure.getBoundingClientRect().bottom - track.getBoundingClientRect().bottom))}px`;
    // Written only when it changed, and in the next frame: written here, in the observer's call,
    // it made the next section's observer (same frame) read a dirty layout and force it again
    // (18 ms a section at CPU x4, issue 12). Written on the steps, the one box that reads it: a
    // custom property is inherited, and set on the section it restyled every node of the
    // section, the graphic's SVG included (style 69 ms of a 110 ms frame at CPU x10, three
    // sections on a chapter, as the reader starts to scroll).
    if (steps.style.getPropertyValue('--meta-h') === h) return;
    cancelAnimationFrame(this.#metaFrame);
    this.#metaFrame = requestAnimationFrame(() => steps.style.setProperty('--meta-h', h));
  };

  #follow = () => {
    this.#handle?.destroy();
    this.#handle = undefined;
    if (this.dataset.mode === 'scroll') this.#handle = createScrolly(this.#steps, this.#emit, triggerOffset());
  };

  /** The mode a reader gets without asking: the plain article under reduced motion or on a short screen, else scrolling. */
  #baseMode = (): ReadingMode => (this.#calm?.matches || this.#short?.matches ? 'plain' : 'scroll');
  /**
   * Reduced motion turned on or off, or the phone turned: into or out of the plain article, the
   * reader kept at the step they were reading (the two layouts differ in height by screens).
   */
  #onBase = () => {
    if (this.dataset.mode !== 'scroll' && this.dataset.mode !== 'plain') return;
    const next = this.#baseMode();
    if (next === this.dataset.mode) return;
    // The step being read before the screen changed: the page is already laid out at the new size
    // when the query reports it, and what now sits mid-screen is a step or two further on. Leaving
    // the scroll layout, the engine's active step; leaving the plain article, the step last seen
    // crossing the screen's middle (#watchReading).
    const r = this.getBoundingClientRect();
    const near = r.top < innerHeight && r.bottom > 0;
    const reading = near ? this.#steps[this.#readingIndex()] : undefined;
    this.mode = next;
    if (reading) {
      const box = reading.getBoundingClientRect();
      // Plain: the step's text near the top. Scrolling: its card's top a quarter of the screen above the
      // trigger line, so the engine reads it as the active step and the card is on screen.
      scrollBy({ top: box.top - innerHeight * (next === 'plain' ? 0.1 : triggerOffset() - 0.25), behavior: 'instant' });
    }
  };
  /** In the plain article, the index of the last step seen crossing the middle of the screen (-1: none yet). */
  #plainReading = -1;
  #middle?: IntersectionObserver;
  /** Follows the plain article's reading place while the section is in it: an observer of a line across the screen's middle, no scroll listener. */
  #watchReading(on: boolean) {
    this.#middle?.disconnect();
    this.#middle = undefined;
    this.#plainReading = -1;
    if (!on || typeof IntersectionObserver !== 'function') return;
    this.#middle = new IntersectionObserver(
      (entries) => {
        for (const e of entries) if (e.isIntersecting) this.#plainReading = this.#steps.indexOf(e.target as HTMLElement);
      },
      { rootMargin: '-50% 0px -50% 0px' },
    );
    for (const s of this.#steps) this.#middle.observe(s);
  }
  /** The step being read: the scroll engine's or the stepper's, else the plain article's, else the first. */
  #readingIndex(): number {
    if (this.state.index >= 0 && this.dataset.mode !== 'plain') return this.state.index;
    return Math.max(0, this.#plainReading);
  }

  get mode(): ReadingMode {
    return (this.dataset.mode as ReadingMode) ?? 'scroll';
  }

  set mode(m: ReadingMode) {
    this.#stepper?.destroy();
    this.#stepper = undefined;
    // Written only when they change. The section starts in the mode the page was built with
    // ("scroll"), and Chromium invalidates style on an attribute write whatever the value: the
    // same value written again restyled the section's stage and steps (the layout hangs on
    // [data-mode] selectors), three sections on chapter 2, in the frame where the reader may
    // start to scroll (issue 12). The toggle's text likewise: the same words written again
    // replaced its text node, which was then laid out again.
    setAttr(this, 'data-mode', m);
    const toggle = this.querySelector<HTMLButtonElement>('.scrolly__toggle');
    if (toggle) {
      const t = stepperStringsOf(this);
      const label = m === 'stepper' ? t.close : t.open;
      setText(toggle, label);
    }
    if (m === 'scroll') {
      this.#follow();
    } else {
      this.#handle?.destroy();
      this.#handle = undefined;
    }
    // From the plain article the stepper opens at the step being read, not the first.
    const from = this.#readingIndex();
    this.#watchReading(m === 'plain');
    if (m === 'plain') this.#emit({ index: -1, progress: 0, direction: 'up' });
    if (m === 'stepper') {
      this.#stepper = createStepper(this, {
        count: this.#steps.length,
        start: from,
        hash: document.documentElement.dataset.embed !== 'true',
        place: (bar) => this.querySelector('.scrolly__steps')!.prepend(bar),
      });
    }
  }

  /** The "Step through" toggle: into the stepper at the current step, or back to reading every step at the step shown. */
  #onToggle = () => {
    if (this.mode !== 'stepper') {
      this.mode = 'stepper';
      // The stage at the top of the screen, the bar and the step under it.
      const track = this.querySelector('.figure__track') ?? this;
      track.scrollIntoView({ block: 'start' });
      // Focus first (without scrolling): the hold lets go when focus moves.
      this.#stepper?.focus();
      // And kept there while the page settles (a figure above re-laying itself out), until the reader scrolls.
      holdAtTop(track, { stepper: { within: this, settleMs: 1000 }, still: () => this.mode === 'stepper' });
      return;
    }
    const at = this.#steps[this.state.index];
    this.mode = this.#baseMode();
    // Keep the reader's place: the step shown is put where the scroll engine reads it as active.
    if (at) {
      const r = at.getBoundingClientRect();
      scrollBy({ top: r.top - innerHeight * 0.5, behavior: 'instant' });
    }
    this.querySelector<HTMLButtonElement>('.scrolly__toggle')?.focus({ preventScroll: true });
  };

  /**
   * A link in a step to a part of the section's own graphic (the shipping map's notes, "the map's
   * note"): in every mode but the plain article that graphic is on screen, beside or above the
   * step, showing that step, so the link moves focus there (a screen reader reads it) and leaves
   * the page where it is. Followed by the browser, the jump to an element in the sticky stage
   * scrolled the step away (375 px at 1280x800; at 390x844 onto the chart pane, the note hidden).
   * In the plain article the link is an ordinary one, to the note under the figure's map.
   */
  #onStageLink = (e: MouseEvent) => {
    if (this.dataset.mode === 'plain' || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
    if (!link?.closest('.scrolly__steps')) return;
    const target = document.getElementById(decodeURIComponent(link.getAttribute('href')!.slice(1)));
    if (!target || !this.querySelector('.scrolly__graphic')?.contains(target)) return;
    e.preventDefault();
    target.focus({ preventScroll: true });
  };

  connectedCallback() {
    const steps = [...this.querySelectorAll<HTMLElement>('.step')];
    // Wired in the same task as is-enhanced below, which is what shows the copy buttons (global.css).
    wireCopyLinks(this, stepperStringsOf(this));
    if (!steps.length) return;
    this.#steps = steps;
    this.classList.add('is-enhanced');
    const figure = this.querySelector('.scrolly__graphic figure');
    if (figure) {
      this.#ro = new ResizeObserver(this.#measureMeta);
      // The observer's first call measures (after the browser's own layout): measuring here,
      // in the script's task, forced a layout of the whole page (about 40 ms at CPU x4, issue 12).
      for (const el of figure.children) if (!el.classList.contains('figure__track')) this.#ro.observe(el);
    }
    // The reading line moves with the layout (phone: below the stage).
    this.#narrow = matchMedia(NARROW_MEDIA);
    this.#narrow.addEventListener('change', this.#follow);
    this.#calm = matchMedia('(prefers-reduced-motion: reduce)');
    this.#calm.addEventListener('change', this.#onBase);
    // In a frame (an embed in its host's page) the height is the host's (src/lib/embed/child.ts), not a
    // screen's; an embed page opened on its own is a page like any other.
    if (window.parent === window) {
      this.#short = matchMedia(SHORT_MEDIA);
      this.#short.addEventListener('change', this.#onBase);
    }
    this.querySelector('.scrolly__toggle')?.addEventListener('click', this.#onToggle);
    this.addEventListener('click', this.#onStageLink);
    this.mode = this.#baseMode();
  }

  /**
   * Stop following the scroll and show step `index` (the stepper drives the
   * section through this).
   */
  select(index: number) {
    this.#handle?.destroy();
    this.#handle = undefined;
    const i = Math.max(-1, Math.min(this.#steps.length - 1, index));
    this.#emit({ index: i, progress: 1, direction: i >= this.state.index ? 'down' : 'up' });
  }

  /** Re-measure after a layout change (fonts, embed resize). */
  resize() {
    this.#handle?.resize();
  }

  disconnectedCallback() {
    this.#handle?.destroy();
    this.#handle = undefined;
    this.#stepper?.destroy();
    this.#stepper = undefined;
    this.#ro?.disconnect();
    this.#watchReading(false);
    cancelAnimationFrame(this.#metaFrame);
    this.#narrow?.removeEventListener('change', this.#follow);
    this.#calm?.removeEventListener('change', this.#onBase);
    this.#short?.removeEventListener('change', this.#onBase);
    this.querySelector('.scrolly__toggle')?.removeEventListener('click', this.#onToggle);
    this.removeEventListener('click', this.#onStageLink);
  }
}

if (!customElements.get('scrolly-section')) customElements.define('scrolly-section', ScrollySection);
