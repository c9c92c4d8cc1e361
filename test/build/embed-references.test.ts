/**
 * An embed page stands alone on another newsroom's page: words that point at something
 * "below" or "above" it, or at the comments, must point at something that page holds.
 * What is checked, because it can be made precise: an invitation to comment on a page with
 * no comment section, and a reference by position to another graphic named or described
 * ("see “…” below", "as in the chart above", "véase más abajo «…»", "como en el gráfico
 * anterior"). What is not: "the panel below", "the two coastal lines above", "the graphic
 * below" in a chapter embed point inside the same graphic or chapter, and telling those
 * apart from a reference off the page needs a reader, not a pattern.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DIST, html } from './dist';
import { parseHtml, all, textOf, byClass } from './story-checks';

const THING = '(?:chart|graphic|map|table|figure|gráfico|mapa|cuadro|tabla|figura)';
const RULES: { what: string; re: RegExp }[] = [
  { what: 'invitation to comment', re: /\bcomments? below\b|\ben los comentarios(?! de este capítulo)\b/i },
  { what: 'a named graphic by position', re: /\b(?:see|véase)\b[^.;]{0,120}?(?:\bbelow\b|\babove\b|más abajo|más arriba)|[”»]\s*(?:below|above|más abajo|más arriba)\b/i },
  { what: 'another graphic by position', re: new RegExp(`\\b(?:as in|como en) (?:the|el|la) ${THING} (?:above|below|anterior|de arriba|de abajo)\\b`, 'i') },
];

/** Each rule's matches in `text`, as "what: words around". `hasComments`: the page has its comment section. */
export function danglingReferences(text: string, hasComments: boolean): string[] {
  const out: string[] = [];
  for (const { what, re } of RULES) {
    if (what === 'invitation to comment' && hasComments) continue;
    const m = re.exec(text);
    if (m) out.push(`${what}: …${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20)}…`);
  }
  return out;
}

function embedPages(): string[] {
  const out: string[] = [];
  for (const root of ['embed', 'es/embed']) {
    const walk = (rel: string) => {
      const dir = path.join(DIST, rel);
      if (!existsSync(dir)) return;
      for (const d of readdirSync(dir, { withFileTypes: true })) if (d.isDirectory()) walk(path.join(rel, d.name));
      if (existsSync(path.join(dir, 'index.html'))) out.push(rel);
    };
    walk(root);
  }
  return out;
}

describe('embed pages point only at what they hold', () => {
  it('catches the references the editor found (so the check can fail)', () => {
    expect(danglingReferences('Tell us what you think in the comments below, and whether', false)).toHaveLength(1);
    expect(danglingReferences('Cuéntenos qué piensa en los comentarios, y si', false)).toHaveLength(1);
    expect(danglingReferences('Cuéntenos qué piensa en los comentarios de este capítulo, y si', false)).toHaveLength(0);
    expect(danglingReferences('For real amounts and dates, see “Pledges, lending and two projects, each on its own scale” below.', true)).toHaveLength(1);
    expect(danglingReferences('Para montos y fechas reales, véase más abajo «Promesas, préstamos y dos proyectos».', true)).toHaveLength(1);
    expect(danglingReferences('the rail projects’ sources as in the chart above; coastline', true)).toHaveLength(1);
    expect(danglingReferences('las fuentes de los proyectos ferroviarios, como en el gráfico anterior; costa', true)).toHaveLength(1);
    // Inside the page: not references off it.
    expect(danglingReferences('Shaded: 0–US$150 bn, the scale of the panel below. The two coastal lines above.', false)).toEqual([]);
  });

  const pages = embedPages();
  it('finds the embed pages', () => expect(pages.length).toBeGreaterThan(10));
  for (const page of pages) {
    it(`/${page}/`, () => {
      const root = parseHtml(html(page));
      const main = all(root, (e) => e.name === 'main')[0] ?? root;
      expect(danglingReferences(textOf(main), byClass(root, 'comments').length > 0)).toEqual([]);
    });
  }
});
