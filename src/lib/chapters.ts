/** Chapters in reading order, in the edition being rendered (src/lib/i18n/content.ts). */
import type { CollectionEntry } from 'astro:content';
import { chaptersIn } from './i18n/content';
import { edition, type Locale } from './i18n';

export async function chaptersInOrder(locale: Locale = edition): Promise<CollectionEntry<'chapters'>[]> {
  return chaptersIn(locale);
}
