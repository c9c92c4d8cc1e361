/**
 * The comments widget shows only strings from content/ui/en.json: every key it
 * asks for exists, and no English is left in widget.ts or Comments.astro
 * (a Spanish edition will swap the file, not the code).
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { WIDGET_STRINGS } from '../../src/components/comments/strings';

const en = JSON.parse(readFileSync('content/ui/en.json', 'utf8')) as Record<string, string>;
const widget = readFileSync('src/components/comments/widget.ts', 'utf8');
const astro = readFileSync('src/components/Comments.astro', 'utf8');

const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '').replace(/\s\/\/ .*$/gm, '');

/** Attribute values that look like words but are never shown. */
const NOT_TEXT = new Set(['nofollow ugc noopener noreferrer']);

/**
 * String literals in code that read like English: a capitalised word, or two
 * plain words in a row (class lists, keys and storage names are hyphenated or
 * dotted; developer log lines start with "[comments]").
 */
export function englishInCode(src: string): string[] {
  const out: string[] = [];
  for (const m of stripComments(src).matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
    const text = m[2].replace(/\$\{[^}]*\}/g, ' ');
    if (text.startsWith('[comments]') || NOT_TEXT.has(text)) continue;
    const words = text.split(/\s+/).filter((w) => w && !/[-_.:\/#=]/.test(w.replace(/[,;!?…)(]+$/, '')));
    const plain = words.join(' ');
    if (/\b[A-Z][a-z]{2,}\b/.test(plain) || /\b[a-z]{2,}[,;!?…]* [a-z]{2,}\b/.test(plain)) out.push(m[0]);
  }
  return out;
}

/** Text in an Astro template that is not an {expression}. */
export function englishInTemplate(src: string): string[] {
  const body = src.replace(/^---[\s\S]*?---/, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<script[\s\S]*?<\/script>/g, '');
  // Expressions nest ({cond ? (<p>{a}</p>) : (…)}): strip the innermost until none is left.
  let text = body;
  for (let prev = ''; prev !== text; ) [prev, text] = [text, text.replace(/\{[^{}]*\}/g, ' ')];
  text = text.replace(/<[^>]*>/g, ' ');
  return text.split(/\s{2,}|\n/).map((s) => s.trim()).filter((s) => /[A-Za-z]{2,}/.test(s));
}

describe('comments widget strings', () => {
  it('asks only for keys that exist in content/ui/en.json', () => {
    const used = new Set([...widget.matchAll(/\bt\(\s*'(\w+)'/g)].map((m) => m[1]));
    // Ternaries choose between two keys: t(cond ? 'a' : 'b').
    for (const m of widget.matchAll(/\bt\(\s*[^'()]+\?\s*'(\w+)'\s*:\s*'(\w+)'/g)) used.add(m[1]).add(m[2]);
    expect(used.size).toBeGreaterThan(30);
    // date_locale is not a string but the edition's Intl tag (`locale.intl`), which Comments.astro adds.
    for (const k of used) if (k !== 'date_locale') expect(WIDGET_STRINGS as readonly string[], k).toContain(k);
    expect(typeof en['locale.intl']).toBe('string');
    for (const k of WIDGET_STRINGS) expect(typeof en[`comments.${k}`], `comments.${k}`).toBe('string');
    for (const k of ['heading', 'question', 'question_text', 'nojs', 'loading']) expect(typeof en[`comments.${k}`]).toBe('string');
  });

  it('leaves no English in widget.ts or Comments.astro', () => {
    expect(englishInCode(widget)).toEqual([]);
    expect(englishInCode(astro.replace(/<style[\s\S]*?<\/style>/g, ''))).toEqual([]);
    expect(englishInTemplate(astro)).toEqual([]);
  });

  it('would notice English if it came back (the checks fail on bad input)', () => {
    expect(englishInCode(`const b = h('button', {}, 'Post comment');`)).toEqual([`'Post comment'`]);
    expect(englishInCode('el.textContent = `Comments (${n})`;')).toHaveLength(1);
    expect(englishInCode(`x = 'Anonymous';`)).toEqual([`'Anonymous'`]);
    expect(englishInCode(`h('p', { class: 'cm-empty cm-x' }, t('empty'))`)).toEqual([]);
    expect(englishInTemplate('---\nconst a = 1;\n---\n<h2>{ui("x")}</h2>\n<p>Loading comments…</p>')).toEqual(['Loading comments…']);
  });
});
