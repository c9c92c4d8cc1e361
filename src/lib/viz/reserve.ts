/**
 * The height a figure's first live drawing will take, reserved in CSS before any script runs.
 *
 * Why: the build-time picture is drawn for a 360 px column, and on a phone it is scaled to the
 * column. <chancay-figure> keeps the box a figure has on screen when it mounts (CLS 0), and the live
 * drawing, laid out for the real width, then sat in that box squeezed or between blank bands: a
 * figure embedded alone, read in a newsroom's article on a phone, kept it for good (7 Dec 2026: the
 * project timelines drawn 82 px narrower than their 288 px column at 320 px, 48 px at 360 px; 96 px
 * blank at 412 px and 140 px at 430 px; only a 390 px phone was right).
 *
 * How: at build time each graphic's shell gives the displayed height of its first live drawing as a
 * function of the column's width. It is sampled at every whole pixel from RESERVE_MIN to RESERVE_MAX
 * and fitted with a continuous piecewise-linear curve, knots added where it departs most (a label that
 * wraps to one line less makes a step, which becomes a one-pixel ramp), to within a pixel where
 * RESERVE_TERMS terms allow. The curve is written as custom properties on the canvas: `--rh`, the
 * height at RESERVE_MIN, and for each term a start `--kN`, a width `--wN` and a slope `--rN`.
 * src/styles/reserve.css sums them into a padding, `slope * clamp(0px, 100% - start, width)` each, where 100% is the canvas's
 * width (a padding's percentage is of its containing block's width). No container query, no script:
 * the box is right in the first paint. Only on the embed pages (Figure.astro passes `reserve`,
 * EmbedLayout.astro imports src/styles/reserve.css), where a frame keeps the box for good. */

/** The narrowest and widest column sampled, in CSS px (a 312 px phone's column to a 700 px window's). */
export const RESERVE_MIN = 280;
export const RESERVE_MAX = 680;
/** Terms src/styles/reserve.css sums (`--kN`, `--wN`, `--rN`); a figure may use fewer. */
export const RESERVE_TERMS = 24;
/** A segment of the fitted curve this narrow or narrower is a step (a label wrapping), written as one ramp. */
const STEP = 2;

export interface Reserve {
  /** Custom properties for the canvas's `style` attribute. */
  style: string;
  /** The largest difference, in px, between the fitted curve and the sampled heights. */
  maxError: number;
  /** The knots used (column widths, px), the ends included. */
  knots: number[];
}

const round = (v: number, d = 3) => Number(v.toFixed(d));

interface Term {
  /** Where the term starts, its width (px) and its slope: slope * clamp(0, x - at, width). */
  at: number;
  width: number;
  slope: number;
}

/**
 * The piecewise-linear curve through `h` at `knots` (sample indices) as terms: a segment of STEP px or
 * less is a step, one ramp over the regular curve beneath it; a change of the regular curve's slope is a
 * ramp as wide as the range (a hinge). A staircase of n steps is n terms.
 */
function termsOf(h: number[], knots: number[]): Term[] {
  const out: Term[] = [];
  let regular = 0;
  for (let j = 0; j < knots.length - 1; j++) {
    const [a, b] = [knots[j]!, knots[j + 1]!];
    const slope = (h[b]! - h[a]!) / (b - a);
    if (b - a <= STEP) {
      if (slope !== regular) out.push({ at: RESERVE_MIN + a, width: b - a, slope: slope - regular });
    } else if (slope !== regular) {
      out.push({ at: RESERVE_MIN + a, width: RESERVE_MAX - RESERVE_MIN, slope: slope - regular });
      regular = slope;
    }
  }
  return out;
}

/** The height the terms give at column width `x` (what src/styles/reserve.css computes). */
const sum = (h0: number, terms: Term[], x: number) => terms.reduce((v, t) => v + t.slope * Math.min(Math.max(0, x - t.at), t.width), h0);

