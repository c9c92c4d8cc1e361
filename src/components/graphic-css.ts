/**
 * Each graphic's stylesheet, on the pages that show it and no others.
 *
 * A graphic's rules live in its folder (src/viz/<name>/*.css). Until 7 Dec 2026 each shell
 * imported its CSS; as Figure.astro finds its shell among all of them (`import.meta.glob`), and
 * the cover and Sources pages render MDX with the same components, Astro put every graphic's
 * rules on every page with a figure or MDX: 9.5-21.8 kB of CSS per page (1.2-3.3 kB brotli) for
 * graphics not on it, which the browser also matched on every style change. Now the layout names
 * the graphics the page shows (a chapter: the figures in its MDX, `graphicsIn` in
 * src/lib/i18n/content.ts; an embed figure page: its figure) and BaseLayout inlines their
 * rules in one `<style data-graphics="names">`. test/build/graphic-css.test.ts checks every built
 * page's figures against those names. (Figure.astro cannot check it at build time: Astro renders
 * a page's parts in parallel, and a figure may render before its layout's frontmatter has run.)
 */

/** The processed (minified) CSS of every file in every graphic's folder. */
const sheets = import.meta.glob<string>('../viz/*/*.css', { eager: true, query: '?inline', import: 'default' });

/** Graphics that draw another's marks: the 3D scene's poster is the climb profile's drawing. */
const ALSO: Readonly<Record<string, readonly string[]>> = { 'climb-3d': ['climb-profile'] };

/** The graphic names (folders under src/viz/) whose rules `names` need, each once: a graphic after those it draws on, as its shell imported them. */
export function withDependencies(names: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const n of names) {
    for (const d of ALSO[n] ?? []) out.add(d);
    out.add(n);
  }
  return [...out];
}

/**
 * The style for these graphics (and what they draw of others'): the names it carries, in order, and
 * their CSS, '' for none. An unknown name fails the build.
 */
export function graphicStyle(graphics: Iterable<string>): { names: string[]; css: string } {
  const names = withDependencies(graphics);
  const css = names
    .map((n) => {
      const files = Object.keys(sheets).filter((p) => p.split('/')[2] === n).sort();
      if (files.length === 0) throw new Error(`[graphic-css] no stylesheet for graphic "${n}": add src/viz/${n}/${n}.css`);
      return files.map((f) => sheets[f]!.trim()).join('');
    })
    .join('');
  return { names, css };
}
