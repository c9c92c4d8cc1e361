/**
 * Each edition's "not found" page at <edition>/404.html, beside the English
 * dist/404.html: Astro builds src/pages/es/404.astro as an ordinary page
 * (es/404/index.html), which would also be a page of its own at /es/404/.
 * After the build (and before postbuild precompresses and hashes), it moves to
 * es/404.html, the file scripts/serve.mjs and deploy/nginx.conf.template answer
 * a miss under /es/ with, and the folder goes.
 */
import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** @returns {import('astro').AstroIntegration} */
export default function edition404() {
  return {
    name: 'chancay-edition-404',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const moved = [];
        for (const e of await readdir(root, { withFileTypes: true })) {
          if (!e.isDirectory() || !/^[a-z]{2}$/.test(e.name)) continue;
          const from = path.join(root, e.name, '404', 'index.html');
          if (!existsSync(from)) continue;
          await rename(from, path.join(root, e.name, '404.html'));
          await rm(path.join(root, e.name, '404'), { recursive: true });
          moved.push(`/${e.name}/404.html`);
        }
        if (moved.length) logger.info(`not-found pages: ${moved.join(', ')}`);
      },
    },
  };
}
