/**
 * Astro content loaders for the project's CSV and JSON data files.
 *
 * Each row is checked against a zod schema here, rather than by Astro after
 * loading, so that a malformed file fails the build with the file, the line
 * and the field named: `content/data/x.csv: row at line 7 (Chosica): km: ...`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { parseCsv, CsvError } from './csv';
import { existsSync } from 'node:fs';
import { readTranslation, textColumns, translationFile, mergeJsonTranslation } from './i18n/data-text';
import { LOCALES, DEFAULT_LOCALE } from './i18n';

export class DataFileError extends Error {
  override name = 'DataFileError';
}

type Issue = { path: PropertyKey[]; message: string };

function describe(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(row)'}: ${i.message}`).join('; ');
}

/** Validate parsed rows; throws DataFileError naming the file, line and field. */
export function validateRows<S extends z.ZodType>(
  file: string,
  rows: { line: number; values: Record<string, unknown> }[],
  schema: S,
  idOf: (row: Record<string, unknown>, index: number) => string,
): { id: string; data: z.infer<S> }[] {
  const seen = new Set<string>();
  return rows.map(({ line, values }, index) => {
    const label = typeof values['id'] === 'string' ? values['id'] : Object.values(values)[0];
    const result = schema.safeParse(values);
    if (!result.success) {
      throw new DataFileError(`${file}: row at line ${line} (${String(label)}): ${describe(result.error.issues)}`);
    }
    const id = idOf(result.data as Record<string, unknown>, index);
    if (seen.has(id)) throw new DataFileError(`${file}: row at line ${line}: duplicate id "${id}"`);
    seen.add(id);
    return { id, data: result.data };
  });
}

/** The file every data file's `source` column refers to. */
export const SOURCES_FILE = 'content/data/sources.csv';

/** The source ids a validated row names: its `source` field, an array (sourceIds()) or a ";"-separated string. */
export function sourceIdsOf(data: unknown): string[] {
  const v = (data as Record<string, unknown> | null)?.['source'];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(';').map((x) => x.trim()).filter(Boolean);
  return [];
}

/**
 * Every source id a data file names must be a row of sources.csv, so every
 * figure leads to a document a reader can check. Throws DataFileError naming
 * the file, the row (line and id) and the unknown source id.
 */
export function checkSourceIds(
  file: string,
  rows: readonly { id: string; line: number; data: unknown }[],
  known: ReadonlySet<string>,
): void {
  for (const row of rows) {
    for (const sid of sourceIdsOf(row.data)) {
      if (!known.has(sid)) {
        throw new DataFileError(`${file}: row at line ${row.line} (${row.id}): source: unknown source id "${sid}" (add it to ${SOURCES_FILE} or fix the id)`);
      }
    }
  }
}

/** The ids in sources.csv's text (pure; the loader reads the file). */
export function sourceIdsIn(text: string): Set<string> {
  return new Set(parseCsv(text, SOURCES_FILE).rows.map((r) => String(r.values['id'] ?? '').trim()).filter(Boolean));
}

/** Parse and validate a CSV file's text (pure: used by the loader and by tests). */
export function loadCsvText<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  idOf: (row: Record<string, unknown>, index: number) => string = (r, i) => String(r['id'] ?? i),
) {
  let table;
  try {
    table = parseCsv(text, file);
  } catch (e) {
    if (e instanceof CsvError) throw new DataFileError(e.message);
    throw e;
  }
  return validateRows(file, table.rows, schema, idOf);
}

/**
 * A CSV data file's text as its loader checks it (pure: the loader reads the
 * files; tests feed it edited text): parse and validate every row, then check
 * every source id against sources.csv's text. Throws DataFileError naming the
 * file, the line, the row and the field or id.
 */
export function checkCsvText<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  sourcesText: string,
  idOf?: (row: Record<string, unknown>, index: number) => string,
) {
  const entries = loadCsvText(file, text, schema, idOf);
  if (file !== SOURCES_FILE) {
    // Rows come back in file order; their lines, for the error message.
    const lines = parseCsv(text, file).rows.map((r) => r.line);
    checkSourceIds(file, entries.map((e, i) => ({ id: e.id, line: lines[i] ?? i + 1, data: e.data })), sourceIdsIn(sourcesText));
  }
  return entries;
}

