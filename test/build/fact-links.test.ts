/**
 * Every figure in the story links to its sources (issue 11), checked in the
 * built pages: each <V> number is a link to its row in the Sources page's
 * table (/sources/#fact-<id>), its accessible name says so, the row exists and
 * lists links to the documents, and the printed footnotes (FactNotes) list the
 * figures in the same order as the markers print-CSS numbers.
 */
import { describe, it, expect } from 'vitest';
import { html, chapterSlugs } from './dist';

const sourcesPage = html('sources');
const ids = new Set([...sourcesPage.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
const pages = ['', ...chapterSlugs()];
const decode = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The figure links on a page, in document order, outside the print-only notes. */
function figureLinks(doc: string) {
  const main = doc.split('<section class="fact-notes"')[0]!;
  return [...main.matchAll(/<a class="(fact[^"]*)" href="([^"]*)" aria-label="([^"]*)" data-fact="([^"]+)">([\s\S]*?)<\/a>/g)].map((m) => ({
    cls: m[1]!,
    href: m[2]!,
    label: decode(m[3]!),
    id: m[4]!,
    text: decode(m[5]!.replace(/<[^>]+>/g, '')),
  }));
}

describe('figures link to their sources', () => {
  it('every figure on the cover and in every chapter is a link to its row on the Sources page', () => {
    let total = 0;
    for (const slug of pages) {
      const doc = html(slug);
      const links = figureLinks(doc);
      // No figure escaped being a link (every data-fact sits on a link).
      expect(links.length, `/${slug}`).toBe([...doc.split('<section class="fact-notes"')[0]!.matchAll(/data-fact="/g)].length);
      for (const l of links) {
        expect(l.href, `/${slug} ${l.id}`).toBe(`/sources/#fact-${l.id}`);
        expect(ids.has(`fact-${l.id}`), `/${slug}: /sources/#fact-${l.id} has no row`).toBe(true);
        // The accessible name starts with what is seen (WCAG 2.5.3) and says where the link goes.
        expect(l.label.startsWith(l.text), `/${slug} ${l.id}: "${l.label}" vs "${l.text}"`).toBe(true);
        expect(l.label).toMatch(/source of this figure$/);
      }
      total += links.length;
    }
    expect(total).toBeGreaterThan(150);
  });

  it('calculated figures, estimates and projections carry their label inside the link, as text', () => {
    const links = pages.flatMap((s) => figureLinks(html(s)));
    const labelled = links.filter((l) => /fact--(calculated|estimate|projection)/.test(l.cls));
    expect(labelled.length).toBeGreaterThan(10);
    for (const l of labelled) expect(l.text, l.id).toMatch(/\((calculated|estimate|projection)\)$/);
  });

  it("each figure's row lists its sources, each linked to the document or to an entry that says why there is none", () => {
    const rows = [...sourcesPage.matchAll(/<tr id="fact-([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
    expect(rows.length).toBeGreaterThan(100);
    for (const [, id, row] of rows) {
      const cells = [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
      const hrefs = [...(cells[1] ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      expect(hrefs.length, id).toBeGreaterThan(0);
      for (const h of hrefs) {
        if (h.startsWith('#')) expect(ids.has(h.slice(1)), `${id}: ${h}`).toBe(true);
        else expect(h, id).toMatch(/^https?:\/\/[^/]+\/./);
      }
    }
  });

  it('the printed footnotes list the figures in the order their markers are numbered', () => {
    for (const slug of pages) {
      const doc = html(slug);
      const links = figureLinks(doc);
      const notes = /<section class="fact-notes"[\s\S]*?<ol[^>]*>([\s\S]*?)<\/ol>/.exec(doc)?.[1] ?? '';
      const items = [...notes.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => decode(m[1]!.replace(/<[^>]+>/g, '')));
      expect(items.length, `/${slug}`).toBe(links.length);
      links.forEach((l, i) => expect(items[i]!.startsWith(`${l.text.replace(/ \((calculated|estimate|projection)\)$/, '')}:`), `/${slug} note ${i + 1}: ${items[i]}`).toBe(true));
    }
  });
});
