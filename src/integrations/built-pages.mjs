// @ts-check
// The built pages, for integrations that rewrite or read dist/ after the build
// (figure-data, figure-files, step-stills): every .html file under `root`,
// depth first in directory order (figure-files relies on a chapter page coming
// before its embed page), one at a time.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** @param {string} root @param {(file: string) => Promise<void>} fn */
export async function forEachPage(root, fn) {
  for (const e of await readdir(root, { withFileTypes: true })) {
    const p = path.join(root, e.name);
    if (e.isDirectory()) await forEachPage(p, fn);
    else if (e.name.endsWith('.html')) await fn(p);
  }
}