function loader(
  kind: 'csv' | 'json',
  file: string,
  schema: z.ZodType,
  idOf?: (row: Record<string, unknown>, index: number) => string,
): Loader {
  return {
    name: `chancay-${kind}-loader`,
    schema,
    async load({ store, config, watcher, logger }) {
      const abs = path.resolve(new URL('.', config.root).pathname, file);
      const sync = async () => {
        const text = await readFile(abs, 'utf8');
        const sourcesText = () => readFile(path.resolve(new URL('.', config.root).pathname, SOURCES_FILE), 'utf8');
        let entries;
        if (kind === 'csv') entries = checkCsvText(file, text, schema, file === SOURCES_FILE ? '' : await sourcesText(), idOf);
        else {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch (e) {
            throw new DataFileError(`${file}: invalid JSON: ${(e as Error).message}`);
          }
          if (!Array.isArray(json)) throw new DataFileError(`${file}: expected a JSON array of records`);
          entries = validateRows(
            file,
            json.map((values, i) => ({ line: i + 1, values: values as Record<string, unknown> })),
            schema,
            idOf ?? ((r, i) => String(r['id'] ?? i)),
          );
        }
        if (kind === 'json' && file !== SOURCES_FILE) {
          checkSourceIds(file, entries.map((e, i) => ({ id: e.id, line: i + 1, data: e.data })), sourceIdsIn(await sourcesText()));
        }
        // Spanish (and any other edition's) text columns, merged by id in rowsOf (src/lib/rows.ts).
        const i18n: Record<string, { file: string; columns: string[]; text?: Record<string, string> }>[] = entries.map(() => ({}));
        if (kind === 'json') {
          // Another edition's strings, merged in place (numbers, codes and ids stay the English file's).
          for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
            const tFile = translationFile(file, locale);
            const tAbs = path.resolve(new URL('.', config.root).pathname, tFile);
            if (!existsSync(tAbs)) {
              if (/\p{L}{2,}[^"\n]*\s[^"\n]*\p{L}{2,}/u.test(text)) entries.forEach((_e, i) => (i18n[i]![locale] = { file: tFile, columns: ['its text fields'] }));
              continue;
            }
            const merged = mergeJsonTranslation(tFile, await readFile(tAbs, 'utf8'), JSON.parse(text) as Record<string, unknown>[], entries.map((e) => e.id));
            const ids = entries.map((e) => e.id);
            const parsed = validateRows(tFile, merged.map((values, i) => ({ line: i + 1, values })), schema, (_r, i) => ids[i]!);
            entries.forEach((_e, i) => (i18n[i]![locale] = { file: tFile, columns: [], text: parsed[i]!.data as Record<string, string> }));
            watcher?.add(tAbs);
          }
        }
        if (kind === 'csv') {
          const table = parseCsv(text, file);
          const columns = textColumns(table.header, table.rows.map((r) => r.values));
          if (columns.length) {
            for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
              const tFile = translationFile(file, locale);
              const tAbs = path.resolve(new URL('.', config.root).pathname, tFile);
              const rows = existsSync(tAbs) ? readTranslation(tFile, await readFile(tAbs, 'utf8'), table, entries.map((e) => e.id)) : undefined;
              entries.forEach((e, i) => (i18n[i]![locale] = { file: tFile, columns, ...(rows ? { text: rows[e.id] ?? {} } : {}) }));
              if (existsSync(tAbs)) watcher?.add(tAbs);
            }
          }
        }
        store.clear();
        entries.forEach((e, order) => store.set({ id: e.id, data: { ...(e.data as object), order, ...(Object.keys(i18n[order]!).length ? { i18n: i18n[order] } : {}) } }));
      };
      await sync();
      watcher?.add(abs);
      watcher?.on('change', (changed) => {
        if (path.resolve(changed) === abs || path.resolve(changed).endsWith(path.join(path.sep, 'es', path.basename(abs)))) sync().catch((e) => logger.error(String(e)));
      });
    },
  };
}

export const csvLoader = (file: string, schema: z.ZodType, idOf?: (r: Record<string, unknown>, i: number) => string) =>
  loader('csv', file, schema, idOf);
export const jsonLoader = (file: string, schema: z.ZodType, idOf?: (r: Record<string, unknown>, i: number) => string) =>
  loader('json', file, schema, idOf);

// Field helpers for CSV columns, which arrive as strings.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** "12.5" -> 12.5; blank -> undefined; anything else stays as typed, so the error can quote it. */
const toNumber = (v: unknown) => {
  if (typeof v !== 'string') return v;
  if (v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isNaN(n) ? v : n;
};

/** A required number column. */
export const num = () =>
  z.preprocess(
    toNumber,
    z.number({ error: (i) => (i.input === undefined ? 'is required' : `expected a number, got "${String(i.input)}"`) }),
  );
/** An optional number column (blank means unknown, never zero). */
export const optNum = () =>
  z.preprocess(
    toNumber,
    z.number({ error: (i) => `expected a number or blank, got "${String(i.input)}"` }).optional(),
  );
/** A required, non-empty text column. */
export const text = () => z.string({ error: 'is required' }).trim().min(1, 'must not be empty');
/** An optional text column. */
export const optText = () => z.preprocess(blankToUndefined, z.string().optional());
/** Source column: one or more ids from content/data/sources.csv, separated by ";". */
export const sourceIds = () =>
  z
    .string({ error: 'source is required' })
    .trim()
    .min(1, 'source is required: every figure names where it came from')
    .transform((s) => s.split(';').map((x) => x.trim()).filter(Boolean));
/** Confidence mark from the research behind each row: H high, M medium, L low (ranges like L-M allowed); content/data/README.md. */
export const confidence = () => z.enum(['H', 'M', 'L', 'M-H', 'L-M'], { error: 'confidence must be H, M, L, M-H or L-M' });

/** Content collections a graphic declares in its src/viz/<name>/schema.ts: collection name -> loader. */
export type DataCollections = Record<string, { loader: Loader }>;

/**
 * Merge the collections every graphic declares (src/content.config.ts finds
 * them with import.meta.glob). Two graphics declaring the same name, or a
 * graphic reusing a site collection's name, fail the build naming both.
 */
export function mergeCollections(
  modules: Record<string, { collections?: DataCollections }>,
  reserved: readonly string[] = [],
): DataCollections {
  const out: DataCollections = {};
  const from: Record<string, string> = {};
  for (const [file, mod] of Object.entries(modules).sort(([a], [b]) => a.localeCompare(b))) {
    for (const [name, def] of Object.entries(mod.collections ?? {})) {
      if (reserved.includes(name)) throw new DataFileError(`${file}: collection "${name}" is already a site collection (src/content.config.ts)`);
      if (from[name]) throw new DataFileError(`${file}: collection "${name}" is also declared by ${from[name]}`);
      from[name] = file;
      out[name] = def;
    }
  }
  return out;
}
