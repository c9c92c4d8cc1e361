/**
 * The self-hosted font files' current names. scripts/fonts.mjs (run before
 * every build) writes public/fonts/<face>-<hash>.woff2, a new name for every
 * new subset, so /fonts/ can be cached as immutable like /_astro/.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve('public/fonts');

/** `/fonts/<face>-<hash>.woff2` for a face written by scripts/fonts.mjs (e.g. 'serif', 'serif-400-italic'). */
export function fontUrl(face: string): string {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    /* reported below */
  }
  const re = new RegExp(`^${face.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9a-f]{10}\\.woff2$`);
  const found = names.filter((n) => re.test(n));
  if (found.length !== 1) {
    throw new Error(`[fonts] expected one public/fonts/${face}-<hash>.woff2, found ${found.length}: run \`node scripts/fonts.mjs\` (npm run build does)`);
  }
  return `/fonts/${found[0]}`;
}
