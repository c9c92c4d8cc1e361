// @ts-check
/**
 * Writes each scrolly step's still picture (the plain article, see
 * src/lib/viz/still-files.ts) to /stills/<figure>-<n>.svg after the build:
 * the `<template class="step-still-src">` Scrolly.astro leaves after each
 * step's <img> is taken out of the page and becomes a standalone SVG with the
 * page's styles for that graphic inlined, in the light theme and, under
 * prefers-color-scheme: dark (which an SVG image follows), the dark one (the same conversion as
 * the figure downloads, src/integrations/figure-files.mjs). The chapter page
 * and its embed build the same pictures; each file is written once, and two
 * different pictures for one file name fail the build.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { forEachPage } from './built-pages.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chartFaces, cssFor, pageStyles, darkTokens, standaloneSvg, stillFace, svgCss, CHART_FAMILY as CHART } from './figure-files.mjs';

export { cssFor };

const TEMPLATE = /<template class="step-still-src" data-file="([^"]+)" data-scope="([^"]+)" data-title="([^"]*)" data-source="([^"]*)">([\s\S]*?)<\/template>/g;

const SANS = "system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif";
const unattr = (/** @type {string} */ s) => s.replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');


/** @returns {import('astro').AstroIntegration} */
export default function stepStills() {
  return {
    name: 'chancay-step-stills',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const outDir = path.join(root, 'stills');
        await mkdir(outDir, { recursive: true });
        /** @type {Map<string, string>} */
        const written = new Map();
        const faces = await chartFaces();
        await forEachPage(root, async (p) => {
          const html = await readFile(p, 'utf8');
          if (!html.includes('step-still-src')) return;
          const rawCss = pageStyles(html);
          const pageCss = svgCss(rawCss);
          const bg = /--c-bg:\s*([^;}]+)/.exec(html)?.[1]?.trim() ?? '#fbfaf7';
          // On a dark page the still is drawn in the dark theme's colours (an SVG image follows the
          // reader's colour scheme): a cream panel glared on the dark page (review, 6 Dec 2026).
          const dark = darkTokens(rawCss);
          if (!dark.get('--c-bg')) throw new Error(`[step-stills] ${path.relative(root, p)}: no dark theme (:root[data-theme=dark]) in the page's styles`);
          const pageCssDark = svgCss(rawCss, dark);
          /** @type {Promise<void>[]} */
          const jobs = [];
          const out = html.replace(TEMPLATE, (_, file, scope, title, source, svg) => {
            if (!/^[\w-]+\.svg$/.test(file)) throw new Error(`[step-stills] ${path.relative(root, p)}: bad still file name "${file}"`);
            // Shown by the browser, not resvg: in the chart face, carried inside the file (stillFace), the system's sans as a fallback.
            // The picture's content sits in <g class="scope">, not in the page's <svg> inside it: `.scope svg` rules apply to the g.
            const scoped = (/** @type {string} */ c) => c.split(`.${scope} svg`).join(`.${scope}`);
            const rules = (/** @type {string} */ c) => cssFor(scoped(c), scope, svg).replace(/font-family:'[^']*'/g, `font-family:'${CHART}',${SANS}`);
            // FACE: the still's own subset of the chart face (stillFace), added once the subset is made.
            const css =
              `/*FACE*/text{font-family:'${CHART}',${SANS};font-kerning:none;font-variant-ligatures:none;font-synthesis:style}` +
              rules(pageCss) +
              `@media (prefers-color-scheme:dark){svg>rect:first-of-type{fill:${dark.get('--c-bg')}}${rules(pageCssDark)}}`;
            const doc = standaloneSvg({ svg, title: unattr(title), source: unattr(source), sourceLine: unattr(source), scope, tables: [] }, css, bg, false);
            const before = written.get(file);
            if (before !== undefined && before !== doc) throw new Error(`[step-stills] ${path.relative(root, p)}: /stills/${file} differs from the same still on another page`);
            if (before === undefined) {
              written.set(file, doc);
              jobs.push(stillFace(doc, faces).then((face) => writeFile(path.join(outDir, file), doc.replace('/*FACE*/', face))));
            }
            return '';
          });
          await Promise.all(jobs);
          await writeFile(p, out);
        });
        logger.info(`${written.size} step still(s) in /stills/`);
      },
    },
  };
}