/** Fit `heightAt` (the first drawing's displayed height at a column width) as described above. */
export function reserve(heightAt: (width: number) => number): Reserve {
  const n = RESERVE_MAX - RESERVE_MIN + 1;
  const h = Array.from({ length: n }, (_, i) => {
    const v = heightAt(RESERVE_MIN + i);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`[reserve] no height at ${RESERVE_MIN + i} px (got ${v})`);
    return v;
  });
  const worst = (terms: Term[]) => {
    let e = 0;
    let w = -1;
    for (let i = 0; i < n; i++) {
      const d = Math.abs(sum(h[0]!, terms, RESERVE_MIN + i) - h[i]!);
      if (d > e) [e, w] = [d, i];
    }
    return { e, w };
  };
  // Knots as sample indices, added where the curve departs most, while the terms fit in RESERVE_TERMS.
  let knots = [0, n - 1];
  let terms = termsOf(h, knots);
  for (;;) {
    const { e, w } = worst(terms);
    if (e <= 1) break;
    // A step (a wrap) between w-1 and w, or w and w+1: a knot on each side of it makes it a one-pixel ramp.
    const add = [w];
    const jumpBefore = w > 0 ? Math.abs(h[w]! - h[w - 1]!) : 0;
    const jumpAfter = w < n - 1 ? Math.abs(h[w + 1]! - h[w]!) : 0;
    if (Math.max(jumpBefore, jumpAfter) > 1) add.push(jumpBefore >= jumpAfter ? w - 1 : w + 1);
    const next = [...new Set([...knots, ...add])].sort((a, b) => a - b);
    const nextTerms = termsOf(h, next);
    if (next.length === knots.length || nextTerms.length > RESERVE_TERMS) break;
    [knots, terms] = [next, nextTerms];
  }
  const props = [`--rh:${round(h[0]!, 2)}`];
  terms.forEach((t, j) => props.push(`--k${j + 1}:${t.at}`, `--w${j + 1}:${t.width}`, `--r${j + 1}:${round(t.slope, 5)}`));
  return { style: props.join(';'), maxError: round(worst(terms).e, 2), knots: knots.map((k) => RESERVE_MIN + k) };
}

/** The height src/styles/reserve.css gives a canvas `width` px wide from `style` (reserve's): the same sum, for tests. */
export function reservedHeight(style: string, width: number): number {
  const v = new Map(style.split(';').map((p) => p.split(':') as [string, string]).map(([k, x]) => [k, Number(x)]));
  const terms: Term[] = [];
  for (let j = 1; j <= RESERVE_TERMS; j++) if (v.has(`--k${j}`)) terms.push({ at: v.get(`--k${j}`)!, width: v.get(`--w${j}`)!, slope: v.get(`--r${j}`)! });
  return sum(v.get('--rh')!, terms, width);
}

const made = new Map<string, Reserve>();
/**
 * `reserve(heightAt)` once per build for `key` (a graphic and its edition): the chapter page and the
 * embed pages draw the same figure. In the dev server every render fits again (the data may change).
 */
export function reserveOnce(key: string, heightAt: (width: number) => number): Reserve {
  if (!import.meta.env.PROD) return reserve(heightAt);
  let r = made.get(key);
  if (!r) made.set(key, (r = reserve(heightAt)));
  return r;
}

/**
 * The canvas's attributes that reserve a figure's first live drawing (`first(width)`, its Still at a
 * column width) on the embed pages: `data-reserve` and the custom properties; none when `on` is false
 * (Figure.astro's `reserve` prop). `key`: the graphic and its edition (reserveOnce).
 */
export function reserveAttrs(on: boolean, key: string, first: (width: number) => { width: number; height: number }): Record<string, string> {
  if (!on) return {};
  const r = reserveOnce(key, (w) => {
    const s = first(w);
    return (w * s.height) / s.width;
  });
  return { 'data-reserve': '', style: r.style };
}
