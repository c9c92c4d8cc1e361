/**
 * The corrections log (content/data/corrections.csv) grouped as the
 * /corrections/ page shows it and as each chapter links to it: newest date
 * first, then in chapter order (site-wide changes last), one anchor per
 * (date, chapter) group so a chapter can link straight to its entries.
 */
import type { CollectionEntry } from 'astro:content';
import { rowsIn } from './i18n/content';

export type Correction = CollectionEntry<'corrections'>;

export interface CorrectionGroup {
  date: string;
  /** Chapter slug, or undefined for changes across the site. */
  chapter: string | undefined;
  /** Anchor on /corrections/: on-<date>-<slug> or on-<date>-site. */
  anchor: string;
  entries: Correction[];
}

export const groupAnchor = (date: string, chapter: string | undefined) => `on-${date}-${chapter ?? 'site'}`;
export const entryAnchor = (id: string) => `corr-${id}`;

/** All groups, newest date first; within a date, chapters in story order, site-wide last; entries in file order. */
export async function correctionGroups(chapterOrder: string[]): Promise<CorrectionGroup[]> {
  // File order (the loader records each row's position as `order`).
  const pos = (c: Correction) => (c.data as { order?: number }).order ?? 0;
  const all = (await rowsIn('corrections')).sort((a, b) => pos(a) - pos(b));
  for (const c of all) {
    if (c.data.chapter && !chapterOrder.includes(c.data.chapter)) {
      throw new Error(`content/data/corrections.csv: entry "${c.id}" names chapter "${c.data.chapter}", which is not a chapter slug (${chapterOrder.join(', ')})`);
    }
  }
  for (const c of all) {
    const by = c.data.superseded_by ? all.find((x) => x.id === c.data.superseded_by) : undefined;
    if (c.data.superseded_by && (!by || by.data.date < c.data.date || by.id === c.id)) {
      throw new Error(`content/data/corrections.csv: entry "${c.id}" is superseded_by "${c.data.superseded_by}", which is not a later entry of the log`);
    }
  }
  const groups = new Map<string, CorrectionGroup>();
  for (const c of all) {
    const key = groupAnchor(c.data.date, c.data.chapter);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { date: c.data.date, chapter: c.data.chapter, anchor: key, entries: [] }));
    g.entries.push(c);
  }
  const rank = (slug: string | undefined) => (slug === undefined ? chapterOrder.length : chapterOrder.indexOf(slug));
  return [...groups.values()].sort((a, b) => (a.date === b.date ? rank(a.chapter) - rank(b.chapter) : a.date < b.date ? 1 : -1));
}
