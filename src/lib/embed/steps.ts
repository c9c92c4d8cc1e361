/** Build-time helpers, reading a chapter's MDX: which figures it shows, which it drives by scrolling, and with how many steps. */

/** The figure ids a chapter's MDX shows, in order: `<Scrolly figure="…">` and `<Figure id="…">`. */
export function figureIdsIn(mdx: string): string[] {
  return [...mdx.matchAll(/<(?:Scrolly\s+figure|Figure\s+id)=["']([^"']+)["']/g)].map((m) => m[1]!);
}

/**
 * Number of <Step> elements in the chapter's `<Scrolly figure="id">` section,
 * or 0 when the figure is not scroll-driven in this chapter's MDX.
 */
export function scrollyStepCount(mdx: string, figure: string): number {
  const re = /<Scrolly\s+figure=(["'])([^"']+)\1\s*>([\s\S]*?)<\/Scrolly>/g;
  for (const m of mdx.matchAll(re)) {
    if (m[2] === figure) return (m[3]!.match(/<Step[\s>]/g) ?? []).length;
  }
  return 0;
}
