import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { afterNextFrame, pacedUpdates } from '../../src/lib/schedule';

describe('afterNextFrame: work split across frames never waits for a frame that does not come', () => {
  let frames: (() => void)[];
  let visibility: 'visible' | 'hidden';
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    visibility = 'visible';
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
    vi.stubGlobal('document', {
      get visibilityState() {
        return visibility;
      },
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const settled = (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    return () => done;
  };

  it('goes on in a task after the next frame, not before it', async () => {
    const done = settled(afterNextFrame());
    await vi.advanceTimersByTimeAsync(10);
    expect(done()).toBe(false); // no frame yet
    frames.shift()!();
    expect(done()).toBe(false); // not inside the frame's callback: the frame must render first
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
  });

  it('goes on after `wait` ms when no frame is rendered (a throttled iframe), and only once', async () => {
    const done = settled(afterNextFrame(100));
    await vi.advanceTimersByTimeAsync(99);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
    frames.shift()!(); // a late frame changes nothing
    await vi.advanceTimersByTimeAsync(0);
  });

  it('does not wait in a hidden document, which renders no frames', async () => {
    visibility = 'hidden';
    const done = settled(afterNextFrame());
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
  });
});

describe('pacedUpdates: progress inside a step every other frame, the last state always lands', () => {
  afterEach(() => vi.unstubAllGlobals());
  /**
   * A fake display, as the page's requestAnimationFrame and cancelAnimationFrame: callbacks asked
   * for during frame n run at the start of frame n + 1, in order.
   */
  const display = () => {
    let queue = new Map<number, () => void>();
    let id = 0;
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => (queue.set(++id, cb), id));
    vi.stubGlobal('cancelAnimationFrame', (i: number) => void queue.delete(i));
    return {
      /** Start the next frame: run the callbacks asked for before it. */
      frame() {
        const due = queue;
        queue = new Map();
        due.forEach((cb) => cb());
      },
    };
  };
  /** Frames of continuous scrolling: each frame pushes a new progress, as the scroll engine does. */
  const scroll = (n: number, pushAt: (f: number) => void, d: ReturnType<typeof display>) => {
    for (let f = 0; f < n; f++) {
      d.frame();
      pushAt(f);
    }
  };

  it('applies in every other frame while the reader scrolls, each time the newest state', () => {
    const d = display();
    const applied: string[] = [];
    const p = pacedUpdates<number>((s) => applied.push(String(s)));
    scroll(8, (f) => p.push(f / 10), d);
    // Frames 0, 2, 4, 6 apply their own state; 1, 3, 5, 7 rest (their state is superseded).
    expect(applied).toEqual(['0', '0.2', '0.4', '0.6']);
  });

  it('applies the state kept in a resting frame at the start of the next frame when the scroll stops there', () => {
    const d = display();
    const applied: number[] = [];
    const p = pacedUpdates<number>((s) => applied.push(s));
    d.frame();
    p.push(0.1); // applied
    d.frame();
    p.push(0.2); // resting: kept
    d.frame(); // nothing new in this frame
    expect(applied).toEqual([0.1]);
    d.frame();
    expect(applied).toEqual([0.1, 0.2]); // the last state landed, two frames late at most
    d.frame();
    d.frame();
    expect(applied).toEqual([0.1, 0.2]); // and only once
  });

  it('never applies twice in one frame when the states skip a frame (slow scrolling, the end of a fling)', () => {
    const d = display();
    const perFrame: number[] = [];
    let last = -1;
    const p = pacedUpdates<number>((s) => ((last = s), perFrame[perFrame.length - 1]!++));
    // Push, push, nothing, push, ... over twelve frames.
    for (let f = 0; f < 12; f++) {
      perFrame.push(0);
      d.frame(); // the frame's callbacks: a kept state applied here counts in this frame
      if (f % 3 !== 2) p.push(f);
    }
    perFrame.push(0);
    d.frame();
    perFrame.push(0);
    d.frame();
    expect(last).toBe(10); // the last state pushed landed
    expect(perFrame.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(4); // and it kept drawing meanwhile
    expect(Math.max(...perFrame)).toBe(1);
  });

  it('applies an urgent state (a step change) at once, even in a resting frame, and drops what was kept', () => {
    const d = display();
    const applied: string[] = [];
    const p = pacedUpdates<string>((s) => applied.push(s));
    d.frame();
    p.push('step 0, 0.9');
    d.frame();
    p.push('step 0, 1'); // resting: kept
    p.push('step 1, 0', true);
    expect(applied).toEqual(['step 0, 0.9', 'step 1, 0']);
    for (let i = 0; i < 4; i++) d.frame();
    expect(applied).toEqual(['step 0, 0.9', 'step 1, 0']); // the superseded state never comes back
  });

  it('applies nothing after stop()', () => {
    const d = display();
    const applied: number[] = [];
    const p = pacedUpdates<number>((s) => applied.push(s));
    d.frame();
    p.push(1);
    d.frame();
    p.push(2);
    p.stop();
    for (let i = 0; i < 4; i++) d.frame();
    expect(applied).toEqual([1]);
  });
});
