/**
 * A drawing made in parts (issue 12). A graphic's picture is a layout (geometry, label
 * placement) and then its markup; on a phone's CPU, the first time a page runs them, the two
 * together took 40-63 ms of script, too long for one frame. A graphic may give its drawing as a
 * generator that yields between the parts: `prepare` (src/lib/viz/mount.ts) lets a frame go by
 * at each yield, while `update`, which must show the picture at once, runs every part in one go.
 */
import type { Still } from './types';

/** A picture, or a generator of it that yields between its parts. */
export type Drawing<S extends Still = Still> = S | Generator<void, S, void>;

export function isParts<S extends Still>(d: Drawing<S>): d is Generator<void, S, void> {
  return typeof (d as Generator<void, S, void>).next === 'function';
}

/** What a generator of parts makes, every remaining part at once (a layout made in parts, say). */
export function finish<T>(g: Generator<void, T, void>): T {
  let r = g.next();
  while (!r.done) r = g.next();
  return r.value;
}

/** The finished picture: every remaining part at once. */
export function whole<S extends Still>(d: Drawing<S>): S {
  return isParts(d) ? finish(d) : d;
}
