/**
 * The story's prose, checked as a reader would: every figure is quoted from the
 * sourced facts table (not typed into the text), every source link lands on an
 * entry of the sources page, and the article's two errors are corrected in
 * visible, sourced notes.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../src/lib/csv';
import { html, chapterSlugs } from './dist';

const facts = new Map(
  parseCsv(readFileSync('content/data/facts.csv', 'utf8'), 'facts.csv').rows.map((r) => [
    String(r.values['id']),
    r.values as Record<string, string>,
  ]),
);
const mdxFiles = [
  ...readdirSync('content/chapters').map((f) => path.join('content/chapters', f)),
  'content/pages/cover.mdx',
  'content/pages/methods.mdx',
].filter((f) => f.endsWith('.mdx'));

/** Top-level prose paragraphs of an MDX file (not components, headings, lists or comments). */
function paragraphs(file: string): string[] {
  const src = readFileSync(file, 'utf8').replace(/^---[\s\S]*?---/, '');
  return src
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b && !/^[<{#|>-]/.test(b) && !b.startsWith('import ') && !/^\d+\. /.test(b));
}

describe('figures in the prose', () => {
  it('chapter and cover paragraphs quote every number through <V>, so each has a source', () => {
    const bare: string[] = [];
    for (const file of mdxFiles.filter((f) => !f.endsWith('methods.mdx'))) {
      for (const p of paragraphs(file)) {
        const stripped = p
          .replace(/<V id="[^"]+" \/>/g, '')
          .replace(/\[[^\]]*\]\([^)]*\)/g, '') // links: publisher names and chapter numbers
          .replace(/\bchapter \d\b/gi, '')
          .replace(/\bG7\b/g, '');
        const m = stripped.match(/[^\s]*\d[^\s]*/);
        if (m) bare.push(`${file}: "${m[0]}" in "${p.slice(0, 60)}…"`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('every quoted figure exists, and every computed one is marked as calculated in the text', () => {
    for (const file of mdxFiles) {
      for (const [, id] of readFileSync(file, 'utf8').matchAll(/<V id="([^"]+)"/g)) {
        expect(facts.has(id!), `${file}: <V id="${id}"> is not in facts.csv`).toBe(true);
      }
    }
    for (const [id, f] of facts) {
      if (String(f['source']).split(';').includes('computed')) {
        expect(f['kind'], `facts.csv: ${id} is computed but not marked kind=calculated`).toBe('calculated');
        expect(String(f['note'] ?? ''), `facts.csv: ${id} should say how it was computed`).toMatch(/^Computed/);
      }
    }
    // On the page, the label is text next to the number (it survives copy, reader mode and syndication).
    const page = html('beyond-the-tracks');
    expect(page).toMatch(/data-fact="transit-knots">[^<]+<span class="fact__kind"> \(calculated\)<\/span>/);
  });
});

describe('links and notes', () => {
  const sourcesPage = html('sources');
  const anchors = new Set([...sourcesPage.matchAll(/id="(src-[^"]+)"/g)].map((m) => m[1]));
  const slugs = new Set(chapterSlugs());

  it('every source link in the story lands on an entry of the sources page', () => {
    for (const slug of [...slugs, '']) {
      const doc = html(slug);
      for (const [, id] of doc.matchAll(/href="\/sources\/#(src-[^"]+)"/g)) {
        expect(anchors.has(id), `/${slug}: link to /sources/#${id} has no target`).toBe(true);
      }
      for (const [, target] of doc.matchAll(/<article[\s\S]*?href="\/([a-z0-9-]+)\/"/g)) {
        if (target !== 'sources') expect(slugs.has(target!), `/${slug}: link to /${target}/ has no chapter`).toBe(true);
      }
    }
  });

  it('chapter 1 flags the US$4 billion figure as unverified, with its source', () => {
    const note = /<aside class="note note--unverified"[\s\S]*?<\/aside>/.exec(html('the-announcement'))?.[0] ?? '';
    expect(note).toContain('US$4 billion');
    expect(note).toMatch(/matches no named project/);
    expect(note).toContain('href="/sources/#src-timenews"');
  });

  it('chapter 5 corrects the APEC host (China, Shenzhen; Peru hosted in Lima in 2024), with sources', () => {
    const note = /<aside class="note note--correction"[\s\S]*?<\/aside>/.exec(html('the-road-to-apec'))?.[0] ?? '';
    expect(note).toMatch(/hosted by <strong>China<\/strong>/);
    expect(note).toContain('Shenzhen');
    expect(note).toContain('Lima in 2024');
    expect(note).toContain('href="/sources/#src-devdiscourse"');
    expect(note).toContain('href="/sources/#src-andina-apec"');
  });

  it('chapters that ask their own question show it above their comments, and no two chapters ask the same', () => {
    const questions = chapterSlugs().map((slug) => {
      const section = /<section class="comments"[\s\S]*?<chancay-comments/.exec(html(slug))?.[0] ?? '';
      return /<p class="comments__question">([\s\S]*?)<\/p>/.exec(section)?.[1]?.trim() ?? '';
    });
    for (const q of questions) expect(q.length).toBeGreaterThan(20);
    // Chapters 1-3 ask their own (front matter `question`): not the source article's generic prompt.
    for (const slug of ['the-announcement', 'beyond-the-tracks', 'why-washington-is-sidelined']) {
      const q = questions[chapterSlugs().indexOf(slug)]!;
      expect(q).not.toMatch(/article this explainer checks/);
      expect(q).toMatch(/\?$/);
      expect(q).not.toMatch(/\d/);
    }
    const specific = questions.filter((q) => !/article this explainer checks/.test(q));
    expect(new Set(specific).size).toBe(specific.length);
  });

  it('the story ends by putting the article\'s question to readers, just before the comments', () => {
    const doc = html('the-road-to-apec');
    const article = /<article class="prose"[^>]*>([\s\S]*?)<\/article>/.exec(doc)?.[1] ?? '';
    const lastParagraph = [...article.matchAll(/<p>([\s\S]*?)<\/p>/g)].pop()?.[1] ?? '';
    expect(lastParagraph).toMatch(/comments/);
    expect(article).toMatch(/influence abroad[^<]*\?/);
  });
});
