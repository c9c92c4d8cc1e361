/**
 * The stepper's interface strings, rendered into a data attribute of each
 * scrolly section at build time so the browser code carries no copy.
 */
import { ui } from './ui';

export interface StepperStrings {
  label: string;
  previous: string;
  next: string;
  /** "Step {n} of {count}" */
  status: string;
}

export function stepperStrings(): StepperStrings {
  return { label: ui('stepper.label'), previous: ui('stepper.previous'), next: ui('stepper.next'), status: ui('stepper.status', { n: '{n}', count: '{count}' }) };
}
