/**
 * src/lib/idle-layout.ts: a long page's deferred blocks are laid out ahead of the reader, one per
 * idle period, only when the period has room for one (the first needs a whole period), in order,
 * each by a forced layout in the callback itself; without requestIdleCallback nothing happens.
 */
import { describe, it, expect } from 'vitest';
import { layOutWhenIdle } from '../../src/lib/idle-layout';

/** A stand-in block: its style, and each layout read (offsetHeight) costs `cost` ms of the page's clock. */
function blocks(n: number, cost: number, clock: { now: number }, log: string[]) {
  return Array.from({ length: n }, (_, i) => {
    const style = { contentVisibility: 'auto' };
    return {
      style,
      get offsetHeight() {
        log.push(`layout ${i} (${style.contentVisibility})`);
        clock.now += cost;
        return 100;
      },
    } as unknown as HTMLElement;
  });
}

/** requestIdleCallback's stand-in: callbacks queue, and `period(ms)` runs the next with that much time left. */
function idler() {
  const queue: ((d: IdleDeadline) => void)[] = [];
  return {
    idle: (cb: (d: IdleDeadline) => void) => queue.push(cb),
    period(ms: number) {
      const cb = queue.shift();
      cb?.({ timeRemaining: () => ms, didTimeout: false } as IdleDeadline);
      return cb !== undefined;
    },
    get waiting() {
      return queue.length;
    },
  };
}

describe('layOutWhenIdle', () => {
  it('lays out the first block only in a whole idle period, then the next when there is half as long again as the last took', () => {
    const clock = { now: 0 };
    const realNow = performance.now;
    performance.now = () => clock.now;
    try {
      const log: string[] = [];
      const bs = blocks(3, 8, clock, log);
      const i = idler();
      layOutWhenIdle(bs, i.idle);
      i.period(16); // a frame's leftover while the reader scrolls: not the first block
      expect(log).toEqual([]);
      i.period(49);
      expect(log).toEqual(['layout 0 (visible)']);
      i.period(11); // 8 ms took the last: 12 needed
      expect(log).toHaveLength(1);
      i.period(12);
      i.period(30);
      expect(log).toEqual(['layout 0 (visible)', 'layout 1 (visible)', 'layout 2 (visible)']);
      expect(bs.every((b) => b.style.contentVisibility === 'visible')).toBe(true);
      expect(i.waiting).toBe(0); // done: no more callbacks
    } finally {
      performance.now = realNow;
    }
  });

  it('where a block takes longer than a period, each waits for a whole period', () => {
    const clock = { now: 0 };
    const realNow = performance.now;
    performance.now = () => clock.now;
    try {
      const log: string[] = [];
      const i = idler();
      layOutWhenIdle(blocks(2, 60, clock, log), i.idle);
      i.period(50);
      i.period(44);
      expect(log).toHaveLength(1);
      i.period(45);
      expect(log).toHaveLength(2);
    } finally {
      performance.now = realNow;
    }
  });

  it('without requestIdleCallback, or with no block, does nothing', () => {
    const log: string[] = [];
    const bs = blocks(2, 1, { now: 0 }, log);
    layOutWhenIdle(bs, undefined);
    const i = idler();
    layOutWhenIdle([], i.idle);
    expect(i.waiting).toBe(0);
    expect(log).toEqual([]);
    expect(bs.every((b) => b.style.contentVisibility === 'auto')).toBe(true);
  });
});
