/**
 * Every word a reader sees on a built page comes from content/: the text of
 * every page under dist/ (text nodes, and alt, title, aria-label and
 * placeholder attributes), including each graphic's build-time SVG, the
 * data tables and the interface, is checked against the content files
 * (chapters, pages, figures.yaml, ui/*.json, site.json, data files). A piece
 * of text passes when it is part of a content file, fills a content template
 * ("Step {n} of {count}"), or has no words once numbers and the dates Intl
 * writes are taken out. So English typed into src/ shows up here by page and
 * text, which is what a second language needs (no English left behind).
 * The same text, with each step's still and each graphic's labels, must use
 * curly quotes and apostrophes as the prose does: a straight one fails naming
 * the page and the words around it (`straightQuotes`).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DIST } from './dist';
import { parseCsv } from '../../src/lib/csv';

const norm = (s: string) =>
  s
    .normalize('NFC')
    // Every quotation mark is one mark: a title quoted inside a quotation takes the inner pair (src/lib/ui.ts),
    // “The ‘US$4 billion’ railway” for the title “US$4 billion” railway in content.
    .replace(/[‘’‚′“”„″«»']/g, '"')
    .replace(/[–—−]/g, '-')
    .replace(/\u00a0|\u202f|\u2009/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
/** Numbers (however Intl groups them) and `{placeholders}` both become '#': a filled-in template reads as its template. */
const shape = (s: string) => s.replace(/\{[^{}\s]+\}/g, '#').replace(/[-+]?\d[\d,.]*/g, '#');

function walk(dir: string, keep: (f: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The pieces of text a reader sees on a page: text nodes and the text attributes, outside scripts, styles and comments. */
export function visibleText(doc: string): string[] {
  const body = doc
    .replace(/<!--[\s\S]*?-->/g, ' ')
    // Code samples (the embed snippet in a <textarea>/<code>) are markup, not words.
    .replace(/<(script|style|template|textarea|code|pre)\b[\s\S]*?<\/\1>/gi, '<x>');
  const out: string[] = [];
  for (const m of body.matchAll(/\s(?:alt|title|aria-label|placeholder)="([^"]*)"/g)) out.push(decode(m[1]!));
  // <title> is visible too (the tab); <head> meta descriptions come from front matter and are checked as text too.
  for (const m of body.matchAll(/<meta\s+(?:name|property)="(?:description|og:title|og:description)"\s+content="([^"]*)"/g)) out.push(decode(m[1]!));
  for (const t of body.split(/<[^>]*>/)) {
    const s = decode(t).trim();
    if (s) out.push(s);
  }
  return out;
}

/** Month and weekday names Intl writes in dates, in the editions' languages: not typed by anyone. */
function intlWords(): Set<string> {
  const words = new Set<string>();
  for (const loc of ['en-GB', 'en-US', 'es-PE']) {
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2024, m, 15));
      for (const month of ['long', 'short'] as const) for (const w of new Intl.DateTimeFormat(loc, { month, timeZone: 'UTC' }).format(d).split(/\s+/)) words.add(norm(w).replace(/\.$/, ''));
    }
  }
  return words;
}

export interface Corpus {
  text: string;
  words: Set<string>;
  templates: RegExp[];
}

