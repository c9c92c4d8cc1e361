// @ts-check
/**
 * Builds the host-page loader src/embed-host/embed.ts into /embed.js: one
 * minified, dependency-free IIFE (a classic script, so `async`/`defer` and a
 * CSP that allows only our origin both work). In dev it is served from memory.
 */
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const entry = fileURLToPath(new URL('./embed.ts', import.meta.url));
/** The loader's budget, gzip bytes. */
export const EMBED_BUDGET = 3 * 1024;

/** The iframe's title when a newsroom's placeholder has no data-title: from content (site name, interface string). */
function fallbackTitle() {
  const root = new URL('../../', import.meta.url);
  const site = JSON.parse(readFileSync(new URL('content/site.json', root), 'utf8'));
  const ui = JSON.parse(readFileSync(new URL('content/ui/en.json', root), 'utf8'));
  const s = ui['embed.fallback_title'];
  if (typeof s !== 'string') throw new Error('[embed.js] missing string "embed.fallback_title" in content/ui/en.json');
  return s.replace('{name}', site.name);
}

export async function buildEmbed() {
  const out = await build({
    define: { __EMBED_FALLBACK_TITLE__: JSON.stringify(fallbackTitle()) },
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    legalComments: 'none',
  });
  const code = out.outputFiles[0].text;
  const gz = gzipSync(code, { level: 9 }).length;
  if (gz > EMBED_BUDGET) throw new Error(`[embed.js] ${gz} B gzip is over the ${EMBED_BUDGET} B budget`);
  return { code, gz };
}

/** @returns {import('astro').AstroIntegration} */
export default function embedHost() {
  return {
    name: 'chancay-embed-host',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(async (req, res, next) => {
          if (req.url?.split('?')[0] !== '/embed.js') return next();
          try {
            const { code } = await buildEmbed();
            res.setHeader('content-type', 'text/javascript; charset=utf-8');
            res.setHeader('access-control-allow-origin', '*');
            res.end(code);
          } catch (e) {
            next(e);
          }
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { code, gz } = await buildEmbed();
        await writeFile(new URL('embed.js', dir), code);
        logger.info(`embed.js: ${code.length} B, ${gz} B gzip (budget ${EMBED_BUDGET} B)`);
      },
    },
  };
}
