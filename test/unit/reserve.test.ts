/**
 * The height a figure's first live drawing will take on a phone, reserved in CSS (src/lib/viz/reserve.ts):
 * the fitted curve follows the sampled heights, the custom properties give it back through the same sum
 * src/styles/reserve.css writes, and that rule sums as many terms as reserve() may write.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { RESERVE_MAX, RESERVE_MIN, RESERVE_TERMS, reserve, reserveAttrs, reservedHeight } from '../../src/lib/viz/reserve';

const widths = Array.from({ length: RESERVE_MAX - RESERVE_MIN + 1 }, (_, i) => RESERVE_MIN + i);
const maxError = (f: (w: number) => number, style: string) => Math.max(...widths.map((w) => Math.abs(reservedHeight(style, w) - f(w))));

describe("reserve: a figure's height at every phone column width", () => {
  it('gives a proportional picture (a map) exactly, with no knot', () => {
    const f = (w: number) => (w * 420) / 640;
    const r = reserve(f);
    expect(r.knots).toEqual([RESERVE_MIN, RESERVE_MAX]);
    expect(r.style.match(/--k\d+:/g)).toHaveLength(1); // one slope from the first width on
    expect(r.maxError).toBe(0);
    expect(maxError(f, r.style)).toBeLessThan(0.01);
  });

  it('follows a chart whose labels wrap to fewer lines as the column widens (steps down) within a pixel', () => {
    // Like the project timelines: 31 px less at each of eight widths where a label fits on one line less.
    const steps = [300, 330, 351, 379, 420, 489, 509, 600];
    const f = (w: number) => 1000 - 31 * steps.filter((s) => w >= s).length;
    const r = reserve(f);
    // One ramp a step: eight terms.
    expect(r.style.match(/--k\d+:/g)).toHaveLength(steps.length);
    expect(r.maxError).toBeLessThanOrEqual(1);
    expect(maxError(f, r.style)).toBeLessThanOrEqual(1.01);
    // Between the steps the box is the drawing's height, not a ramp from one step to the next.
    expect(reservedHeight(r.style, 340)).toBeCloseTo(f(340), 0);
    expect(reservedHeight(r.style, 550)).toBeCloseTo(f(550), 0);
  });

  it('says how far it is off when a curve needs more terms than the CSS sums', () => {
    // A step every 6 px: far more than RESERVE_TERMS can follow; the error is reported, not hidden.
    const f = (w: number) => 600 + 20 * Math.floor(w / 6);
    const r = reserve(f);
    expect(r.style.match(/--k\d+:/g)!.length).toBeLessThanOrEqual(RESERVE_TERMS);
    expect(r.maxError).toBeGreaterThan(1);
    expect(maxError(f, r.style)).toBeCloseTo(r.maxError, 1);
  });

  it("gives a shell the canvas's attributes: none off the embed pages, the curve of the still's displayed height on them", () => {
    expect(reserveAttrs(false, 'x|en', () => ({ width: 1, height: 1 }))).toEqual({});
    // A still laid out 10 px wider than asked (its own margin) is shown at the column's width: its height scales.
    const attrs = reserveAttrs(true, 'x|en', (w) => ({ width: w + 10, height: 300 }));
    expect(Object.keys(attrs).sort()).toEqual(['data-reserve', 'style']);
    for (const w of [280, 333, 680]) expect(reservedHeight(attrs['style']!, w)).toBeCloseTo((w * 300) / (w + 10), 0);
  });

  it('refuses a width with no height, naming it', () => {
    expect(() => reserve((w) => (w === 333 ? 0 : 100))).toThrow(/333 px/);
    expect(() => reserve(() => Number.NaN)).toThrow(/280 px/);
  });

  it('reserve.css sums RESERVE_TERMS ramps, on a phone, until the figure mounts, and only the embed pages carry it', () => {
    const css = readFileSync('src/styles/reserve.css', 'utf8');
    const rule = /\.figure__canvas\[data-reserve\]::before\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(rule).toContain('var(--rh) * 1px');
    const ramps = [...rule.matchAll(/var\(--r(\d+), 0\) \* clamp\(0px, 100% - var\(--k(\d+), 0\) \* 1px, var\(--w(\d+), 0\) \* 1px\)/g)];
    expect(ramps.map((m) => Number(m[1]))).toEqual(Array.from({ length: RESERVE_TERMS }, (_, i) => i + 1));
    expect(ramps.every((m) => m[1] === m[2] && m[2] === m[3])).toBe(true);
    // In the phone's media query and only before the mount, where the kept box is taken (chancay-figure.ts).
    const at = css.indexOf('[data-reserve]::before');
    const media = css.lastIndexOf('@media', at);
    expect(css.slice(media, css.indexOf('{', media))).toBe('@media screen and (max-width: 700px) ');
    expect(css.slice(css.lastIndexOf('}', at), at)).toContain('.js chancay-figure:not(.figure--scrolly):not([data-mounted])');
    expect(readFileSync('src/layouts/EmbedLayout.astro', 'utf8')).toContain("import '../styles/reserve.css';");
    expect(readFileSync('src/styles/global.css', 'utf8')).not.toContain('data-reserve');
  });
});
