/** Chapters in reading order, with neighbours. */
import { getCollection, type CollectionEntry } from 'astro:content';

export async function chaptersInOrder(): Promise<CollectionEntry<'chapters'>[]> {
  const all = (await getCollection('chapters')).sort((a, b) => a.data.order - b.data.order);
  all.forEach((c, i) => {
    if (c.data.order !== i + 1) {
      throw new Error(`content/chapters/${c.id}.mdx: order ${c.data.order} breaks the sequence 1..${all.length}`);
    }
  });
  const slugs = new Set<string>();
  for (const c of all) {
    if (slugs.has(c.data.slug)) throw new Error(`content/chapters/${c.id}.mdx: slug "${c.data.slug}" is used twice`);
    slugs.add(c.data.slug);
  }
  return all;
}
