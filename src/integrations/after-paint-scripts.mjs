// @ts-check
/**
 * Page scripts start loading after the first paint (issue 12, budgets).
 *
 * Astro writes each component's script as `<script type="module" src>` in the
 * body. The browser fetches those as soon as its preload scanner sees them and
 * runs them before the first frame when the HTML arrives in one piece, so on a
 * phone the first paint waits for up to five script requests (and, on the
 * cover, for the comment-count request the cover's script makes). Every page
 * is readable without JavaScript (each graphic's first state is build-time
 * SVG), so none of it is needed for the first paint.
 *
 * After the build, this moves each page's module scripts into one attribute,
 * `<html data-modules="/_astro/a.js /_astro/b.js">`, and the inline script in
 * BaseLayout's <head> (LOADER below, the same bytes on every page, so one CSP
 * hash) inserts them, in document order (`async = false`), once the document
 * is parsed (DOMContentLoaded, as module scripts would) and its first
 * contentful paint has been reported (a `paint` PerformanceObserver, so the
 * paint is on screen, not only drawn); where no paint comes (a background tab,
 * an off-screen cross-origin iframe), 1.5 s after DOMContentLoaded; where the
 * browser reports no paint timing, at DOMContentLoaded.
 *
 * Pages under /moderate/ are left alone (a tool, not a page readers load).
 * Runs before postbuild, which hashes inline scripts and compresses files.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The head script: sets the `js` class, then loads `data-modules` after the first paint. */
export const LOADER =
  "(function(d){var h=d.documentElement,m=h.getAttribute('data-modules'),done=0,painted=0,parsed=0;h.classList.add('js');if(!m)return;" +
  "function go(){if(done)return;done=1;m.split(' ').forEach(function(s){var e=d.createElement('script');e.type='module';e.src=s;e.async=false;d.head.appendChild(e)})}" +
  "function both(){if(painted&&parsed)setTimeout(go)}" +
  "var P=window.PerformanceObserver;if(P&&P.supportedEntryTypes&&P.supportedEntryTypes.indexOf('paint')>=0)" +
  "new P(function(l,o){if(l.getEntriesByName('first-contentful-paint').length){o.disconnect();painted=1;both()}}).observe({type:'paint',buffered:true});else painted=1;" +
  "function ready(){parsed=1;both();setTimeout(go,1500)}" +
  "if(d.readyState==='loading')d.addEventListener('DOMContentLoaded',ready);else ready()})(document)";

const MODULE_TAG = /<script type="module" src="([^"]+)"><\/script>/g;

/**
 * Moves a page's module scripts into `data-modules` on <html>. A page without
 * the loader in its <head>, or without module scripts, is returned unchanged.
 * @param {string} html
 * @returns {{ html: string, modules: string[] }}
 */
export function deferModules(html) {
  if (!html.includes(LOADER)) return { html, modules: [] };
  /** @type {string[]} */
  const modules = [];
  const body = html.replace(MODULE_TAG, (_, src) => {
    if (/\s/.test(src)) throw new Error(`after-paint-scripts: a script address with a space cannot go in data-modules: ${src}`);
    if (!modules.includes(src)) modules.push(src);
    return '';
  });
  if (!modules.length) return { html, modules };
  if (/<html\b[^>]*\sdata-modules=/.test(body)) throw new Error('after-paint-scripts: <html> already has data-modules');
  const out = body.replace(/<html\b[^>]*/, (tag) => `${tag} data-modules="${modules.join(' ')}"`);
  if (out === body) throw new Error('after-paint-scripts: no <html> tag');
  return { html: out, modules };
}

/** @returns {import('astro').AstroIntegration} */
export default function afterPaintScripts() {
  return {
    name: 'chancay-after-paint-scripts',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        let pages = 0;
        const walk = async (/** @type {string} */ d) => {
          for (const e of await readdir(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) {
              if (path.relative(root, p) !== 'moderate') await walk(p);
            } else if (e.name.endsWith('.html')) {
              const html = await readFile(p, 'utf8');
              const r = deferModules(html);
              if (r.modules.length) {
                await writeFile(p, r.html);
                pages++;
              }
            }
          }
        };
        await walk(root);
        logger.info(`${pages} page(s) load their scripts after the first paint`);
      },
    },
  };
}
