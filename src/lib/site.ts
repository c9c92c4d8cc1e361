/**
 * Story-wide settings from content/site.json: name, desk byline, and the
 * `published` / `updated` dates that every dateline, "Today" mark and
 * JSON-LD dateModified comes from. Validated once; a bad date fails the build.
 */
import { z } from 'astro/zod';
import raw from '../../content/site.json';
import { edition, DEFAULT_LOCALE, type Locale } from './i18n';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date, YYYY-MM-DD');

const schema = z
  .object({
    /** Name of the story, used in titles and credits. */
    name: z.string().min(3),
    /** Desk byline (no invented person). */
    byline: z.string().min(3),
    /** First publication date (ISO). */
    published: isoDate,
    /** Date of the last change of fact or copy (ISO); "Today" on the timelines. */
    updated: isoDate,
  })
  .refine((s) => s.updated >= s.published, { message: 'updated must not be before published' });

const parsed = schema.safeParse(raw);
if (!parsed.success) {
  throw new Error(`content/site.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}

const english = parsed.data;

/** Other editions' name and byline: content/site.<locale>.json (dates stay the English file's). */
const translatedFiles = import.meta.glob<Record<string, unknown>>('../../content/site.*.json', { eager: true, import: 'default' });
const copySchema = z.strictObject({ $comment: z.string().optional(), name: z.string().min(3), byline: z.string().min(3) });
const copies: Partial<Record<string, { name: string; byline: string }>> = {};
for (const [p, data] of Object.entries(translatedFiles)) {
  const locale = p.split('/').pop()!.replace(/^site\.|\.json$/g, '');
  const r = copySchema.safeParse(data);
  if (!r.success) throw new Error(`content/site.${locale}.json: ${r.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  copies[locale] = { name: r.data.name, byline: r.data.byline };
}

/** The name and byline in an edition; a missing content/site.<locale>.json is a build error. */
export function siteCopy(locale: Locale): { name: string; byline: string } {
  if (locale === DEFAULT_LOCALE) return english;
  const c = copies[locale];
  if (!c) throw new Error(`content/site.${locale}.json is missing: the site's name and byline in that edition`);
  return c;
}

/** Whether content/site.<locale>.json exists. */
export const hasSiteCopy = (locale: Locale): boolean => locale === DEFAULT_LOCALE || Boolean(copies[locale]);

/** The story's settings; `name` and `byline` in the edition being rendered. */
export const site = {
  get name(): string {
    return siteCopy(edition).name;
  },
  get byline(): string {
    return siteCopy(edition).byline;
  },
  published: english.published,
  updated: english.updated,
};
