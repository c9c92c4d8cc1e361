/** A data collection's rows in file order (the loaders record each row's position as `order`). */
import { getCollection, type CollectionKey } from 'astro:content';
import type { z } from 'astro/zod';

/**
 * Rows of a graphic's collection (declared in its src/viz/<name>/schema.ts),
 * typed by the schema that validated them.
 */
export async function rowsOf<S extends z.ZodType>(collection: string, _schema: S): Promise<(z.output<S> & { order: number })[]> {
  // Graphics' collections are found by glob, so Astro's generated types do not name them: the schema does.
  const entries = (await getCollection(collection as CollectionKey)) as unknown as { data: z.output<S> & { order: number } }[];
  if (!entries.length) throw new Error(`[rowsOf] collection "${collection}" is empty or unknown: is it declared in a src/viz/<name>/schema.ts?`);
  return entries.map((e) => e.data).sort((a, b) => a.order - b.order);
}
