/**
 * Translated text columns of a data file (issue 16): content/data/es/<name>.csv
 * holds `id` plus the English file's reader-visible text columns, translated,
 * and nothing else: numbers, dates and codes come from the English file only.
 * Pure (the loader reads the files); every problem names the file and row.
 */
import { parseCsv, CsvError } from '../csv';

/** Columns never translated: keys, sources, marks. */
const NEVER = new Set(['id', 'source', 'confidence', 'sources', 'url', 'url_note', 'publisher', 'title', 'unit', 'kind', 'precision', 'date']);
/** A value that reads as words (two or more words with letters): prose, a label, a name with a qualifier. */
const WORDY = /\p{L}{2,}[^\n]*\s+[^\n]*\p{L}{2,}/u;

/** The English file's reader-visible text columns: some value reads as words (not a key, source or mark). */
export function textColumns(header: readonly string[], rows: readonly Record<string, string>[]): string[] {
  return header.filter((h) => !NEVER.has(h) && rows.some((r) => WORDY.test(r[h] ?? '') && !/^https?:/.test(r[h] ?? '')));
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
  if (table.header[0] !== 'id') throw new Error(`${file}: the first column must be "id" (found "${table.header[0] ?? ''}")`);
  for (const h of table.header.slice(1)) {
    if (!english.header.includes(h)) throw new Error(`${file}: column "${h}" is not a column of the English file`);
    if (!columns.includes(h)) throw new Error(`${file}: column "${h}" holds numbers, dates, codes or sources: never copied into a translation (they come from the English file)`);
  }
  for (const c of columns) if (!table.header.includes(c)) throw new Error(`${file}: missing column "${c}" (the English file's text columns: ${columns.join(', ')})`);
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
    out[id] = Object.fromEntries(columns.map((c) => [c, (values[c] ?? '').trim()]).filter(([, v]) => v !== ''));
  }
  for (const id of byId.keys()) if (!out[id]) throw new Error(`${file}: missing row for id "${id}"`);
  return out;
}
