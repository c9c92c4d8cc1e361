/**
 * The story's content in an edition. English is the content/ files as they
 * are; another edition replaces every word from its own files (layout in
 * README, "Spanish edition") and keeps every number, date, id and source from
 * the English ones. A missing translation is a build error naming the file
 * and the key or id, never English on a Spanish page.
 */
import { existsSync } from 'node:fs';
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { edition, DEFAULT_LOCALE, type Locale } from './index';
import { translated } from '../rows';
import { hasStrings } from '../ui';
import { factDisplay, type FactRow } from './facts';
import { figureIdsIn } from '../embed/steps';

export type Chapter = CollectionEntry<'chapters'>;
export type FigureEntry = CollectionEntry<'figures'>;

/** Entries in a collection of another edition, without Astro's warning for one not written yet. */
async function getEntryCount(c: 'chaptersEs'): Promise<number> {
  return existsSync(`content/chapters/es`) ? (await getCollection(c)).length : 0;
}

const byOrder = <T extends { data: { order: number } }>(a: T, b: T) => a.data.order - b.data.order;

/** Every English chapter in reading order (the sequence and slugs checked). */
export async function englishChapters(): Promise<Chapter[]> {
  const all = (await getCollection('chapters')).sort(byOrder);
  all.forEach((c, i) => {
    if (c.data.order !== i + 1) throw new Error(`content/chapters/${c.id}.mdx: order ${c.data.order} breaks the sequence 1..${all.length}`);
  });
  const slugs = new Set<string>();
  for (const c of all) {
    if (slugs.has(c.data.slug)) throw new Error(`content/chapters/${c.id}.mdx: slug "${c.data.slug}" is used twice`);
    slugs.add(c.data.slug);
  }
  return all;
}

/**
 * The chapters an edition has, in reading order. Spanish: each content/chapters/es/<file>.mdx
 * beside the English file of the same name, with the same slug and order. While the
 * translation is being written, only the chapters whose file exists are built
 * (test/build/spanish.test.ts lists the missing ones).
 */
export async function chaptersIn(locale: Locale = edition): Promise<Chapter[]> {
  const en = await englishChapters();
  if (locale === DEFAULT_LOCALE) return en;
  const es = (await getEntryCount('chaptersEs')) ? await getCollection('chaptersEs') : [];
  for (const c of es) {
    const e = en.find((x) => x.id === c.id);
    if (!e) throw new Error(`content/chapters/es/${c.id}.mdx: no English chapter content/chapters/${c.id}.mdx (same file name)`);
    if (c.data.slug !== e.data.slug) throw new Error(`content/chapters/es/${c.id}.mdx: slug "${c.data.slug}" must be the English file's, "${e.data.slug}"`);
    if (c.data.order !== e.data.order) throw new Error(`content/chapters/es/${c.id}.mdx: order ${c.data.order} must be the English file's, ${e.data.order}`);
  }
  return (es as unknown as Chapter[]).sort(byOrder);
}

/** Whether the edition has this chapter (slug): English always; Spanish once its file exists. */
export async function hasChapter(slug: string, locale: Locale): Promise<boolean> {
  return (await chaptersIn(locale)).some((c) => c.data.slug === slug);
}

/** A figure's entry with its copy in the edition: every label of the English entry must be translated. */
export async function figureIn(id: string, locale: Locale = edition): Promise<FigureEntry | undefined> {
  const en = await getEntry('figures', id);
  if (!en || locale === DEFAULT_LOCALE) return en;
  const t = await getEntry('figuresEs', id);
  if (!t) throw new Error(`content/figures.${locale}*.yaml: figure "${id}" is missing (title, alt, description, source, labels in that edition's language)`);
  const file = t.filePath ?? `content/figures.${locale}*.yaml`;
  if (en.data.note && !t.data.note) throw new Error(`${file}: figure "${id}": note is missing`);
  const missing = Object.keys(en.data.labels).filter((k) => typeof t.data.labels[k] !== 'string');
  if (missing.length) throw new Error(`${file}: figure "${id}": labels missing: ${missing.join(', ')}`);
  const extra = Object.keys(t.data.labels).filter((k) => !(k in en.data.labels));
  if (extra.length) throw new Error(`${file}: figure "${id}": labels not in content/figures.yaml: ${extra.join(', ')}`);
  return { ...en, data: { ...en.data, ...t.data, labels: t.data.labels } };
}

/** Every figure in the edition (each must be translated). */
export async function figuresIn(locale: Locale = edition): Promise<FigureEntry[]> {
  const all = await getCollection('figures');
  return Promise.all(all.map(async (f) => (await figureIn(f.id, locale))!));
}

/** The graphics (src/viz/<name>) that draw the figures a chapter's MDX shows (src/components/graphic-css.ts). An unknown figure id fails the build, naming it. */
export async function graphicsIn(mdx: string): Promise<string[]> {
  const names: string[] = [];
  for (const id of figureIdsIn(mdx)) {
    const f = await figureIn(id);
    if (!f) throw new Error(`[graphic-css] unknown figure id "${id}": add it to content/figures.yaml`);
    names.push(f.data.viz);
  }
  return names;
}

/** A non-chapter page's copy (cover, methods) in the edition, or undefined while its translation does not exist. */
export async function pageIn(id: string, locale: Locale = edition): Promise<CollectionEntry<'pages'> | undefined> {
  if (locale === DEFAULT_LOCALE) return getEntry('pages', id);
  return (await getEntry('pagesEs', id)) as unknown as CollectionEntry<'pages'> | undefined;
}

type SiteCollection = 'facts' | 'glossary' | 'corrections' | 'sources';

/** A row in the edition: its text from the translation; a fact's display filled from the English row's figures (facts.ts). */
function inEdition<C extends SiteCollection>(collection: C, e: CollectionEntry<C>, locale: Locale): CollectionEntry<C> {
  const data = translated(e.data as never, locale) as Record<string, unknown>;
  if (collection === 'facts' && locale !== DEFAULT_LOCALE) {
    const en = e.data as unknown as FactRow;
    data['display'] = factDisplay(String(data['display']), { ...en, id: e.id }, locale, `content/data/${locale}/facts.csv`);
  }
  return { ...e, data: data as CollectionEntry<C>['data'] };
}

/** Rows of a site collection (facts, glossary, corrections, sources) with their text in the edition. */
export async function rowsIn<C extends SiteCollection>(collection: C, locale: Locale = edition): Promise<CollectionEntry<C>[]> {
  const all = (await getCollection(collection)) as CollectionEntry<C>[];
  return all.map((e) => inEdition(collection, e, locale));
}

/** One row of a site collection in the edition. */
export async function rowIn<C extends SiteCollection>(collection: C, id: string, locale: Locale = edition): Promise<CollectionEntry<C> | undefined> {
  const e = (await getEntry(collection, id)) as CollectionEntry<C> | undefined;
  return e && inEdition(collection, e, locale);
}

/** Whether the edition's shared strings exist yet (content/ui/<locale>.json); no page of it is built before. */
export const editionReady = (locale: Locale): boolean => hasStrings(locale);
