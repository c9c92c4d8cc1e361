/**
 * <scrolly-section>: connects a section's steps to the scroll engine and
 * announces each state as a `scrolly:change` event (bubbling). Graphics inside
 * listen for it; the embed bridge forwards it to a host page.
 */
import { createScrolly, type ScrollyHandle, type StepState } from '../lib/scrolly';
import type { ScrollyChangeDetail } from '../lib/scroll-state';
export type { ScrollyChangeDetail };

export class ScrollySection extends HTMLElement {
  /** Latest state, for graphics that mount after the first event. */
  state: StepState = { index: -1, progress: 0, direction: 'down' };
  #handle?: ScrollyHandle;
  #steps: HTMLElement[] = [];

  #emit = (s: StepState) => {
    this.state = s;
    this.#steps.forEach((el, i) => el.classList.toggle('is-active', i === s.index));
    this.dataset.activeStep = String(s.index);
    const detail: ScrollyChangeDetail = { ...s, id: this.id, count: this.#steps.length };
    this.dispatchEvent(new CustomEvent('scrolly:change', { bubbles: true, detail }));
  };

  connectedCallback() {
    const steps = [...this.querySelectorAll<HTMLElement>('.step')];
    if (!steps.length) return;
    this.#steps = steps;
    this.classList.add('is-enhanced');
    this.#handle = createScrolly(steps, this.#emit);
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
  }
}

if (!customElements.get('scrolly-section')) customElements.define('scrolly-section', ScrollySection);
