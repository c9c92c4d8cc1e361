/**
 * A list of sources as a reader sees it: one entry per publisher, in the order
 * the publishers first appear. Several documents from one publisher read as the
 * same name printed again ("People’s Daily (Xinhua); People’s Daily (Xinhua)"),
 * so each of them carries what tells it apart: its date when every one of them
 * has a different one, else its title ("GeoNames: Lima, Peru (…); Barranca, Peru (…)").
 * Used by the Note box and the Sources page. Pure.
 */
import { formatDate, isoPrecision } from './text';
import type { Locale } from './ui';

export interface SourceLike {
  id: string;
  publisher: string;
  title: string;
  date?: string | undefined;
}

export interface SourceGroup<T extends SourceLike> {
  publisher: string;
  /** One item: link the publisher. More: link each item by its `tag`. */
  items: { source: T; tag: string }[];
  /** What separates the tags: ", " between dates, "; " between titles (which may hold commas). */
  separator: string;
}

export function groupByPublisher<T extends SourceLike>(list: T[], locale: Locale): SourceGroup<T>[] {
  const groups: { publisher: string; sources: T[] }[] = [];
  for (const s of list) {
    const g = groups.find((x) => x.publisher === s.publisher);
    if (g) {
      if (!g.sources.some((x) => x.id === s.id)) g.sources.push(s);
    } else groups.push({ publisher: s.publisher, sources: [s] });
  }
  return groups.map(({ publisher, sources }) => {
    const dates = sources.map((s) => s.date ?? '');
    const byDate = sources.length > 1 && dates.every(Boolean) && new Set(dates).size === dates.length;
    return {
      publisher,
      separator: byDate ? ', ' : '; ',
      items: sources.map((s) => ({
        source: s,
        tag: sources.length === 1 ? publisher : byDate ? formatDate(s.date!, isoPrecision(s.date!), locale, 'long') : s.title,
      })),
    };
  });
}