/** Every content file as one searchable text, and every `{placeholder}` string as a template. */
export function contentCorpus(root = 'content'): Corpus {
  const files = walk(root, (f) => /\.(mdx|md|ya?ml|json|csv|txt)$/.test(f));
  const raw = files.map((f) => readFileSync(f, 'utf8'));
  const templates: RegExp[] = [];
  for (const t of raw) {
    for (const m of t.matchAll(/"((?:[^"\\\n]|\\.)*\{[^{}\s]+\}(?:[^"\\\n]|\\.)*)"|: ([^\n"]*\{[^{}\s]+\}[^\n"]*)$/gm)) {
      const tpl = norm((m[1] ?? m[2] ?? '').replace(/\\"/g, '"'));
      // A template must say something itself: at least three letters outside its placeholders.
      if (tpl.replace(/\{\w+\}/g, '').replace(/[^\p{L}]/gu, '').length < 2) continue;
      const re = shape(tpl)
        .split('#')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.+?');
      templates.push(new RegExp(`^${re}$`));
    }
  }
  // Unquoted CSV fields with placeholders are templates too (content/data/es/facts.csv's displays: "{1:usd} o más").
  files.forEach((f, i) => {
    if (!f.endsWith('.csv')) return;
    for (const m of raw[i]!.matchAll(/(?<=^|,)([^,"\n]*\{[^{}\s]+\}[^,"\n]*)(?=,|$)/gm)) {
      const tpl = norm(m[1]!);
      if (tpl.replace(/\{[^{}\s]+\}/g, '').replace(/[^\p{L}]/gu, '').length < 2) continue;
      templates.push(new RegExp(`^${shape(tpl).split('#').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?')}$`));
    }
  });
  // Markdown's own syntax is not text: emphasis marks and link targets (component attributes, e.g. <Step shows>, are).
  const text = shape(norm(
    raw
      .join('\n')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/[*_`[\]]/g, ''),
  ));
  return { text, templates, words: new Set(text.split(/[^\p{L}]+/u).filter(Boolean)) };
}

const MONTHS = intlWords();
/** Where composed text joins its content pieces: punctuation, numbers ('#'), units after numbers. */
const SEPARATORS = /\s*(?::(?:\s|$)|\s[·|/→-]\s|[()";,<>→+&#%‰.!?-])\s*/;

/**
 * Text still typed in src/ when this test was written, each in the file that
 * types it and whose owner is moving it to content/ (issue 16's interface
 * strings). An entry passes only while its file
 * still contains it word for word; remove an entry when its string moves.
 */
/** Whether a piece of page text comes from content (see the file comment). */
export function fromContent(piece: string, c: Corpus, composed = false): boolean {
  // Addresses are not words (a source's URL in a title attribute).
  const s = shape(norm(piece.replace(/<?https?:\/\/[^\s>]+>?/g, ' ')));
  const words = s.split(/[^\p{L}]+/u).filter((w) => w && !MONTHS.has(w));
  if (words.join('').replace(/[^\p{L}]/gu, '').length < 2) return true;
  if (c.text.includes(s)) return true;
  if (c.templates.some((t) => t.test(s))) return true;
  // Text composed of content pieces ("Lima–Ica: 4.4 bn", "Chancay · 2024"): each part passes on its own.
  const parts = s.split(SEPARATORS).filter(Boolean);
  if (parts.length === 1 && parts[0] === s) {
    // Inside composed text, a short run where a template's word meets a filled-in name ("Surco daría"): every word is a content word.
    return composed && words.length <= 2 && words.every((w) => c.words.has(w));
  }
  return parts.every((p) => fromContent(p, c, true));
}

/**
 * Straight quotes a reader would see, each with a little of the text around it: a straight double quote anywhere,
 * and a straight single quote touching a letter (an apostrophe, "Peru's", "readers' data", or a quotation mark,
 * 'so far'). The story's prose is set with curly quotes (“ ” ‘ ’; the Spanish edition quotes with « »), and so
 * must every title, note, label and interface string beside it.
 */
export function straightQuotes(piece: string): string[] {
  return [...piece.matchAll(/"|(?<=\p{L})'|'(?=\p{L})/gu)].map((m) => piece.slice(Math.max(0, m.index! - 30), m.index! + 30));
}

/** Every string in a JSON value (a graphic's labels and data, drawn in the browser after the build-time picture). */
const jsonStrings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(jsonStrings) : [];

describe('visible text uses curly quotes, as the prose does', () => {
  it('catches a straight quote or apostrophe, and passes curly ones and markup (the check can fail)', () => {
    expect(straightQuotes("Peru's exports")).toEqual(["Peru's exports"]);
    expect(straightQuotes("Readers' data")).toEqual(["Readers' data"]);
    expect(straightQuotes('The "US$4 billion" railway')).toHaveLength(2);
    expect(straightQuotes("a port Cosco 'will run'")).toHaveLength(2);
    expect(straightQuotes('Peru’s “US$4 billion” railway, ‘so far’, «hasta US$40»')).toEqual([]);
    // Attribute syntax is not text; an attribute's value is (alt, aria-label, title).
    const doc = '<p class="x" data-y=\'1\'>Chancay’s port</p><img alt="Peru&#39;s map"><a aria-label="the &quot;claim&quot;">x</a>';
    expect(visibleText(doc).flatMap(straightQuotes)).toEqual(["Peru's map", 'the "claim"', 'the "claim"']);
  });

  it('every page (and every step still and graphic label): no straight quote in what a reader sees', () => {
    const found: string[] = [];
    const html = walk(DIST, (f) => f.endsWith('.html'));
    expect(html.length, `no pages under ${DIST}: build first`).toBeGreaterThan(0);
    for (const f of html) {
      for (const piece of new Set(visibleText(readFileSync(f, 'utf8')))) for (const q of straightQuotes(piece)) found.push(`${path.relative(DIST, f)}: …${q}…`);
    }
    // Each step's still for the plain article (an image whose words are the graphic's labels).
    for (const f of existsSync(path.join(DIST, 'stills')) ? walk(path.join(DIST, 'stills'), (f) => f.endsWith('.svg')) : []) {
      const text = readFileSync(f, 'utf8').replace(/<style\b[\s\S]*?<\/style>/g, ' ');
      for (const t of text.split(/<[^>]*>/)) for (const q of straightQuotes(decode(t))) found.push(`${path.relative(DIST, f)}: …${q}…`);
    }
    // A graphic's labels and data, which its code draws once it runs (src/integrations/figure-data.mjs).
    for (const f of existsSync(path.join(DIST, '_data')) ? walk(path.join(DIST, '_data'), (f) => f.endsWith('.json')) : []) {
      for (const s of jsonStrings(JSON.parse(readFileSync(f, 'utf8')))) for (const q of straightQuotes(s)) found.push(`${path.relative(DIST, f)}: …${q}…`);
    }
    expect(found, found.slice(0, 60).join('\n')).toEqual([]);
  });
});

describe('visible text comes from content/', () => {
  const corpus = contentCorpus();
  // The moderators' page (issue 15's tool, /moderate/) is English-only staff tooling for now: not scanned.
  const pages = existsSync(DIST) ? walk(DIST, (f) => f.endsWith('.html') && !f.includes(`${path.sep}moderate${path.sep}`)) : [];

  it('finds the built pages', () => {
    expect(pages.length, `no pages under ${DIST}: build first`).toBeGreaterThan(0);
  });

  it('catches text that is not in content (the check can fail)', () => {
    const c = contentCorpus();
    expect(fromContent('Show the data', c) || fromContent('Zorblax quantum widget', c)).toBe(fromContent('Show the data', c));
    expect(fromContent('Zorblax quantum widget', c)).toBe(false);
    expect(visibleText('<p>Hello <b>world</b></p><script>var x = "no"</script><img alt="A map">')).toEqual(['A map', 'Hello', 'world']);
    // Numbers and Intl dates are not words; a template filled in is content.
    expect(fromContent('14 Nov 2024', c)).toBe(true);
    expect(fromContent('Corrections and updates to this chapter: 14 Nov 2024 (3 changes)', c)).toBe(true);
    expect(fromContent('(3 widgets)', c)).toBe(false);
  });

  it('every page: every piece of visible text is in a content file', () => {
    const found: string[] = [];
    for (const f of pages) {
      for (const piece of new Set(visibleText(readFileSync(f, 'utf8')))) {
        if (!fromContent(piece, corpus)) found.push(`${path.relative(DIST, f)}: ${JSON.stringify(piece.slice(0, 120))}`);
      }
    }
    expect(found, found.slice(0, 60).join('\n')).toEqual([]);
  });
});

/**
 * The ids the data files give their rows (a source, a correction, a fact): how the files point at each
 * other, never words for a reader. A log entry once said "this log (cargo-mix) called…" and a source's
 * description "linked in the Today Headline row (todayheadline-2025-07-08)", on /corrections/, /sources/
 * and a chapter's printed notes, in both editions.
 */
const DATA_IDS = new Set(
  ['sources', 'corrections', 'facts'].flatMap((f) => parseCsv(readFileSync(`content/data/${f}.csv`, 'utf8'), `${f}.csv`).rows.map((r) => String(r.values['id'])).filter(Boolean)),
);
/** A data id in parentheses in a piece of visible text. */
export const idsInText = (piece: string) => [...piece.matchAll(/\(([a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+)\)/g)].map((m) => m[1]!).filter((id) => DATA_IDS.has(id));

describe('no data id in what a reader sees', () => {
  it('catches a source or correction id in parentheses, and passes words and a package name (the check can fail)', () => {
    expect(DATA_IDS.has('cargo-mix') && DATA_IDS.has('todayheadline-2025-07-08')).toBe(true);
    expect(idsInText('and this log (cargo-mix) called its cargo')).toEqual(['cargo-mix']);
    expect(idsInText('Chapter 3 and this log (exclusivity) said')).toEqual(['exclusivity']);
    expect(idsInText('in the Today Headline row (todayheadline-2025-07-08).')).toEqual(['todayheadline-2025-07-08']);
    expect(idsInText('Natural Earth (world-atlas); the log (2 December 2026); (estimate)')).toEqual([]);
  });

  it('every page: no source, correction or fact id in parentheses in the visible text', () => {
    const found: string[] = [];
    const pages = walk(DIST, (f) => f.endsWith('.html'));
    expect(pages.length, `no pages under ${DIST}: build first`).toBeGreaterThan(0);
    for (const f of pages) {
      for (const piece of new Set(visibleText(readFileSync(f, 'utf8')))) for (const id of idsInText(piece)) found.push(`${path.relative(DIST, f)}: (${id}) in ${JSON.stringify(piece.slice(0, 100))}`);
    }
    expect(found, found.slice(0, 60).join('\n')).toEqual([]);
  });
});
