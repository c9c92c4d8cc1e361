/**
 * The scroll engine (src/lib/scrolly.ts): which step is active from the
 * steps' boxes alone, and that the scroll loop listens only while its section
 * is near the viewport. A small stand-in for the browser globals the engine
 * touches (IntersectionObserver, scroll listeners, animation frames).
 */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { activeStepFromRects, createScrolly, directionOf, type StepState } from '../../src/lib/scrolly';

/** Three 200 px steps with 400 px gaps, the first starting `y` px below the top of an 800 px viewport. */
const stepsAt = (y: number) => [0, 1, 2].map((i) => ({ top: y + i * 600, bottom: y + i * 600 + 200 }));

describe('activeStepFromRects', () => {
  it('is -1 while no step has reached the trigger line', () => {
    expect(activeStepFromRects(stepsAt(900), 800, 0.6)).toEqual({ index: -1, progress: 0 });
    expect(activeStepFromRects(stepsAt(481), 800, 0.6).index).toBe(-1);
    expect(activeStepFromRects([], 800, 0.6)).toEqual({ index: -1, progress: 0 });
  });
  it('activates a step when its top reaches the line, and reports progress through it', () => {
    // line at 480 px
    expect(activeStepFromRects(stepsAt(480), 800, 0.6)).toEqual({ index: 0, progress: 0 });
    expect(activeStepFromRects(stepsAt(380), 800, 0.6)).toEqual({ index: 0, progress: 0.5 });
    expect(activeStepFromRects(stepsAt(280), 800, 0.6)).toEqual({ index: 0, progress: 1 });
  });
  it('keeps the last passed step active in the gap after it (progress capped at 1)', () => {
    expect(activeStepFromRects(stepsAt(0), 800, 0.6)).toEqual({ index: 0, progress: 1 });
  });
  it('lands on the right step after a jump over several (no history needed)', () => {
    expect(activeStepFromRects(stepsAt(-1300), 800, 0.6)).toEqual({ index: 2, progress: 1 });
    expect(activeStepFromRects(stepsAt(-820), 800, 0.6)).toEqual({ index: 2, progress: 0.5 });
    // and back above the section in one jump
    expect(activeStepFromRects(stepsAt(5000), 800, 0.6).index).toBe(-1);
  });
  it('follows the offset: the phone reading line is lower on the screen', () => {
    // step 1's top at 600 px: past the phone line (0.85 × 800 = 680), not the wide one (480)
    const rects = stepsAt(0);
    expect(activeStepFromRects(rects, 800, 0.85).index).toBe(1);
    expect(activeStepFromRects(rects, 800, 0.6).index).toBe(0);
  });
  it('never divides by a zero-height step', () => {
    const r = activeStepFromRects([{ top: 100, bottom: 100 }], 800, 0.6);
    expect(r.index).toBe(0);
    expect(Number.isFinite(r.progress)).toBe(true);
  });
});

describe('directionOf', () => {
  it('down on a higher index, up on a lower, unchanged otherwise', () => {
    expect(directionOf(0, 2, 'up')).toBe('down');
    expect(directionOf(2, -1, 'down')).toBe('up');
    expect(directionOf(1, 1, 'up')).toBe('up');
  });
});

