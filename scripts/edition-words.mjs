#!/usr/bin/env node
/**
 * The two editions side by side (issue 16's closing numbers): words per chapter
 * in English and Spanish, and every string the Spanish files still hold
 * unchanged from the English ones (interface strings, figure copy and labels,
 * data text), so each can be given its reason.
 *
 *   npm run words            # table + shared strings
 *   npm run words -- --json  # the same as JSON
 *
 * Words are what a reader reads in a chapter: title, dek, question and the body's
 * prose, step text and step descriptions (`shows="…"`), without MDX imports,
 * component tags, link targets or Markdown marks. A word is a run of letters or
 * digits (US$4,000 is one word), as a word processor counts.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const rel = (/** @type {string} */ p) => path.join(ROOT, p);

/** Front matter fields and body of an MDX file. @param {string} text */
function splitMdx(text) {
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  /** @type {Record<string, string>} */
  const fm = {};
  if (!m) return { fm, body: text };
  for (const line of m[1].split('\n')) {
    const f = /^(\w+):\s*(.*)$/.exec(line);
    if (f) fm[f[1]] = f[2].replace(/^["']|["']$/g, '');
  }
  return { fm, body: m[2] };
}

/** Reader-visible text of an MDX body. @param {string} body */
function readable(body) {
  const shows = [...body.matchAll(/\sshows="([^"]*)"/g)].map((m) => m[1]);
  const prose = body
    .replace(/^import .*$/gm, ' ')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[*_`#>[\]|]/g, ' ');
  return [prose, ...shows].join(' ');
}

/** @param {string} s */
const words = (s) => (s.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,$%-]*/gu) ?? []).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** @param {string} file */
function chapterWords(file) {
  const { fm, body } = splitMdx(readFileSync(file, 'utf8'));
  return { slug: fm.slug ?? path.basename(file, '.mdx'), order: Number(fm.order ?? 0), words: words([fm.title, fm.dek, fm.question].filter(Boolean).join(' ')) + words(readable(body)) };
}

const chapters = readdirSync(rel('content/chapters'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const en = chapterWords(rel(`content/chapters/${f}`));
    const esFile = rel(`content/chapters/es/${f}`);
    const es = existsSync(esFile) ? chapterWords(esFile).words : null;
    return { file: f, slug: en.slug, order: en.order, en: en.words, es, ratio: es === null ? null : Math.round((es / en.words) * 100) / 100 };
  })
  .sort((a, b) => a.order - b.order);

/** @typedef {{ where: string, text: string }} Shared */
/** @type {Shared[]} */
const shared = [];
/** Strings with letters (a bare number, code or placeholder is no copy). @param {unknown} v @returns {v is string} */
const copy = (v) => typeof v === 'string' && /\p{L}{2,}/u.test(v.replace(/\{[^}]*\}/g, ''));

// Interface strings.
const uiEn = JSON.parse(readFileSync(rel('content/ui/en.json'), 'utf8'));
const uiEs = JSON.parse(readFileSync(rel('content/ui/es.json'), 'utf8'));
for (const [k, v] of Object.entries(uiEn)) if (!k.startsWith('$') && copy(v) && uiEs[k] === v) shared.push({ where: `content/ui/es.json ${k}`, text: v });

// Figure copy and labels (YAML read as simple `key: value` lines under each `- id:`).
/** @param {string} text @returns {Map<string, Map<string, string>>} */
function yamlFigures(text) {
  /** @type {Map<string, Map<string, string>>} */
  const out = new Map();
  /** @type {Map<string, string> | undefined} */
  let cur;
  for (const line of text.split('\n')) {
    const id = /^- id:\s*(\S+)/.exec(line);
    if (id) out.set(id[1], (cur = new Map()));
    const kv = /^\s+([\w-]+):\s*(.+)$/.exec(line);
    if (cur && kv && !id) cur.set(kv[1], kv[2].replace(/^["']|["']$/g, ''));
  }
  return out;
}
const figEn = yamlFigures(readFileSync(rel('content/figures.yaml'), 'utf8'));
const esYaml = readdirSync(rel('content')).filter((f) => /^figures\.es.*\.ya?ml$/.test(f));
for (const f of esYaml) {
  for (const [id, fields] of yamlFigures(readFileSync(rel(`content/${f}`), 'utf8'))) {
    const en = figEn.get(id);
    if (!en) continue;
    for (const [k, v] of fields) if (copy(v) && en.get(k) === v) shared.push({ where: `content/${f} ${id}.${k}`, text: v });
  }
}

// Data text: cells of content/data/es/*.csv equal to the English cell of the same id and column.
/** @param {string} text @returns {string[][]} */
function csvRows(text) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let field = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}
/** @param {string} file */
function byId(file) {
  const [header = [], ...rows] = csvRows(readFileSync(file, 'utf8'));
  return new Map(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))]));
}
for (const f of readdirSync(rel('content/data/es')).filter((f) => f.endsWith('.csv'))) {
  const en = byId(rel(`content/data/${f}`));
  for (const [id, row] of byId(rel(`content/data/es/${f}`))) {
    for (const [k, v] of Object.entries(row)) if (k !== 'id' && copy(v) && en.get(id)?.[k] === v) shared.push({ where: `content/data/es/${f} ${id}.${k}`, text: v });
  }
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ chapters, shared }, null, 2));
} else {
  const tot = chapters.reduce((a, c) => ({ en: a.en + c.en, es: a.es + (c.es ?? 0) }), { en: 0, es: 0 });
  console.log('Words per chapter (title, dek, question, prose, step text and descriptions)\n');
  console.log('chapter'.padEnd(36) + 'English'.padStart(9) + 'Spanish'.padStart(9) + '  es/en');
  for (const c of chapters) console.log(`${c.order}. ${c.slug}`.padEnd(36) + String(c.en).padStart(9) + String(c.es ?? '—').padStart(9) + `  ${c.ratio ?? '—'}`);
  console.log('total'.padEnd(36) + String(tot.en).padStart(9) + String(tot.es).padStart(9) + `  ${Math.round((tot.es / tot.en) * 100) / 100}`);
  console.log(`\nStrings the Spanish files hold unchanged from English (${shared.length}):\n`);
  for (const s of shared) console.log(`${s.where}: ${s.text}`);
}
