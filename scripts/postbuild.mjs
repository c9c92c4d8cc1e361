// @ts-check
// The last step of every build (an Astro integration, so plain `astro build`
// runs it too):
//  1. the header manifest dist/.headers.json: build mode, site address and the
//     sha256 of every inline script, so both front servers (scripts/serve.mjs,
//     the nginx configuration from deploy/render-nginx.mjs) send a
//     Content-Security-Policy that allows exactly those scripts;
//  2. precompressed copies next to every text file: `file.br` (brotli, best
//     quality) and `file.gz` (gzip -9), served by nginx's brotli_static and
//     gzip_static and by serve.mjs, so no server compresses per request.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { MANIFEST } from '../deploy/policy.mjs';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text types worth compressing (fonts and images are compressed already, except SVG). */
export const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|xml|txt|webmanifest)$/;
/** Below this, a compressed copy saves less than its own headers. */
const MIN_BYTES = 256;

/** @param {string} dir @returns {Promise<string[]>} */
async function files(dir) {
  /** @type {string[]} */
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * The executable inline scripts of a page (not JSON data blocks, not `src=` scripts).
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScripts(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1] ?? '';
    if (/\ssrc\s*=/i.test(attrs)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && type !== 'module' && type !== 'text/javascript' && type !== 'application/javascript') continue;
    out.push(m[2] ?? '');
  }
  return out;
}

/** @param {string} code */
export function scriptHash(code) {
  return 'sha256-' + createHash('sha256').update(code, 'utf8').digest('base64');
}

/**
 * @param {string} root the built site
 * @param {{ mode: 'production' | 'local', site: string }} info
 */
export async function postbuild(root, info) {
  const all = (await files(root)).filter((f) => !/\.(br|gz)$/.test(f));
  const hashes = new Set();
  for (const f of all.filter((f) => f.endsWith('.html'))) {
    for (const code of inlineScripts(await readFile(f, 'utf8'))) hashes.add(scriptHash(code));
  }
  const manifest = { mode: info.mode, site: info.site, scriptHashes: [...hashes].sort() };
  await writeFile(path.join(root, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');

  let raw = 0;
  let br = 0;
  let count = 0;
  await Promise.all(
    all
      .filter((f) => COMPRESSIBLE.test(f))
      .map(async (f) => {
        const body = await readFile(f);
        if (body.length < MIN_BYTES) return;
        const [b, g] = await Promise.all([
          brotli(body, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            },
          }),
          gzip(body, { level: 9 }),
        ]);
        // Same mtime as the original: nginx's ETag and Last-Modified stay meaningful.
        const { mtime } = await stat(f);
        if (b.length < body.length) await writeFile(f + '.br', b);
        if (g.length < body.length) await writeFile(f + '.gz', g);
        for (const ext of ['.br', '.gz']) await utimes(f + ext, mtime, mtime).catch(() => {});
        raw += body.length;
        br += b.length;
        count++;
      }),
  );
  return { manifest, count, raw, br };
}

/**
 * @param {{ mode: 'production' | 'local', site: string }} info
 * @returns {import('astro').AstroIntegration}
 */
export default function postbuildIntegration(info) {
  return {
    name: 'chancay-postbuild',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const r = await postbuild(fileURLToPath(dir), info);
        logger.info(
          `${info.mode} build for ${info.site}: ${r.manifest.scriptHashes.length} inline script hash(es) in ${MANIFEST}; ` +
            `${r.count} files precompressed (${(r.raw / 1024).toFixed(0)} kB → ${(r.br / 1024).toFixed(0)} kB brotli)`,
        );
      },
    },
  };
}
