/**
 * Translated text columns of a data file (issue 16): content/data/es/<name>.csv
 * holds `id` plus the English file's reader-visible text columns, translated,
 * and nothing else: numbers, dates and codes come from the English file only.
 * Pure (the loader reads the files); every problem names the file and row.
 */
import { parseCsv, CsvError } from '../csv';

/** Columns never translated: keys, sources, marks. */
const NEVER = new Set(['id', 'source', 'confidence', 'sources', 'url', 'title', 'title_kind', 'unit', 'kind', 'precision', 'date']);
/** What a `<column>_kind` cell says when that row's `<column>` is our own words, not a document's: the translation gives it. */
const OURS = 'description';
/** A value that reads as words (two or more words with letters): prose, a label, a name with a qualifier. */
const WORDY = /\p{L}{2,}[^\n]*\s+[^\n]*\p{L}{2,}/u;

/** The English file's reader-visible text columns: some value reads as words (not a key, source or mark). */
export function textColumns(header: readonly string[], rows: readonly Record<string, string>[]): string[] {
  return header.filter((h) => !NEVER.has(h) && rows.some((r) => WORDY.test(r[h] ?? '') && !/^https?:/.test(r[h] ?? '')));
}

/**
 * Columns translated in some rows only: a kept column (sources.csv `title`, a document's headline, never translated)
 * beside a `<column>_kind` column, whose `description` rows hold our own words instead (a description where no
 * headline was recorded): the translation gives those rows' text, and only those.
 */
export function rowTextColumns(header: readonly string[]): string[] {
  return header.filter((h) => NEVER.has(h) && header.includes(`${h}_kind`));
}

/** The Spanish file beside an English data file: content/data/x.csv -> content/data/es/x.csv. */
export const translationFile = (file: string, locale: string) => file.replace(/\/([^/]+)$/, `/${locale}/$1`);

export interface Translation {
  /** The file the text comes from. */
  file: string;
  /** Columns it must hold. */
  columns: string[];
  /** id -> column -> translated text; undefined when the file does not exist. */
  rows?: Record<string, Record<string, string>>;
}

/**
 * Check a translation file's text against the English rows and return its text by id.
 * A missing id or column, an unknown id or column, an empty cell where English has
 * text, or a column that holds numbers, dates or codes is an error naming file and row.
 */
