/**
 * The Spanish chapters (content/chapters/es/<same file name>.mdx) tell the same
 * story as the English ones: the same slug and order, the same scroll sections,
 * steps, figures and notes in the same order, every <V> fact and every source
 * link the English quotes (no claim added or dropped), links that stay inside
 * the Spanish edition, translated step descriptions, and no number typed into
 * the prose (numbers come through <V>, formatted for es-PE). Files only: no build.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const EN = 'content/chapters';
const ES = 'content/chapters/es';

function frontMatter(src: string): Record<string, string> {
  const block = /^---\n([\s\S]*?)\n---/.exec(src)?.[1] ?? '';
  return Object.fromEntries(
    block
      .split('\n')
      .map((l) => /^([a-z]+):\s*(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!.replace(/^"(.*)"$/, '$1')]),
  );
}

const body = (src: string) => src.replace(/^---[\s\S]*?---/, '');

/** The components that give a chapter its shape, in order: scroll sections, steps, figures, notes. */
const skeleton = (src: string) =>
  [...body(src).matchAll(/<Scrolly figure="[^"]+">|<Step n=\{\d+\}|<Figure id="[^"]+"|<Note kind="[^"]+" sources="[^"]*">|<\/Scrolly>/g)].map((m) => m[0]);

const sorted = (xs: string[]) => [...xs].sort();
const facts = (src: string) => sorted([...src.matchAll(/<V id="([^"]+)" \/>/g)].map((m) => m[1]!));
const sourceLinks = (src: string) => sorted([...src.matchAll(/\(\/(?:es\/)?sources\/#(src-[a-z0-9-]+)\)/g)].map((m) => m[1]!));
const shows = (src: string) => [...src.matchAll(/<Step n=\{\d+\} shows="([^"]*)"/g)].map((m) => m[1]!);

/** Prose paragraphs (not components, headings or lists), as the English prose test reads them. */
const paragraphs = (src: string) =>
  body(src)
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b && !/^[<{#|>-]/.test(b) && !b.startsWith('import '));

/** Everything a Spanish chapter does differently from its English original, as readable problems. */
export function compareEdition(file: string, en: string, es: string): string[] {
  const problems: string[] = [];
  const fe = frontMatter(en);
  const fs = frontMatter(es);
  for (const k of ['slug', 'order', 'comments']) if (fe[k] !== fs[k]) problems.push(`${file}: front matter ${k} is "${fs[k] ?? ''}", the English file has "${fe[k] ?? ''}"`);
  for (const k of ['title', 'short', 'dek', 'description', 'question']) {
    if (fe[k] !== undefined && !fs[k]) problems.push(`${file}: front matter ${k} is missing`);
    else if (fe[k] !== undefined && fe[k] === fs[k]) problems.push(`${file}: front matter ${k} is the English text`);
  }
  const [ke, ks] = [skeleton(en), skeleton(es)];
  if (ke.join('\n') !== ks.join('\n')) {
    const i = ke.findIndex((x, j) => x !== ks[j]);
    problems.push(`${file}: components differ from the English at #${i + 1}: English "${ke[i] ?? '(end)'}", Spanish "${ks[i] ?? '(end)'}"`);
  }
  const [ve, vs] = [facts(en), facts(es)];
  for (const id of new Set([...ve, ...vs])) {
    const d = vs.filter((x) => x === id).length - ve.filter((x) => x === id).length;
    if (d) problems.push(`${file}: <V id="${id}" /> appears ${d > 0 ? d + ' more' : -d + ' fewer'} time(s) than in the English`);
  }
  const [se, ss] = [sourceLinks(en), sourceLinks(es)];
  for (const id of new Set([...se, ...ss])) {
    const d = ss.filter((x) => x === id).length - se.filter((x) => x === id).length;
    if (d) problems.push(`${file}: source link #${id} appears ${d > 0 ? d + ' more' : -d + ' fewer'} time(s) than in the English`);
  }
  for (const [, target] of body(es).matchAll(/\]\((\/[^)]*)\)/g)) {
    if (!target!.startsWith('/es/')) problems.push(`${file}: link to ${target} leaves the Spanish edition (write /es${target})`);
  }
  const [she, shs] = [shows(en), shows(es)];
  shs.forEach((s, i) => {
    if (!s.trim()) problems.push(`${file}: step ${i + 1} has an empty shows=""`);
    else if (s === she[i]) problems.push(`${file}: step ${i + 1}'s shows="…" is the English text`);
  });
  const english = new Set(paragraphs(en));
  for (const p of paragraphs(es)) {
    if (english.has(p)) problems.push(`${file}: paragraph left in English: "${p.slice(0, 60)}…"`);
    const stripped = p
      .replace(/<V id="[^"]+" \/>/g, '')
      .replace(/\[[^\]]*\]\([^)]*\)/g, '') // links: publisher names and chapter numbers
      .replace(/\bcap[ií]tulo \d\b/gi, '')
      .replace(/\bG7\b/g, '');
    const m = stripped.match(/[^\s]*\d[^\s]*/);
    if (m) problems.push(`${file}: "${m[0]}" typed into the prose (numbers come through <V>): "${p.slice(0, 60)}…"`);
  }
  return problems;
}

const files = existsSync(ES) ? readdirSync(ES).filter((f) => f.endsWith('.mdx')).sort() : [];

describe('Spanish chapters mirror the English', () => {
  it('every Spanish chapter has an English original', () => {
    for (const f of files) expect(existsSync(path.join(EN, f)), `${ES}/${f} has no ${EN}/${f}`).toBe(true);
  });

  for (const f of files) {
    it(`${f}: same slug, order, components, facts and sources; links under /es/; translated; no typed numbers`, () => {
      const en = readFileSync(path.join(EN, f), 'utf8');
      const es = readFileSync(path.join(ES, f), 'utf8');
      expect(compareEdition(`${ES}/${f}`, en, es)).toEqual([]);
    });
  }

  it('would notice a chapter that drifted from the English (the check fails on bad input)', () => {
    const f = '01-the-announcement.mdx';
    const en = readFileSync(path.join(EN, f), 'utf8');
    // The English file offered as its own translation: front matter, steps and paragraphs untranslated, links outside /es/.
    const untranslated = compareEdition(f, en, en);
    expect(untranslated.some((p) => /front matter title is the English text/.test(p))).toBe(true);
    expect(untranslated.some((p) => /shows="…" is the English text/.test(p))).toBe(true);
    expect(untranslated.some((p) => /paragraph left in English/.test(p))).toBe(true);
    expect(untranslated.some((p) => /leaves the Spanish edition/.test(p))).toBe(true);
    const es = existsSync(path.join(ES, f)) ? readFileSync(path.join(ES, f), 'utf8') : '';
    if (!es) return;
    expect(compareEdition(f, en, es)).toEqual([]);
    // A dropped fact, an added source, a typed number, a changed slug, a missing step: each named.
    const bad = es
      .replace('<V id="claimed-cost" />', 'cuatro mil millones')
      .replace('([time.news](/es/sources/#src-timenews))', '([time.news](/es/sources/#src-timenews); [EFE](/es/sources/#src-efe-2025-11-14))')
      .replace('Ningún ferrocarril llega a Chancay.', 'Ningún ferrocarril llega a Chancay desde 1999.')
      .replace('slug: the-announcement', 'slug: el-anuncio')
      .replace(/ {2}<Step n=\{3\}[\s\S]*?<\/Step>\n/, '');
    const problems = compareEdition(f, en, bad);
    expect(problems.some((p) => /<V id="claimed-cost" \/> appears 1 fewer/.test(p))).toBe(true);
    expect(problems.some((p) => /#src-efe-2025-11-14 appears 1 more/.test(p))).toBe(true);
    expect(problems.some((p) => /"1999\." typed into the prose/.test(p))).toBe(true);
    expect(problems.some((p) => /front matter slug/.test(p))).toBe(true);
    expect(problems.some((p) => /components differ from the English at #4/.test(p))).toBe(true);
  });
});
