/**
 * <comparison-table>: lights the row matching the active step of the scrolly
 * section it follows (data-follows = that section's id). Without JavaScript
 * it is a plain table.
 */
import type { ScrollyChangeDetail } from './scrolly-section';

export class ComparisonTable extends HTMLElement {
  #onChange = (e: Event) => {
    const d = (e as CustomEvent<ScrollyChangeDetail>).detail;
    if (!d || d.id !== this.dataset.follows) return;
    this.#light(d.index);
  };

  connectedCallback() {
    document.addEventListener('scrolly:change', this.#onChange);
    // The section may have announced its state before this element connected.
    const section = document.getElementById(this.dataset.follows ?? '') as (HTMLElement & { state?: { index: number } }) | null;
    if (section?.state && section.state.index >= 0) this.#light(section.state.index);
  }

  #light(index: number) {
    this.querySelectorAll<HTMLTableRowElement>('tbody tr').forEach((tr, i) => tr.classList.toggle('is-lit', i === index));
  }

  disconnectedCallback() {
    document.removeEventListener('scrolly:change', this.#onChange);
  }
}

if (!customElements.get('comparison-table')) customElements.define('comparison-table', ComparisonTable);
