'use strict';
// The comment server's refusals in the reader's language (issue 16).
//
// gate.cjs writes its refusals in English; a reader of the Spanish edition must
// never see one. The widget sends the page's language (Accept-Language: the
// document's <html lang>); the gate's error answer passes its message and any
// per-field messages through localize() here. Translations live in
// content/ui/gate/<lang>.json, keyed by the English message with {name} where
// the server fills in a value (a number of seconds, a limit). They are read
// only by this server, so the pages' scripts do not carry them.
//
// A message without an entry stays English: test/comments/gate-language.test.ts
// reads every refusal gate.cjs can give a reader and fails when one has no
// Spanish entry, so a new or reworded message cannot ship untranslated.

const path = require('node:path');
const fs = require('node:fs');

const DIR = path.join(__dirname, '..', '..', 'content', 'ui', 'gate');

/** @typedef {{ re: RegExp, names: string[], to: string }} Entry */

/** @param {string} s */
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compile a catalog: each English template becomes an anchored pattern whose {name}s capture the values.
 * @param {string} file @param {Record<string, string>} table @returns {Entry[]}
 */
function compile(file, table) {
  /** @type {Entry[]} */
  const out = [];
  for (const [en, to] of Object.entries(table)) {
    if (en.startsWith('$')) continue;
    if (typeof to !== 'string' || !to.trim()) throw new Error(`${file}: "${en}": the translation is empty`);
    const names = [...en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const n of to.matchAll(/\{(\w+)\}/g)) if (!names.includes(n[1])) throw new Error(`${file}: "${en}": {${n[1]}} is not in the English message`);
    const re = new RegExp(`^${en.split(/\{\w+\}/).map(escapeRe).join('(.+?)')}$`, 's');
    out.push({ re, names, to });
  }
  return out;
}

/** @type {Map<string, Entry[]>} */
const catalogs = new Map();
if (fs.existsSync(DIR)) {
  for (const f of fs.readdirSync(DIR).filter((f) => /^[a-z]{2}\.json$/.test(f))) {
    const file = path.join('content', 'ui', 'gate', f);
    let table;
    try {
      table = JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'));
    } catch (e) {
      throw new Error(`${file}: not valid JSON: ${e instanceof Error ? e.message : e}`);
    }
    catalogs.set(f.slice(0, 2), compile(file, table));
  }
}

/** The languages the server can answer in besides English. */
const LANGS = ['en', ...catalogs.keys()];

/**
 * The reader's language from an Accept-Language header: the first listed (by q) whose primary tag we have; English otherwise.
 * @param {unknown} header @returns {string}
 */
function pickLang(header) {
  if (typeof header !== 'string' || !header) return 'en';
  const tags = header
    .slice(0, 200)
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { lang: (tag ?? '').trim().slice(0, 2).toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return tags.find((t) => LANGS.includes(t.lang))?.lang ?? 'en';
}

/**
 * One message in `lang` (unchanged in English or without an entry).
 * @param {string} message @param {string} lang @returns {string}
 */
function translate(message, lang) {
  const cat = catalogs.get(lang);
  if (!cat || typeof message !== 'string') return message;
  for (const e of cat) {
    const m = e.re.exec(message);
    if (!m) continue;
    const vals = Object.fromEntries(e.names.map((n, i) => [n, m[i + 1]]));
    return e.to.replace(/\{(\w+)\}/g, (_, n) => vals[n] ?? '');
  }
  return message;
}

/**
 * An error answer's message and per-field messages in `lang`.
 * @param {string} errmsg @param {Record<string, unknown>} extra @param {string} lang
 */
function localize(errmsg, extra, lang) {
  if (lang === 'en') return { errmsg, ...extra };
  /** @type {Record<string, unknown>} */
  const out = { ...extra, errmsg: translate(errmsg, lang) };
  const fields = extra.fields;
  if (fields && typeof fields === 'object') {
    out.fields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? translate(v, lang) : v]));
  }
  return out;
}

module.exports = { pickLang, translate, localize, LANGS };
