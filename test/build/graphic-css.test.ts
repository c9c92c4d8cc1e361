/**
 * Each graphic's rules are on the pages that show it, and on no others (src/components/graphic-css.ts).
 * A page lacking a graphic's rules draws it unstyled (black fills, no dimming, the shipping map's
 * panes stacked); a page carrying every graphic's rules sent 9.5-21.8 kB of CSS it never used and
 * matched it on every style change. The built pages are read as text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listPages } from '../../scripts/pages.mjs';
import { withDependencies } from '../../src/components/graphic-css';
import { figureIdsIn } from '../../src/lib/embed/steps';
import { DIST, html } from './dist';

const pages = listPages(DIST) as string[];
const graphics = readdirSync('src/viz', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

/** Every class a file's selectors name. */
const classesIn = (css: string) => new Set([...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\.(-?[a-z_][\w-]*)/gi)].map((m) => m[1]!));
/** The classes the site's own stylesheets and components name: a graphic's rule using only these is not its mark. */
const shared = new Set<string>();
for (const dir of ['src/styles', 'src/components', 'src/layouts']) {
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) if (/\.(css|astro)$/.test(f)) for (const c of classesIn(readFileSync(`${dir}/${f}`, 'utf8'))) shared.add(c);
}
/** A graphic's own classes: named in its folder's CSS and nowhere in the site's shared styles or another graphic's CSS. */
const cssOf = (g: string) => readdirSync(`src/viz/${g}`).filter((f) => f.endsWith('.css')).map((f) => readFileSync(`src/viz/${g}/${f}`, 'utf8')).join('\n');
const own = new Map(
  graphics.map((g) => {
    const others = new Set(graphics.filter((o) => o !== g).flatMap((o) => [...classesIn(cssOf(o))]));
    return [g, [...classesIn(cssOf(g))].filter((c) => !shared.has(c) && !others.has(c))];
  }),
);

const styles = (doc: string) => [...doc.matchAll(/<style([^>]*)>([\s\S]*?)<\/style>/g)].map((m) => ({ attrs: m[1]!, css: m[2]! }));
const shown = (doc: string) => new Set([...doc.matchAll(/<chancay-figure\b[^>]*\bdata-viz="([^"]+)"/g)].map((m) => m[1]!));

describe('graphic CSS: each page carries the rules of the graphics it shows, and only those', () => {
  it('finds the pages and, for every graphic, classes of its own to look for', () => {
    expect(pages.length).toBeGreaterThanOrEqual(30);
    expect(graphics.length).toBeGreaterThanOrEqual(9);
    for (const g of graphics) expect(own.get(g)!.length, `src/viz/${g}: no class of its own in its CSS`).toBeGreaterThanOrEqual(3);
  });

  it('every chapter MDX names the figures its built page shows (figureIdsIn reads the MDX the layouts use)', () => {
    let n = 0;
    for (const [dir, prefix] of [['content/chapters', ''], ['content/chapters/es', '/es']] as const) {
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.mdx'))) {
        const mdx = readFileSync(`${dir}/${f}`, 'utf8');
        const slug = /^slug:\s*["']?([\w-]+)/m.exec(mdx)![1]!;
        const built = [...html(`${prefix}/${slug}/`).matchAll(/<chancay-figure\b[^>]*\bdata-figure="([^"]+)"/g)].map((m) => m[1]!);
        expect(figureIdsIn(mdx), `${dir}/${f}`).toEqual(built);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(10);
  });

  for (const page of pages) {
    it(page, () => {
      const doc = html(page);
      const on = shown(doc);
      const tagged = styles(doc).filter((s) => /\bdata-graphics\b/.test(s.attrs));
      if (on.size === 0) {
        expect(tagged, `${page} shows no graphic but has a graphics style`).toHaveLength(0);
      } else {
        expect(tagged, `${page}: one <style data-graphics>`).toHaveLength(1);
        const named = /data-graphics="([^"]*)"/.exec(tagged[0]!.attrs)![1]!.split(' ').sort();
        expect(named, `${page}: the graphics named in its style are those it shows (and what they draw on)`).toEqual(withDependencies(on).sort());
        for (const g of named) {
          const missing = own.get(g)!.filter((c) => !tagged[0]!.css.includes(`.${c}`));
          expect(missing, `${page}: graphic ${g}'s rules are not in its style`).toEqual([]);
        }
      }
      const allCss = styles(doc).map((s) => s.css).join('\n');
      const needed = new Set(withDependencies(on));
      for (const g of graphics.filter((x) => !needed.has(x))) {
        const found = own.get(g)!.filter((c) => new RegExp(`\\.${c.replace(/[-]/g, '\\-')}(?![\\w-])`).test(allCss));
        expect(found, `${page} carries rules of graphic ${g}, which it does not show`).toEqual([]);
      }
    });
  }
});
