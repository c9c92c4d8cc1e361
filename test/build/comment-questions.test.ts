/**
 * Each chapter's comment section asks its own question when the chapter's front
 * matter has one (`question`), on the chapter page and on its embed page; a
 * chapter without one asks the article's closing question. What a reader sees
 * above the form, read from the built HTML.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import en from '../../content/ui/en.json';
import { html } from './dist';

/** The comment prompt's visible text in a built page (tags dropped, entities of the prompt decoded). */
export function commentQuestion(doc: string): string | undefined {
  const m = /<p class="comments__question"[^>]*>([\s\S]*?)<\/p>/.exec(doc);
  if (!m) return undefined;
  return m[1]!
    .replace(/<[^>]*>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const chapters = readdirSync('content/chapters')
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const src = readFileSync(path.join('content/chapters', f), 'utf8');
    const front = /^---\n([\s\S]*?)\n---/.exec(src)![1]!;
    const slug = /^slug:\s*(\S+)/m.exec(front)![1]!;
    const q = /^question:\s*"((?:[^"\\]|\\.)*)"\s*$/m.exec(front)?.[1];
    return { file: f, slug, question: q?.replace(/\\"/g, '"'), comments: !/^comments:\s*false/m.test(front) };
  })
  .filter((c) => c.comments);

describe('comment prompts', () => {
  it('finds the prompt in a page, and tells two prompts apart (the check can fail)', () => {
    const doc = '<section><p class="comments__question">\n <strong>Who pays? Tell us.</strong>\n</p></section>';
    expect(commentQuestion(doc)).toBe('Who pays? Tell us.');
    expect(commentQuestion(doc)).not.toBe('Who builds? Tell us.');
    expect(commentQuestion('<p>no comments here</p>')).toBeUndefined();
  });

  for (const c of chapters) {
    it(`${c.file}: the chapter page and its embed ask ${c.question ? 'the chapter’s own question' : 'the article’s question'}`, () => {
      for (const page of [c.slug, `embed/${c.slug}`]) {
        const shown = commentQuestion(html(page));
        expect(shown, `${page}: no comment prompt`).toBeTruthy();
        if (c.question) expect(shown, page).toBe(c.question);
        else expect(shown, page).toContain(en['comments.question_text']);
      }
    });
  }

  it('no two chapters ask the same specific question', () => {
    const qs = chapters.map((c) => c.question).filter(Boolean);
    expect(new Set(qs).size).toBe(qs.length);
  });
});
