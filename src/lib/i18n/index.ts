/**
 * The editions: one `Locale` type, the URL prefix of each, the edition being
 * rendered, and the Intl tag every number and date of an edition is formatted
 * with (content/ui/<locale>.json, key `locale.intl`: en-GB, es-PE).
 *
 * English lives at the site's root, Spanish under /es/ (Astro i18n routing,
 * astro.config.mjs). `edition` is the locale of the page being rendered:
 * at build time src/middleware.ts sets it from the page's URL before the page
 * renders (pages are rendered one at a time), in the browser it is the
 * document's <html lang>. Code that formats or looks up copy reads it, so a
 * graphic never names a language.
 */

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

function documentLocale(): Locale {
  if (typeof document === 'undefined') return DEFAULT_LOCALE;
  const lang = document.documentElement.lang.slice(0, 2);
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/** The edition being rendered (a live binding: importers see setEdition's change). */
export let edition: Locale = documentLocale();

/** Called once per page before it renders (src/middleware.ts). */
export function setEdition(locale: string | undefined): Locale {
  edition = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return edition;
}

/** The URL prefix of an edition: '' for English, '/es' for Spanish. */
export function prefix(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? '' : `/${locale}`;
}

/** A site path in an edition: localePath('es', '/sources/') === '/es/sources/'. Keeps a #hash. */
export function localePath(locale: Locale, path: string): string {
  if (!path.startsWith('/')) throw new Error(`[i18n] localePath expects a site path starting with "/", got "${path}"`);
  return `${prefix(locale)}${path}`;
}

/** Split a site path into its edition and the edition-free path: '/es/x/' -> { locale: 'es', path: '/x/' }. */
export function splitPath(pathname: string): { locale: Locale; path: string } {
  const m = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
  if (m && isLocale(m[1]) && m[1] !== DEFAULT_LOCALE) return { locale: m[1], path: m[2] ?? '/' };
  return { locale: DEFAULT_LOCALE, path: pathname };
}

/** The other editions of a path, for hreflang and the language switch. */
export function alternates(pathname: string): { locale: Locale; path: string }[] {
  const { path } = splitPath(pathname);
  return LOCALES.map((locale) => ({ locale, path: localePath(locale, path) }));
}

/** A site path in the edition being rendered: lp('/sources/') is '/es/sources/' on a Spanish page. */
export const lp = (path: string): string => localePath(edition, path);
