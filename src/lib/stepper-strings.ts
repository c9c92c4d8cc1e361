/**
 * The stepper's interface strings, rendered into a data attribute of each
 * scrolly section at build time so the browser code carries no copy.
 */
import { ui } from './ui';

export interface StepperStrings {
  /** The group's name: "Step through the graphic". */
  label: string;
  previous: string;
  next: string;
  /** "Step {n} of {count}" */
  status: string;
  /** How the keys work, read as the group's description. */
  keys: string;
  /** The site's toggle: turn a section into a stepper. */
  open: string;
  /** …and back to reading every step. */
  close: string;
  /** Copy link: done, and the fallback when the clipboard is refused. */
  copied: string;
  selectCopy: string;
}

export function stepperStrings(): StepperStrings {
  return {
    label: ui('stepper.label'),
    previous: ui('stepper.previous'),
    next: ui('stepper.next'),
    status: ui('stepper.status', { n: '{n}', count: '{count}' }),
    keys: ui('stepper.keys'),
    open: ui('stepper.open'),
    close: ui('stepper.close'),
    copied: ui('step.copied'),
    selectCopy: ui('step.select_copy'),
  };
}