describe('createScrolly: one loop, awake only near the viewport', () => {
  let listeners: Map<string, Set<() => void>>;
  let frames: (() => void)[];
  let observer: { cb: (e: { isIntersecting: boolean }[]) => void; options: IntersectionObserverInit; observed: unknown[]; disconnected: boolean };
  let y = 0; // how far the page is scrolled

  const flush = () => {
    while (frames.length) frames.shift()!();
  };
  const scroll = (to: number) => {
    y = to;
    for (const l of listeners.get('scroll') ?? []) l();
    flush();
  };
  const step = (top: number) => ({ getBoundingClientRect: () => ({ top: top - y, bottom: top - y + 200 }) }) as unknown as HTMLElement;

  beforeEach(() => {
    listeners = new Map();
    frames = [];
    y = 0;
    vi.stubGlobal('window', { innerHeight: 800 });
    vi.stubGlobal('document', {});
    vi.stubGlobal('addEventListener', (t: string, l: () => void) => {
      if (!listeners.has(t)) listeners.set(t, new Set());
      listeners.get(t)!.add(l);
    });
    vi.stubGlobal('removeEventListener', (t: string, l: () => void) => listeners.get(t)?.delete(l));
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => (frames = []));
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: typeof observer.cb, options: IntersectionObserverInit) {
          observer = { cb, options, observed: [], disconnected: false };
        }
        observe(el: unknown) {
          observer.observed.push(el);
        }
        disconnect() {
          observer.disconnected = true;
        }
      },
    );
  });
  afterEach(() => {
    flush(); // the engines share one frame: none may be left waiting for the next test's
    vi.unstubAllGlobals();
  });

  it('measures once at start (reload, deep link) and listens to scroll only while the section is near', () => {
    const area = {} as Element;
    const seen: StepState[] = [];
    y = 1000; // opened with the page already scrolled into the section
    const h = createScrolly([step(1000), step(1600), step(2200)], (s) => seen.push(s), 0.6, area);
    expect(observer.observed).toEqual([area]);
    expect(observer.options.root).toEqual({});
    expect(observer.options.rootMargin).toBe('100% 0px 100% 0px');
    // asleep until the observer says the section is near: no scroll listener
    expect(listeners.get('scroll')?.size ?? 0).toBe(0);
    flush();
    expect(seen.map((s) => s.index)).toEqual([0]);

    observer.cb([{ isIntersecting: true }]);
    expect(h.awake).toBe(true);
    expect(listeners.get('scroll')!.size).toBe(1);
    scroll(2200); // a fast jump over a step
    expect(seen.at(-1)).toMatchObject({ index: 2, direction: 'down' });
    scroll(0); // and back to the top in one jump
    expect(seen.at(-1)).toMatchObject({ index: -1, direction: 'up' });

    observer.cb([{ isIntersecting: false }]);
    expect(h.awake).toBe(false);
    expect(listeners.get('scroll')!.size).toBe(0);
    expect(listeners.get('resize')!.size).toBe(0);
    flush(); // the one measurement on leaving
    const n = seen.length;
    scroll(1600); // far away sections do no work at all
    expect(seen.length).toBe(n);
  });

  it('measures once more when the section leaves, so a jump past it leaves the last state', () => {
    const seen: StepState[] = [];
    createScrolly([step(1000), step(1600)], (s) => seen.push(s), 0.6, {} as Element);
    observer.cb([{ isIntersecting: true }]);
    flush();
    // one frame jumps far below the section; the observer reports before the frame runs
    y = 9000;
    for (const l of listeners.get('scroll') ?? []) l();
    observer.cb([{ isIntersecting: false }]);
    flush();
    expect(seen.at(-1)!.index).toBe(1);
  });

  it('reads every awake section before telling any of them: one section\'s change never forces the next one\'s layout', () => {
    const log: string[] = [];
    const logged = (name: string, top: number) =>
      ({
        getBoundingClientRect: () => {
          log.push(`read ${name}`);
          return { top: top - y, bottom: top - y + 200 };
        },
      }) as unknown as HTMLElement;
    const observers: (typeof observer)[] = [];
    createScrolly([logged('A', 1000), logged('A', 1600)], (s) => log.push(`tell A ${s.index}`), 0.6, {} as Element);
    observers.push(observer);
    createScrolly([logged('B', 1800), logged('B', 2400)], (s) => log.push(`tell B ${s.index}`), 0.6, {} as Element);
    observers.push(observer);
    for (const o of observers) o.cb([{ isIntersecting: true }]);
    flush();
    log.length = 0;
    scroll(1500); // A's second step and B's first both cross the line in this frame
    expect(frames.length).toBe(0);
    expect(log).toEqual(['read A', 'read A', 'read B', 'read B', 'tell A 1', 'tell B 0']);
  });

  it('emits nothing when the state did not change, and stops on destroy', () => {
    const seen: StepState[] = [];
    const h = createScrolly([step(1000)], (s) => seen.push(s), 0.6, {} as Element);
    observer.cb([{ isIntersecting: true }]);
    flush();
    scroll(1);
    scroll(2);
    expect(seen.length).toBe(1);
    h.destroy();
    expect(observer.disconnected).toBe(true);
    expect(listeners.get('scroll')!.size).toBe(0);
  });
});
