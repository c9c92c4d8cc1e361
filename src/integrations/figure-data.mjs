// @ts-check
/**
 * Moves each figure's browser data out of the HTML after the build: the
 * `<script type="application/json" class="figure__data">` a graphic's .astro
 * component writes, and the figure's labels (`class="figure__labels"`,
 * Figure.astro), each become an empty tag pointing at /_data/<hash>.json, which
 * <chancay-figure> fetches only when the graphic mounts. The build-time SVG
 * and the data table stay in the page; the reader's first bytes are the
 * story, not the chart's data. Identical data (chapter and embed pages) is
 * written once.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { forEachPage } from './built-pages.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TAG = /<script type="application\/json" class="(figure__data|figure__labels)">([\s\S]*?)<\/script>/g;

/** @returns {import('astro').AstroIntegration} */
export default function figureData() {
  return {
    name: 'chancay-figure-data',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const outDir = path.join(root, '_data');
        await mkdir(outDir, { recursive: true });
        const written = new Set();
        await forEachPage(root, async (p) => {
          const html = await readFile(p, 'utf8');
          /** @type {Promise<void>[]} */
          const jobs = [];
          const out = html.replace(TAG, (_, cls, json) => {
            const name = createHash('sha256').update(json).digest('hex').slice(0, 16) + '.json';
            if (!written.has(name)) {
              written.add(name);
              jobs.push(writeFile(path.join(outDir, name), json));
            }
            return `<script type="application/json" class="${cls}" data-src="/_data/${name}"></script>`;
          });
          await Promise.all(jobs);
          if (out !== html) await writeFile(p, out);
        });
      },
    },
  };
}
