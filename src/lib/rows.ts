/** A data collection's rows in file order (the loaders record each row's position as `order`). */
import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content';

export async function rowsOf<C extends CollectionKey>(collection: C): Promise<CollectionEntry<C>['data'][]> {
  // getCollection's overloads don't resolve over a generic key; the entries are C's.
  const entries = (await getCollection(collection as CollectionKey)) as CollectionEntry<C>[];
  const order = (e: CollectionEntry<C>) => (e.data as { order?: number }).order ?? 0;
  return entries.sort((a, b) => order(a) - order(b)).map((e) => e.data);
}
