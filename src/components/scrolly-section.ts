/**
 * <scrolly-section>: connects a section's steps to the scroll engine and
 * announces each state as a `scrolly:change` event (bubbling). Graphics inside
 * listen for it; the embed bridge forwards it to a host page.
 */
import { createScrolly, type ScrollyHandle, type StepState } from '../lib/scrolly';

export interface ScrollyChangeDetail extends StepState {
  /** The section's id. */
  id: string;
  /** Number of steps in the section. */
  count: number;
}

export class ScrollySection extends HTMLElement {
  /** Latest state, for graphics that mount after the first event. */
  state: StepState = { index: -1, progress: 0, direction: 'down' };
  #handle?: ScrollyHandle;

  connectedCallback() {
    const steps = [...this.querySelectorAll<HTMLElement>('.step')];
    if (!steps.length) return;
    this.classList.add('is-enhanced');
    this.#handle = createScrolly(steps, (s) => {
      this.state = s;
      steps.forEach((el, i) => el.classList.toggle('is-active', i === s.index));
      this.dataset.activeStep = String(s.index);
      const detail: ScrollyChangeDetail = { ...s, id: this.id, count: steps.length };
      this.dispatchEvent(new CustomEvent('scrolly:change', { bubbles: true, detail }));
    });
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
