/**
 * The stepper: one component for every place a scrollytelling section is read
 * step by step instead of by scrolling (issue 12):
 *  - on the site, when the reader presses a section's "Step through" toggle
 *    (src/components/scrolly-section.ts);
 *  - in an embed with no host script (a bare iframe, a Pym.js or AMP parent)
 *    and for a scroll-driven graphic embedded alone (src/lib/embed/child.ts).
 *
 * The graphic stays put; Previous/Next buttons, ←/→ and Home/End walk the
 * steps; each change is announced politely (aria-live: "Step N of M." and
 * what the picture now shows, the step's `shows` text); keyboard focus never
 * falls on a disabled button; on the site the URL's #step-N follows.
 * Strings come from the section's data-stepper attribute (content/ui/*.json,
 * through src/lib/stepper-strings.ts): this file carries no copy.
 */
import type { StepperStrings } from './stepper-strings';
import type { ScrollyChangeDetail } from './scroll-state';

/** What the stepper drives: a <scrolly-section> (select) or any element that announces scrolly:change itself. */
export type StepperSection = HTMLElement & { select?: (index: number) => void; state?: { index: number } };

export interface StepperOptions {
  /** Number of states to walk. */
  count: number;
  /** First state shown (0-based). */
  start: number;
  /** Put the bar into the page (default: after the section's graphic). */
  place?: (bar: HTMLElement) => void;
  /** Write #step-N (the step's data-step) into the URL on each change (the site; not embeds). */
  hash?: boolean;
  /** Called on each change, after the section shows the state. */
  onChange?: (index: number) => void;
}

export interface StepperHandle {
  readonly bar: HTMLElement;
  readonly index: number;
  /** Show state `i` (clamped). */
  go(i: number): void;
  /** Focus the bar's usable button (Next, or Previous at the last step). */
  focus(): void;
  /** Remove the bar and the key handler. */
  destroy(): void;
}

/** The section's stepper strings (rendered by Scrolly.astro / the embed page); a missing attribute is a bug, said loudly. */
export function stepperStringsOf(section: HTMLElement): StepperStrings {
  const raw = section.dataset.stepper;
  if (!raw) throw new Error('[stepper] the section has no data-stepper strings (rendered by Scrolly.astro)');
  return JSON.parse(raw) as StepperStrings;
}

/** "Step {n} of {count}" filled in. */
export function statusText(t: Pick<StepperStrings, 'status'>, i: number, count: number): string {
  return t.status.replace('{n}', String(i + 1)).replace('{count}', String(count));
}

/**
 * The key a stepper answers, as the index it goes to (null: not ours).
 * Pure: modifier keys (Alt+← is the browser's Back) and keys typed into a
 * form field are left alone.
 */
export function indexForKey(
  e: { key: string; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean; editable?: boolean },
  i: number,
  count: number,
): number | null {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.editable || count < 1) return null;
  switch (e.key) {
    case 'ArrowLeft':
      return Math.max(0, i - 1);
    case 'ArrowRight':
      return Math.min(count - 1, i + 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Shows state `i` of a section without scrolling: the real engine if present, else a plain event. */
function drive(section: StepperSection, i: number, count: number) {
  if (typeof section.select === 'function') return section.select(i);
  const prev = section.state?.index ?? -1;
  const state = { index: i, progress: 1, direction: i >= prev ? 'down' : 'up' } as const;
  section.state = state;
  section.dataset.activeStep = String(i);
  const detail: ScrollyChangeDetail = { ...state, id: section.id, count };
  section.dispatchEvent(new CustomEvent('scrolly:change', { bubbles: true, detail }));
}

let uid = 0;

export function createStepper(section: StepperSection, opts: StepperOptions): StepperHandle | null {
  const { count } = opts;
  if (count < 1) return null;
  const t = stepperStringsOf(section);
  const steps = [...section.querySelectorAll<HTMLElement>('.step')];
  const bar = document.createElement('div');
  bar.className = 'stepper';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', t.label);
  const keysId = `stepper-keys-${++uid}`;
  bar.setAttribute('aria-describedby', keysId);
  const button = (label: string, cls: string) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = label;
    return b;
  };
  const prev = button(t.previous, 'stepper__prev');
  const status = document.createElement('p');
  status.className = 'stepper__status';
  const next = button(t.next, 'stepper__next');
  // Announced politely on each change: the step and what its picture shows.
  const said = document.createElement('p');
  said.className = 'stepper__said visually-hidden';
  said.setAttribute('aria-live', 'polite');
  const keys = document.createElement('p');
  keys.className = 'visually-hidden';
  keys.id = keysId;
  keys.textContent = t.keys;
  bar.append(prev, status, next, said, keys);

  let i = Math.max(0, Math.min(count - 1, opts.start));
  const show = () => {
    drive(section, i, count);
    const shows = steps[i]?.querySelector('.step__shows')?.textContent?.trim().replace(/\s+/g, ' ');
    const where = statusText(t, i, count);
    status.textContent = where;
    said.textContent = shows ? `${where}. ${shows}` : where;
    // Focus never stays on a button that just became disabled.
    const hadFocus = document.activeElement;
    prev.disabled = i <= 0;
    next.disabled = i >= count - 1;
    if (hadFocus === prev && prev.disabled) next.focus();
    if (hadFocus === next && next.disabled) prev.focus();
    const n = steps[i]?.dataset.step;
    if (opts.hash && n) history.replaceState(history.state, '', `#step-${n}`);
    opts.onChange?.(i);
  };
  const go = (to: number) => {
    const j = Math.max(0, Math.min(count - 1, to));
    if (j === i && status.textContent) return;
    i = j;
    show();
  };
  prev.addEventListener('click', () => go(i - 1));
  next.addEventListener('click', () => go(i + 1));
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null;
    const editable = !!target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
    const to = indexForKey({ key: e.key, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, editable }, i, count);
    if (to === null) return;
    e.preventDefault();
    go(to);
  };
  section.addEventListener('keydown', onKey);

  if (opts.place) opts.place(bar);
  else {
    const graphic = section.querySelector('.scrolly__graphic, .embed-solo__graphic');
    if (graphic) graphic.after(bar);
    else section.appendChild(bar);
  }
  show();

  return {
    bar,
    get index() {
      return i;
    },
    go,
    focus() {
      (next.disabled ? prev : next).focus({ preventScroll: true });
    },
    destroy() {
      section.removeEventListener('keydown', onKey);
      bar.remove();
    },
  };
}
