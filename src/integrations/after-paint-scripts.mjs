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
 * an off-screen cross-origin iframe), 3 s after DOMContentLoaded; where the
 * browser reports no paint timing, at DOMContentLoaded.
 *
 * Order: the scripts run in document order, but each as its own task, so a
 * figure's IntersectionObserver can fire between two of them. <chancay-figure>
 * therefore waits for <scrolly-section> to be defined before it mounts, and
 * reads the section's current step once mounted (src/components/chancay-figure.ts);
 * the reduced-motion plain article is chosen here at DOMContentLoaded, before
 * any script (see LOADER).
 *
 * Pages under /moderate/ are left alone (a tool, not a page readers load).
 * Runs before postbuild, which hashes inline scripts and compresses files.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { forEachPage } from './built-pages.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The head script: sets the `js` class, and the `body-face` class when the body face's files
 * (`data-body-face` on <html>) are in the browser's cache: a previous page fetched them and
 * noted it in localStorage under their (hashed) URLs. Then, after the first paint, it loads
 * `data-modules`, fetches the chart label face where the page has a figure (declared in
 * BaseLayout.astro, which lists its fonts in `data-chart-face`; never on the path to the first
 * paint) and, once both of its files are in (or 3 s on, should one never arrive), sets the
 * `chart-face` class on each `.figure`, one figure per frame (chart text then uses the face;
 * global.css; until then a figure's SVG text is not laid out at all, so 3 s, not longer, is the
 * most a reader on a failing connection waits for a chart's labels, which then come in the fallback face), and when the page is idle fetches the body face's files for the next page if this
 * one read without them (tokens.css). Why the chart face goes on figure by figure, after its files: setting one class
 * on <html> laid out all chart text three times in a row, once in the fallback face and once as
 * each file arrived (33-54, 18-33 ms unthrottled on chapter 2), and Lighthouse multiplies each
 * such task by its CPU slowdown (x8-9 here): the largest share of that chapter's TBT
 * (`LHCI_SAVE_TRACE=1 npm run lhci`, then `node scripts/lhr-tasks.mjs`, 5 Dec 2026). Why: a face the first paint asks for is on
 * the path to the largest paint in Lighthouse's simulation, a round trip and its download
 * (chapter 2's LCP 1.17-1.31 s against FCP 1.06 s, 5 Dec 2026; 1.2 s is the budget), and with
 * `font-display: optional` a first visit on a slow connection read in the system serif anyway.
 * At DOMContentLoaded it also gives a reader who asked for reduced motion, or
 * whose screen is too short for a stage and a card (SHORT_MEDIA in
 * src/lib/scrolly.ts, written here as its string; not in a frame), the plain
 * article at once (data-mode="plain" on each scroll-driven section, the mode
 * <scrolly-section> itself picks when it starts): the page's first paint
 * no longer waits for the scripts, so it must not show the scroll layout that
 * they would then take away.
 */
export const LOADER =
  "(function(d,w){var h=d.documentElement,m=h.getAttribute('data-modules'),done=0,faced=0,painted=0,parsed=0,K='chancay-body-face',S;h.classList.add('js');" +
  "var F=h.getAttribute('data-body-face');try{S=w.localStorage;if(F&&S.getItem(K)===F)h.classList.add('body-face')}catch(e){S=null}" +
  "function warm(){if(!F||!S||!w.fetch||h.classList.contains('body-face'))return;" +
  "Promise.all(F.split(' ').map(function(u){return fetch(u).then(function(r){if(!r.ok)throw r;return r.arrayBuffer()})})).then(function(){try{S.setItem(K,F)}catch(e){}},function(){})}" +
  "function face(){if(faced)return;faced=1;var q=[].slice.call(d.querySelectorAll('.figure'));function next(){var e=q.shift();if(e){e.classList.add('chart-face');w.requestAnimationFrame(next)}}w.requestAnimationFrame(next)}" +
  "function go(){if(done)return;done=1;var f=d.fonts;if(d.querySelector('.figure')){var C=h.getAttribute('data-chart-face');if(f&&f.load&&C){Promise.all(C.split('|').map(function(c){return f.load(c)})).then(face,face);setTimeout(face,3000)}else face()}" +
  "if(w.requestIdleCallback)w.requestIdleCallback(warm,{timeout:4000});else setTimeout(warm,2000);" +
  "if(m)m.split(' ').forEach(function(s){var e=d.createElement('script');e.type='module';e.src=s;e.async=false;d.head.appendChild(e)})}" +
  "function both(){if(painted&&parsed)setTimeout(go)}" +
  "var P=w.PerformanceObserver;if(P&&P.supportedEntryTypes&&P.supportedEntryTypes.indexOf('paint')>=0)" +
  "new P(function(l,o){if(l.getEntriesByName('first-contentful-paint').length){o.disconnect();painted=1;both()}}).observe({type:'paint',buffered:true});else painted=1;" +
  "function ready(){if(w.matchMedia&&(w.matchMedia('(prefers-reduced-motion: reduce)').matches||w.parent===w&&w.matchMedia('(max-height: 479px)').matches))d.querySelectorAll('scrolly-section[data-mode=scroll]').forEach(function(s){s.setAttribute('data-mode','plain')});" +
  "parsed=1;both();setTimeout(go,3000)}" +
  "if(d.readyState==='loading')d.addEventListener('DOMContentLoaded',ready);else ready()})(document,window)";

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
        await forEachPage(root, async (p) => {
          if (path.relative(root, p).split(path.sep)[0] === 'moderate') return;
          const r = deferModules(await readFile(p, 'utf8'));
          if (r.modules.length) {
            await writeFile(p, r.html);
            pages++;
          }
        });
        logger.info(`${pages} page(s) load their scripts after the first paint`);
      },
    },
  };
}
