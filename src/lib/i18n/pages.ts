/**
 * Which pages each edition has (edition-free paths: '/', '/sources/', '/<slug>/',
 * '/embed/<slug>/', '/embed/<slug>/<figure>/'). English has every page; Spanish
 * has a page once the files it reads exist (content/ui/es.json with every key
 * of en.json and content/site.es.json for any page, then the page's own copy),
 * so main keeps building while the translation lands or when a new English key
 * is added; test/build/spanish.test.ts fails while anything is missing. The Spanish routes (src/pages/es/),
 * hreflang, the language switch and the sitemap all read this one list.
 */
import { existsSync, readdirSync } from 'node:fs';
import { getCollection } from 'astro:content';
import { DEFAULT_LOCALE, type Locale } from './index';
import { chaptersIn, englishChapters } from './content';
import { hasStrings, missingStrings } from '../ui';
import { hasSiteCopy } from '../site';

/** Files a section page of another edition needs before it is built. */
export const SECTION_FILES: Record<string, (l: Locale) => string[]> = {
  '/': (l) => [`content/pages/${l}/cover.mdx`],
  '/sources/': (l) => [`content/pages/${l}/methods.mdx`, `content/data/${l}/facts.csv`, `content/data/${l}/sources.csv`],
  '/glossary/': (l) => [`content/data/${l}/glossary.csv`],
  '/corrections/': (l) => [`content/data/${l}/corrections.csv`],
};

export interface EditionPages {
  /** Section pages (cover, sources, glossary, corrections) the edition builds. */
  sections: string[];
  /** Chapter slugs the edition builds (chapter page, chapter embed, its figures' embeds). */
  chapters: string[];
  /** What is still missing for the whole edition (files), for the translation test and the build log. */
  missing: string[];
}

const cache = new Map<Locale, Promise<EditionPages>>();

export function editionPages(locale: Locale): Promise<EditionPages> {
  let p = cache.get(locale);
  if (!p) cache.set(locale, (p = compute(locale)));
  return p;
}

async function compute(locale: Locale): Promise<EditionPages> {
  const en = await englishChapters();
  if (locale === DEFAULT_LOCALE) return { sections: Object.keys(SECTION_FILES), chapters: en.map((c) => c.data.slug), missing: [] };
  const keys = missingStrings(locale);
  const base = [
    ...(hasStrings(locale) ? (keys.length ? [`content/ui/${locale}.json: ${keys.length} key(s) of en.json missing (${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''})`] : []) : [`content/ui/${locale}.json`]),
    ...(hasSiteCopy(locale) ? [] : [`content/site.${locale}.json`]),
  ];
  const have = new Set((await chaptersIn(locale)).map((c) => c.data.slug));
  const missingChapters = en.filter((c) => !have.has(c.data.slug)).map((c) => `content/chapters/${locale}/${c.id}.mdx`);
  const sectionMissing = Object.fromEntries(Object.entries(SECTION_FILES).map(([path, files]) => [path, files(locale).filter((f) => !existsSync(f))]));
  // The corrections log names chapters by their titles: built once every chapter is.
  if (missingChapters.length) sectionMissing['/corrections/']!.push('(every chapter)');
  const figuresFile = `content/figures.${locale}*.yaml`;
  const hasFigures = readdirSync('content').some((f) => f.startsWith(`figures.${locale}.`));
  const missing = [
    ...base,
    ...missingChapters,
    ...Object.values(sectionMissing).flat().filter((f) => !f.startsWith('(')),
    ...(hasFigures ? [] : [figuresFile]),
  ];
  if (base.length) return { sections: [], chapters: [], missing: [...new Set(missing)] };
  // A chapter waits until each of its figures has its copy (its build would fail naming the figure).
  const translatedFigures = new Set(hasFigures ? (await getCollection('figuresEs')).map((f) => f.id) : []);
  const untranslated = (await getCollection('figures')).filter((f) => !translatedFigures.has(f.id));
  const chapters = [...have].filter((slug) => !untranslated.some((f) => f.data.chapter === slug));
  return {
    sections: Object.keys(SECTION_FILES).filter((p) => sectionMissing[p]!.length === 0),
    chapters: en.map((c) => c.data.slug).filter((s) => chapters.includes(s)),
    missing: [...new Set([...missing, ...untranslated.map((f) => `${figuresFile}: figure "${f.id}"`)])],
  };
}

/** Whether `path` (edition-free) is built in `locale`. */
export async function hasPage(locale: Locale, path: string): Promise<boolean> {
  const pages = await editionPages(locale);
  if (pages.sections.includes(path)) return true;
  const m = /^\/(?:embed\/)?([a-z0-9-]+)\/(?:[a-z0-9-]+\/)?$/.exec(path);
  return Boolean(m && pages.chapters.includes(m[1]!));
}
