/**
 * /sitemap.xml: one sitemap for both editions. Every indexable page (cover,
 * chapters, Sources, glossary, corrections; not embeds, which are noindex, nor
 * the moderators' page) in each edition that has it (src/lib/i18n/pages.ts),
 * each with its hreflang alternates and x-default (English).
 */
import type { APIRoute } from 'astro';
import { LOCALES, localePath, type Locale } from '../lib/i18n';
import { editionPages } from '../lib/i18n/pages';
import { site as story } from '../lib/site';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export const GET: APIRoute = async ({ site }) => {
  const byLocale = new Map<Locale, Set<string>>();
  for (const l of LOCALES) {
    const p = await editionPages(l);
    byLocale.set(l, new Set([...p.sections, ...p.chapters.map((s) => `/${s}/`)]));
  }
  const paths = [...byLocale.get('en')!];
  const abs = (p: string) => esc(new URL(p, site).href);
  const urls = paths.flatMap((path) => {
    const has = LOCALES.filter((l) => byLocale.get(l)!.has(path));
    const alts = has.length > 1 ? [...has.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${abs(localePath(l, path))}"/>`), `<xhtml:link rel="alternate" hreflang="x-default" href="${abs(path)}"/>`].join('') : '';
    return has.map((l) => `<url><loc>${abs(localePath(l, path))}</loc><lastmod>${story.updated}</lastmod>${alts}</url>`);
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(xml, { headers: { 'content-type': 'application/xml' } });
};
