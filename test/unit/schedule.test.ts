import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { afterNextFrame } from '../../src/lib/schedule';

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
