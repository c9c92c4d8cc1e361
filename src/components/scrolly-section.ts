/**
 * <scrolly-section>: connects a section's steps to the scroll engine and
 * announces each state as a `scrolly:change` event (bubbling). Graphics inside
 * listen for it; the embed bridge forwards it to a host page.
 */
import { createScrolly, triggerOffset, type ScrollyHandle, type StepState } from '../lib/scrolly';
import type { ScrollyChangeDetail } from '../lib/scroll-state';
export type { ScrollyChangeDetail };

export class ScrollySection extends HTMLElement {
  /** Latest state, for graphics that mount after the first event. */
  state: StepState = { index: -1, progress: 0, direction: 'down' };
  #handle?: ScrollyHandle;
  #steps: HTMLElement[] = [];
  #ro?: ResizeObserver;
  #narrow?: MediaQueryList;

  #emit = (s: StepState) => {
    this.state = s;
    this.#steps.forEach((el, i) => el.classList.toggle('is-active', i === s.index));
    this.dataset.activeStep = String(s.index);
    const detail: ScrollyChangeDetail = { ...s, id: this.id, count: this.#steps.length };
    this.dispatchEvent(new CustomEvent('scrolly:change', { bubbles: true, detail }));
  };

  /** The figure's tables, note and source follow its stage: the steps keep that much room at their end. */
  #measureMeta = () => {
    const figure = this.querySelector('.scrolly__graphic figure');
    const track = figure?.querySelector('.figure__track');
    if (!figure || !track) return;
    const h = Math.max(0, Math.ceil(figure.getBoundingClientRect().bottom - track.getBoundingClientRect().bottom));
    this.style.setProperty('--meta-h', `${h}px`);
  };

  #follow = () => {
    this.#handle?.destroy();
    this.#handle = createScrolly(this.#steps, this.#emit, triggerOffset());
  };

  connectedCallback() {
    const steps = [...this.querySelectorAll<HTMLElement>('.step')];
    if (!steps.length) return;
    this.#steps = steps;
    this.classList.add('is-enhanced');
    const figure = this.querySelector('.scrolly__graphic figure');
    if (figure) {
      this.#ro = new ResizeObserver(this.#measureMeta);
      for (const el of figure.children) if (!el.classList.contains('figure__track')) this.#ro.observe(el);
      this.#measureMeta();
    }
    // The reading line moves with the layout (phone: below the stage).
    this.#narrow = matchMedia('(max-width: 899px)');
    this.#narrow.addEventListener('change', this.#follow);
    this.#follow();
  }

  /**
   * Stop following the scroll and show step `index` (an embed with no host
   * script turns the steps into Previous/Next buttons).
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
    this.#ro?.disconnect();
    this.#narrow?.removeEventListener('change', this.#follow);
  }
}

if (!customElements.get('scrolly-section')) customElements.define('scrolly-section', ScrollySection);
