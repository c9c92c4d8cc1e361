/**
 * What a scrolly section announces, shared by everything that listens to it:
 * graphics (<chancay-figure>), the comparison table and the embed bridge
 * (lib/embed/child.ts). The element itself is src/components/scrolly-section.ts.
 */
import type { StepState } from './scrolly';

/** Detail of the bubbling `scrolly:change` event a section dispatches on each new state. */
export interface ScrollyChangeDetail extends StepState {
  /** The section's id. */
  id: string;
  /** Number of steps in the section. */
  count: number;
}

/** What listeners may use of a <scrolly-section> element. */
export interface ScrollySectionElement extends HTMLElement {
  /** Latest state, for listeners that start after the first event. */
  state: StepState;
  /** How the section is read: scroll, stepper (site), plain (reduced motion), static (an embed without a host). */
  mode: 'scroll' | 'stepper' | 'plain' | 'static';
  /** Stop following the scroll and show step `index`. */
  select(index: number): void;
  /** Re-measure after a layout change. */
  resize(): void;
}
