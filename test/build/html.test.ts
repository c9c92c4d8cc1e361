/** The built HTML, read as text: what a reader without JavaScript, a search engine or a newsroom gets. */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { listPages } from '../../scripts/pages.mjs';
import { html, chapterSlugs, DIST } from './dist';

const pages = listPages(DIST) as string[];
const chapters = chapterSlugs();

/** Visible text of the HTML, tags stripped, entities for quotes decoded, whitespace squeezed. */
function text(doc: string): string {
  return doc
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');
}

/** Prose paragraphs of an MDX chapter: plain lines of text outside components and front matter. */
function mdxProse(file: string): { headings: string[]; sentences: string[] } {
  const src = readFileSync(file, 'utf8').replace(/^---[\s\S]*?---/, '');
  const headings = [...src.matchAll(/^#{2,3}\s+(.+)$/gm)].map((m) => m[1]!.replace(/[*_`]/g, '').trim());
  const sentences: string[] = [];
  for (const block of src.split(/\n\s*\n/)) {
    const b = block.trim();
    if (!b || /^[<{#|>-]/.test(b) || b.startsWith('import ')) continue;
    // The first words of the paragraph up to the first markup.
    const words = b.split(/[<[*_`{]/)[0]!.replace(/\s+/g, ' ').trim();
    if (words.split(' ').length >= 4) sentences.push(words);
  }
  return { headings, sentences };
}

describe('chapter pages', () => {
  it('every chapter the content declares has its own page, and the cover lists them in order', () => {
    // The chapters are whatever content/chapters/ declares: no count or slug is written here.
    expect(chapters.length).toBeGreaterThan(0);
    for (const slug of chapters) expect(html(slug)).toMatch(/<h1[^>]*>/);
    const cover = html('');
    const at = chapters.map((slug) => cover.indexOf(`href="/${slug}/"`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  for (const file of readdirSync('content/chapters').filter((f) => f.endsWith('.mdx'))) {
    it(`${file}: every heading and paragraph is in the static HTML`, () => {
      const slug = /^slug:\s*(\S+)/m.exec(readFileSync(path.join('content/chapters', file), 'utf8'))![1]!;
      // Compare words only: smart quotes, dashes and entities differ between MDX source and HTML.
      const words = (t: string) => ` ${t.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
      const body = words(text(html(slug)));
      const { headings, sentences } = mdxProse(path.join('content/chapters', file));
      expect(sentences.length).toBeGreaterThan(0);
      for (const h of headings) expect(body).toContain(words(h));
      for (const s of sentences) expect(body).toContain(words(s));
    });
  }

  it('every chapter has previous/next navigation and a progress indicator', () => {
    chapters.forEach((slug, i) => {
      const doc = html(slug);
      if (i > 0) expect(doc).toContain(`rel="prev" href="/${chapters[i - 1]}/"`);
      if (i < chapters.length - 1) expect(doc).toContain(`rel="next" href="/${chapters[i + 1]}/"`);
      expect(doc).toContain('class="progress"');
    });
  });

  it('step ids are unique and numbered 1..N on each page, so #step-N deep links work', () => {
    for (const slug of chapters) {
      const ids = [...html(slug).matchAll(/<div class="step" id="step-(\d+)"/g)].map((m) => Number(m[1]));
      expect(ids).toEqual(ids.map((_, i) => i + 1));
    }
  });

  it('every figure ships a build-time SVG with an accessible name, a description and a data table', () => {
    let figures = 0;
    for (const slug of chapters) {
      const doc = html(slug);
      for (const m of doc.matchAll(/<chancay-figure[\s\S]*?<\/chancay-figure>/g)) {
        figures++;
        const fig = m[0];
        const id = /data-figure="([^"]+)"/.exec(fig)![1];
        expect(fig, id).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/);
        expect(fig, id).toMatch(/aria-describedby="[^"]+"/);
        expect(fig, id).toMatch(/<table[\s\S]*<th scope="col"/);
        expect(fig, id).toMatch(/class="figure__source"/);
      }
    }
    expect(figures).toBeGreaterThanOrEqual(1);
  });

  it('the article\'s two errors are corrected on the page with sourced notes', () => {
    const opening = html(chapters[0]!);
    expect(opening).toMatch(/note--unverified[\s\S]*?US\$4 billion[\s\S]*?Sources:/);
    const apec = html(chapters[4]!);
    expect(apec).toMatch(/note--correction[\s\S]*?Shenzhen[\s\S]*?Sources:/);
  });
});

describe('every page', () => {
  it('requests nothing from another origin (scripts, styles, fonts, images, frames)', () => {
    for (const page of pages) {
      const doc = html(page);
      const refs = [
        ...doc.matchAll(/<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc="([^"]+)"/g),
        ...doc.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*>/g),
      ]
        .filter((m) => !/rel="(?:canonical|alternate|prev|next)"/.test(m[0]))
        .map((m) => m[1]!);
      const css = [...doc.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!.replace(/["']/g, ''));
      for (const r of [...refs, ...css]) expect(r, `${page} loads ${r}`).not.toMatch(/^(?:https?:)?\/\//);
    }
  });
  it('has a title, a description, a canonical link, a language and a viewport', () => {
    for (const page of pages) {
      const doc = html(page);
      // The edition's language: Spanish under /es/, English elsewhere.
      expect(doc, page).toMatch(/^\/es\//.test(page) ? /<html lang="es"/ : /<html lang="en"/);
      expect(doc, page).toMatch(/<title>[^<]{5,}<\/title>/);
      expect(doc, page).toMatch(/<meta name="description" content="[^"]{40,}"/);
      expect(doc, page).toMatch(/<link rel="canonical" href="http[^"]+"/);
      expect(doc, page).toMatch(/<meta name="viewport"/);
    }
  });
});

describe('sources and methods', () => {
  it('lists every source named by a data file, with an anchor', () => {
    const doc = html('sources');
    const ids = new Set<string>();
    for (const f of readdirSync('content/data').filter((f) => f.endsWith('.csv') && f !== 'sources.csv')) {
      const [head, ...rows] = readFileSync(path.join('content/data', f), 'utf8').trim().split('\n');
      const col = head!.split(',').indexOf('source');
      if (col < 0) continue;
      for (const r of rows) {
        // naive split is enough for the source column's ids when it is not quoted
        const m = r.match(/(?:^|,)((?:[a-z0-9-]+;?)+)(?=,|$)/g);
        if (m) for (const cell of m) for (const id of cell.replace(/^,/, '').split(';')) if (id) ids.add(id);
      }
    }
    const known = [...doc.matchAll(/id="src-([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(known.length).toBeGreaterThan(20);
    for (const id of ['timenews', 'xinhua', 'devdiscourse', 'computed']) expect(known).toContain(id);
  });
});
