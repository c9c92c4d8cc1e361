/**
 * Neutral navigation (issue 11, review M12): the menu (short labels),
 * previous/next links (the chapter's number and title, as its page heads it, in
 * both editions), embed page titles, the Embed control's data-title and oEmbed
 * titles all come from each chapter's front matter (`short`, `title`) and content/figures.yaml,
 * so rewording a label in content rewords it everywhere, and no copy of a
 * label lives in src/.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { html, DIST } from './dist';
import { parseHtml, all, attr, textOf, decode } from './story-checks';

interface Chapter {
  title: string;
  short: string;
  slug: string;
  order: number;
}
const chapters: Chapter[] = readdirSync('content/chapters')
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join('content/chapters', f), 'utf8'))![1]!) as Chapter)
  .sort((a, b) => a.order - b.order);
const figures = parse(readFileSync('content/figures.yaml', 'utf8')) as { id: string; chapter: string; title: string }[];
const site = JSON.parse(readFileSync('content/site.json', 'utf8')) as { name: string };

describe('navigation labels come from the chapters front matter', () => {
  for (const page of ['', 'sources', 'glossary', 'corrections', ...chapters.map((c) => c.slug)]) {
    it(`/${page}${page ? '/' : ''}: the menu lists every chapter by its short label`, () => {
      const menu = all(parseHtml(html(page)), (e) => e.name === 'nav' && attr(e, 'aria-label') === 'Chapters')[0];
      expect(menu).toBeDefined();
      const links = all(menu!, (e) => e.name === 'a').map((a) => [attr(a, 'href'), textOf(a)]);
      for (const c of chapters) expect(links).toContainEqual([`/${c.slug}/`, c.short]);
    });
  }
});

describe('previous/next links name a chapter as its own page heads it', () => {
  // The links used to give the menu's short label ("Next: Mine to ship"), which is not what the reader then finds
  // at the top of the chapter ("Chapter 2 of 5", "From mine to ship: the corridor"). Both editions.
  for (const { lang, dir, prefix } of [
    { lang: 'en', dir: 'content/chapters', prefix: '' },
    { lang: 'es', dir: 'content/chapters/es', prefix: 'es/' },
  ]) {
    const list: Chapter[] = readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => parse(/^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(dir, f), 'utf8'))![1]!) as Chapter)
      .sort((a, b) => a.order - b.order);
    const ui = JSON.parse(readFileSync(`content/ui/${lang}.json`, 'utf8')) as Record<string, string>;
    // As textOf reads it: a no-break space (which keeps "Chapter" with its number on a phone) as a space.
    const fill = (key: string, n: number) => ui[key]!.replace('{n}', String(n)).replace(/\s+/g, ' ');
    /** The top of a built chapter page: its kicker ("Chapter 2 of 5") and its h1. */
    const head = (c: Chapter) => {
      const doc = parseHtml(html(`${prefix}${c.slug}`));
      return { kicker: textOf(all(doc, (e) => attr(e, 'class') === 'chapter__kicker')[0]!), h1: textOf(all(doc, (e) => e.name === 'h1')[0]!) };
    };

    it(`${lang}: each link gives the neighbour's number and its title, the one its page shows as its headline`, () => {
      expect(list.length).toBeGreaterThan(1);
      list.forEach((c, i) => {
        const doc = parseHtml(html(`${prefix}${c.slug}`));
        const rel = (r: string) => all(doc, (e) => e.name === 'a' && attr(e, 'rel') === r)[0];
        for (const [r, key, n] of [['prev', 'nav.previous_chapter', list[i - 1]], ['next', 'nav.next_chapter', list[i + 1]]] as const) {
          const link = rel(r);
          if (!n) {
            expect(link, `/${prefix}${c.slug}/ has no ${r} chapter`).toBeUndefined();
            continue;
          }
          expect(attr(link!, 'href'), `/${prefix}${c.slug}/ ${r}`).toBe(`/${prefix}${n.slug}/`);
          const label = textOf(all(link!, (e) => e.name === 'span')[0]!);
          expect(label, `/${prefix}${c.slug}/ ${r}`).toBe(fill(key, n.order));
          expect(textOf(link!), `/${prefix}${c.slug}/ ${r}`).toBe(`${label} ${n.title}`);
          // What the reader finds on arrival: the same number in the kicker, the same words as the headline.
          const there = head(n);
          expect(there.h1).toBe(n.title);
          expect(there.kicker).toContain(String(n.order));
        }
      });
    });
  }
});

describe('embed and oEmbed titles come from content', () => {
  const title = (doc: string) => decode(/<title>([\s\S]*?)<\/title>/.exec(doc)![1]!);
  for (const c of chapters) {
    it(`${c.slug}: embed page title, Embed control data-title and oEmbed title are the chapter's title`, () => {
      expect(title(html(`embed/${c.slug}`))).toBe(`${c.title} · ${site.name}`);
      const snippet = all(parseHtml(html(c.slug)), (e) => e.name === 'textarea' && attr(e, 'data-kind') === 'script' && (attr(e, 'id') ?? '') === `embed-${c.slug}-script`)[0];
      expect(snippet).toBeDefined();
      expect(decode(textOf(snippet!))).toContain(`data-title="${c.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
      const o = JSON.parse(readFileSync(path.join(DIST, 'oembed', `${c.slug}.json`), 'utf8')) as { title: string; html: string };
      expect(o.title).toBe(c.title);
    });
  }
  for (const f of figures) {
    it(`${f.chapter}/${f.id}: embed page and oEmbed titles are the figure's title`, () => {
      expect(title(html(`embed/${f.chapter}/${f.id}`))).toBe(`${f.title} · ${site.name}`);
      const o = JSON.parse(readFileSync(path.join(DIST, 'oembed', f.chapter, `${f.id}.json`), 'utf8')) as { title: string };
      expect(o.title).toBe(f.title);
    });
  }
});

describe('no label is hard-coded in src/', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(astro|ts|mjs|js|css)$/.test(n)) files.push(p);
    }
  };
  walk('src');
  // Current labels and titles, plus the article's loaded headings the review (M12) asked to drop.
  const labels = [
    ...chapters.flatMap((c) => [c.short, c.title]),
    ...figures.map((f) => f.title),
    'Why Washington is sidelined',
    'Beyond the tracks',
    'The cost of progress',
    site.name,
  ];
  it('no chapter label, chapter title, figure title or the story name is written in src/ (they come from content/)', () => {
    const found: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const l of labels) if (text.includes(l)) found.push(`${f}: "${l}"`);
    }
    expect(found).toEqual([]);
  });
});