export function readTranslation(
  file: string,
  text: string,
  english: { header: readonly string[]; rows: readonly { values: Record<string, string> }[] },
  /** The English rows' ids, in the same order as `english.rows`. */
  ids: readonly string[],
): Record<string, Record<string, string>> {
  let table;
  try {
    table = parseCsv(text, file);
  } catch (e) {
    if (e instanceof CsvError) throw new Error(e.message);
    throw e;
  }
  const columns = textColumns(english.header, english.rows.map((r) => r.values));
  const partial = rowTextColumns(english.header);
  if (table.header[0] !== 'id') throw new Error(`${file}: the first column must be "id" (found "${table.header[0] ?? ''}")`);
  for (const h of table.header.slice(1)) {
    if (!english.header.includes(h)) throw new Error(`${file}: column "${h}" is not a column of the English file`);
    if (!columns.includes(h) && !partial.includes(h)) throw new Error(`${file}: column "${h}" holds numbers, dates, codes or sources: never copied into a translation (they come from the English file)`);
  }
  for (const c of columns) if (!table.header.includes(c)) throw new Error(`${file}: missing column "${c}" (the English file's text columns: ${columns.join(', ')})`);
  for (const c of partial) {
    if (!table.header.includes(c) && english.rows.some((r) => r.values[`${c}_kind`] === OURS))
      throw new Error(`${file}: missing column "${c}" (the English rows whose ${c}_kind is "${OURS}" hold our own words, which each edition gives in its language)`);
  }
  const byId = new Map(english.rows.map((r, i) => [ids[i]!, r.values]));
  const out: Record<string, Record<string, string>> = {};
  for (const { line, values } of table.rows) {
    const id = values['id'] ?? '';
    const en = byId.get(id);
    if (!en) throw new Error(`${file}: row at line ${line}: id "${id}" is not in the English file`);
    if (out[id]) throw new Error(`${file}: row at line ${line}: duplicate id "${id}"`);
    for (const c of columns) {
      if ((en[c] ?? '').trim() !== '' && (values[c] ?? '').trim() === '') throw new Error(`${file}: row at line ${line} (${id}): ${c}: missing the Spanish text`);
    }
    for (const c of partial) {
      const t = (values[c] ?? '').trim();
      if (en[`${c}_kind`] === OURS) {
        if (t === '') throw new Error(`${file}: row at line ${line} (${id}): ${c}: missing the Spanish text (the English ${c} is our own description, "${(en[c] ?? '').slice(0, 60)}")`);
        if (t === (en[c] ?? '').trim()) throw new Error(`${file}: row at line ${line} (${id}): ${c}: still the English description; give it in the edition's language`);
      } else if (t !== '') {
        throw new Error(`${file}: row at line ${line} (${id}): ${c}: a document's own ${c} stays as published, in its language (leave it blank, or mark the English row's ${c}_kind "${OURS}" if the words are ours)`);
      }
    }
    out[id] = Object.fromEntries([...columns, ...partial].map((c) => [c, (values[c] ?? '').trim()]).filter(([, v]) => v !== ''));
  }
  for (const id of byId.keys()) if (!out[id]) throw new Error(`${file}: missing row for id "${id}"`);
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A JSON data file's translation (content/data/<locale>/<name>.json): the same
 * array of records (by id), holding only the English strings that read as words
 * (nested objects and arrays kept in place, arrays by position). Returns each
 * English record with its strings replaced. A record, array length or string
 * missing, a key the English record lacks or a non-string value (a number, a
 * code) is an error naming the file and the path.
 */
export function mergeJsonTranslation(file: string, text: string, english: readonly Record<string, unknown>[], ids: readonly string[]): Record<string, unknown>[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(json)) throw new Error(`${file}: expected a JSON array of records, like the English file`);
  const byId = new Map<string, Record<string, unknown>>();
  json.forEach((r, i) => {
    if (!isRecord(r) || typeof r['id'] !== 'string') throw new Error(`${file}: record ${i + 1}: expected an object with the English record's "id"`);
    byId.set(r['id'], r);
  });
  for (const id of byId.keys()) if (!ids.includes(id)) throw new Error(`${file}: id "${id}" is not in the English file`);
  const merge = (en: unknown, es: unknown, where: string): unknown => {
    if (typeof en === 'string') {
      if (NEVER.has(where.split('.').pop()!.replace(/\[\d+\]$/, ''))) {
        if (es !== undefined && es !== en) throw new Error(`${file}: ${where}: "${en}" is an id, source or code, kept from the English file (found "${String(es)}")`);
        return en;
      }
      // A single word (a name, a term) may be translated; words that read as a phrase must be.
      if (!WORDY.test(en)) return typeof es === 'string' && es.trim() ? es : en;
      if (typeof es !== 'string' || !es.trim()) throw new Error(`${file}: ${where}: missing the translated text of "${en.slice(0, 60)}"`);
      return es;
    }
    if (Array.isArray(en)) {
      if (es === undefined) return en.map((v, i) => merge(v, undefined, `${where}[${i}]`));
      if (!Array.isArray(es) || es.length !== en.length) throw new Error(`${file}: ${where}: expected an array of ${en.length} like the English file`);
      return en.map((v, i) => merge(v, es[i], `${where}[${i}]`));
    }
    if (isRecord(en)) {
      if (es !== undefined && !isRecord(es)) throw new Error(`${file}: ${where}: expected an object like the English file`);
      const t = (es ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(t)) if (!(k in en)) throw new Error(`${file}: ${where}.${k}: not a field of the English record`);
      return Object.fromEntries(Object.entries(en).map(([k, v]) => [k, merge(v, t[k], `${where}.${k}`)]));
    }
    if (es !== undefined && es !== en) throw new Error(`${file}: ${where}: numbers and flags come from the English file, not the translation`);
    return en;
  };
  return english.map((r, i) => {
    const id = ids[i]!;
    const t = byId.get(id);
    if (!t) throw new Error(`${file}: missing record for id "${id}"`);
    return merge(r, t, id) as Record<string, unknown>;
  });
}
