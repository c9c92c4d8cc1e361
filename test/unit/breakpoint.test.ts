/**
 * One width for the scroll sections' phone layout: the scripts read it from NARROW_MEDIA
 * (src/lib/scrolly.ts), and every stylesheet that switches that layout writes the same width in
 * its media queries (max-width one pixel under it, min-width at it). A media query near it
 * (850-950 px) with another width is the layout's breakpoint written differently.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { NARROW_MEDIA, WIDE_FIGURE_MEDIA } from '../../src/lib/scrolly';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]));

/** Every media-query width from 850 to 950 px in `text` that is not the breakpoint's, as "max-width: 880px". */
function strayWidths(text: string, maxPx: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/@media[^{]*/g)) {
    for (const [, kind, px] of m[0].matchAll(/(max|min)-width:\s*(\d+(?:\.\d+)?)px/g)) {
      const v = Number(px);
      if (v < 850 || v > 950) continue;
      if ((kind === 'max' && v !== maxPx) || (kind === 'min' && v !== maxPx + 1)) out.push(`${kind}-width: ${px}px`);
    }
    // The range syntax, or em and rem near it (16 px each): the breakpoint is written one way, in px.
    for (const [q] of m[0].matchAll(/\(\s*width\s*[<>]=?[^)]*\)/g)) out.push(q.trim());
    for (const [q, n] of m[0].matchAll(/(?:max|min)-width:\s*([\d.]+)r?em/g)) if (Number(n) * 16 >= 850 && Number(n) * 16 <= 950) out.push(q);
  }
  return out;
}

describe('the phone layout breakpoint', () => {
  const maxPx = Number(/^\(max-width: (\d+)px\)$/.exec(NARROW_MEDIA)?.[1]);
  it('is one max-width query in px', () => {
    expect(maxPx).toBeGreaterThan(0);
  });
  it('is the same width in every stylesheet and component, and no script writes its own', () => {
    const src = files('src');
    const styled = src.filter((f) => /\.(css|astro)$/.test(f));
    expect(styled.length).toBeGreaterThan(5);
    let queries = 0;
    for (const f of styled) {
      const text = readFileSync(f, 'utf8');
      queries += [...text.matchAll(new RegExp(`(max-width:\\s*${maxPx}px|min-width:\\s*${maxPx + 1}px)`, 'g'))].length;
      expect(strayWidths(text, maxPx), f).toEqual([]);
    }
    // The stylesheets do switch the layout at it (global.css and the shipping map's, today).
    expect(queries).toBeGreaterThanOrEqual(4);
    // Scripts (TypeScript, the integrations' scripts written as strings, a component's <script>) ask matchMedia
    // with NARROW_MEDIA, never with a width of their own.
    for (const f of src.filter((f) => /\.(ts|mjs|astro)$/.test(f) && !f.endsWith(path.join('lib', 'scrolly.ts')))) {
      const text = readFileSync(f, 'utf8');
      const scripts = f.endsWith('.astro') ? [...text.matchAll(/<script[\s\S]*?<\/script>/g)].map((m) => m[0]).join('\n') : text;
      expect(scripts, `${f} writes the breakpoint's width instead of importing NARROW_MEDIA`).not.toMatch(new RegExp(`\\b(${maxPx}|${maxPx + 1})px`));
      expect(scripts, `${f} asks matchMedia for a width of its own`).not.toMatch(/matchMedia\(\s*['"`][^'"`]*width[^'"`]*\d+px/);
    }
  });
  it("the figures' wide query is written once in the stylesheets, as WIDE_FIGURE_MEDIA says", () => {
    const px = Number(/^\(min-width: (\d+)px\)$/.exec(WIDE_FIGURE_MEDIA)?.[1]);
    expect(px).toBeGreaterThan(0);
    const css = readFileSync('src/styles/global.css', 'utf8');
    expect([...css.matchAll(new RegExp(`@media \\(min-width: ${px}px\\)`, 'g'))].length).toBe(1);
    // Its complement, where the kept box stays and is reserved for the drawing (src/lib/viz/reserve.ts), once too.
    const reserve = readFileSync('src/styles/reserve.css', 'utf8');
    expect([...reserve.matchAll(/@media[^{]*/g)].map((m) => m[0].trim())).toEqual([`@media screen and (max-width: ${px - 1}px)`]);
  });
  it('the check finds a breakpoint written differently', () => {
    expect(strayWidths('@media screen and (max-width: 880px) { a { b: c } } @media (min-width: 900px) {}', 899)).toEqual(['max-width: 880px']);
    expect(strayWidths('@media (min-width: 899px) {}', 899)).toEqual(['min-width: 899px']);
    expect(strayWidths('@media (width < 900px) {} @media (max-width: 56.25em) {}', 899)).toEqual(['(width < 900px)', 'max-width: 56.25em']);
  });
});
