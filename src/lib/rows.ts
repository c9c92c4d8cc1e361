/** A data collection's rows in file order (the loaders record each row's position as `order`). */
import { getCollection, type CollectionKey } from 'astro:content';
import type { z } from 'astro/zod';
import { edition, DEFAULT_LOCALE, type Locale } from './i18n';

type Translated = { i18n?: Partial<Record<Locale, { file: string; columns: string[]; text?: Record<string, string> }>> };

/**
 * Rows of a graphic's collection (declared in its src/viz/<name>/schema.ts),
 * typed by the schema that validated them. In another edition, the row's text
 * columns come from content/data/<locale>/<file>.csv (merged by id; numbers stay
 * the English file's); a missing file is a build error naming it, never English.
 */
export async function rowsOf<S extends z.ZodType>(collection: string, _schema: S, locale: Locale = edition): Promise<(z.output<S> & { order: number })[]> {
  // Graphics' collections are found by glob, so Astro's generated types do not name them: the schema does.
  const entries = (await getCollection(collection as CollectionKey)) as unknown as { data: z.output<S> & { order: number } & Translated }[];
  if (!entries.length) throw new Error(`[rowsOf] collection "${collection}" is empty or unknown: is it declared in a src/viz/<name>/schema.ts?`);
  return entries
    .map((e) => translated(e.data, locale) as z.output<S> & { order: number })
    .sort((a, b) => a.order - b.order);
}

/** A row in `locale`: its text columns replaced by the translation file's. */
export function translated<T extends Translated>(row: T, locale: Locale): Omit<T, 'i18n'> {
  const { i18n, ...rest } = row;
  if (locale === DEFAULT_LOCALE || !i18n) return rest;
  const t = i18n[locale];
  if (!t) return rest;
  if (!t.text) throw new Error(`${t.file} is missing: the ${locale} text of columns ${t.columns.join(', ')} (one row per id; numbers come from the English file)`);
  return { ...rest, ...t.text };
}
