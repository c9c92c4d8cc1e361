/**
 * Story-wide settings from content/site.json: name, desk byline, and the
 * `published` / `updated` dates that every dateline, "Today" mark and
 * JSON-LD dateModified comes from. Validated once; a bad date fails the build.
 */
import { z } from 'astro/zod';
import raw from '../../content/site.json';

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

export const site = parsed.data;
