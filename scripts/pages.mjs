// Lists the built site's pages (from dist/), for Lighthouse CI, axe and the bench.
// --lighthouse: every page a reader or a newsroom loads (no moderation page).
import { readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.env.DIST_DIR ?? fileURLToPath(new URL('../dist', import.meta.url));

/** An embed page (/embed/…, or a language's /es/embed/…): noindex on purpose. */
export const isEmbed = (/** @type {string} */ p) => /^\/(?:[a-z]{2}\/)?embed\//.test(p);

export function listPages(dir = root) {
  /** @type {string[]} */
  const out = [];
  const walk = (/** @type {string} */ d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) {
        if (name === '_astro' || name === 'fonts') continue;
        walk(p);
      } else if (name === 'index.html') {
        out.push('/' + path.relative(dir, d).split(path.sep).join('/') + (d === dir ? '' : '/'));
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.map((p) => p.replace(/^\/\//, '/')).filter((p) => !p.startsWith('/moderate')).sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(JSON.stringify(listPages()));
}
