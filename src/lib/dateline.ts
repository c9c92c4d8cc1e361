/**
 * Dates as readers see them, and the story's structured data. The dates
 * themselves come only from content/site.json (src/lib/site.ts); this file
 * formats them for the page's locale and builds the JSON-LD that search
 * engines and news aggregators read. No date is written in code.
 */
import { site } from './site';
import { localeTag, type Locale } from './ui';

/**
 * "27 November 2026" (or "27 de noviembre de 2026"): an ISO date formatted with
 * Intl.DateTimeFormat for the page's locale. The locale tag used for
 * formatting is an interface string (`locale.intl`), so each edition picks its
 * own convention. Read as a calendar date (UTC), so no time zone moves it a day.
 */
export function formatDate(iso: string, locale: Locale = 'en'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`[dateline] expected an ISO date YYYY-MM-DD, got "${iso}"`);
  const fmt = new Intl.DateTimeFormat(localeTag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return fmt.format(new Date(`${iso}T00:00:00Z`));
}

/**
 * JSON for a <script type="application/ld+json">: `<` is escaped as \u003c so
 * no string in the data can close the script element (`</script>`) or open a
 * comment; the result still parses as the same JSON.
 */
export function jsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The story as a whole (the cover), which every chapter is part of. */
export function storyId(home: URL): string {
  return `${home.href}#story`;
}

function organisation(home: URL) {
  return { '@type': 'Organization', '@id': `${home.href}#publisher`, name: site.name, url: home.href };
}

function desk(home: URL) {
  return { '@type': 'Organization', name: site.byline, url: home.href, parentOrganization: { '@id': `${home.href}#publisher` } };
}

export interface ArticleInput {
  headline: string;
  description: string;
  /** Absolute canonical URL of the page. */
  url: string;
  /** The site's root URL (Astro.site). */
  home: URL;
  locale: Locale;
  /** 1-based chapter position within the story. */
  position?: number;
}

/** schema.org NewsArticle for one chapter page: part of the story, dated from content/site.json. */
export function chapterArticle(a: ArticleInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.headline,
    description: a.description,
    url: a.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': a.url },
    datePublished: site.published,
    dateModified: site.updated,
    inLanguage: a.locale,
    author: desk(a.home),
    publisher: organisation(a.home),
    isPartOf: { '@type': 'CreativeWork', '@id': storyId(a.home), name: site.name, url: a.home.href },
    ...(a.position ? { position: a.position } : {}),
  };
}

/** The cover: the site (WebSite) and the story as a whole (NewsArticle) with its chapters as parts. */
export function coverGraph(a: ArticleInput & { chapters: { headline: string; url: string }[] }): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', '@id': `${a.home.href}#website`, name: site.name, url: a.home.href, inLanguage: a.locale, publisher: { '@id': `${a.home.href}#publisher` } },
      organisation(a.home),
      {
        '@type': 'NewsArticle',
        '@id': storyId(a.home),
        headline: a.headline,
        description: a.description,
        url: a.url,
        mainEntityOfPage: { '@type': 'WebPage', '@id': a.url },
        datePublished: site.published,
        dateModified: site.updated,
        inLanguage: a.locale,
        author: desk(a.home),
        publisher: { '@id': `${a.home.href}#publisher` },
        isPartOf: { '@id': `${a.home.href}#website` },
        hasPart: a.chapters.map((c) => ({ '@type': 'NewsArticle', headline: c.headline, url: c.url })),
      },
    ],
  };
}
