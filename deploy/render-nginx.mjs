#!/usr/bin/env node
// @ts-check
// Renders deploy/nginx.conf.template for one deployment (or one test run).
//   node deploy/render-nginx.mjs --root /srv/chancay/dist --listen 80 \
//     --upstream 127.0.0.1:8361 --upstream 127.0.0.1:8362 --prefix /var/lib/chancay-nginx
// prints the configuration. The headers come from deploy/policy.mjs and the
// build's dist/.headers.json (CSP script hashes); a dist/ built with
// BUILD_MODE=local (links to 127.0.0.1) is refused unless --allow-local.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { contentSecurityPolicy, readManifest, FRAMEABLE_PREFIXES, IMMUTABLE, IMMUTABLE_PREFIXES, MANIFEST, REVALIDATE } from './policy.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TEMPLATE = path.join(here, 'nginx.conf.template');
/**
 * The text types the build precompresses (scripts/postbuild.mjs COMPRESSIBLE), by
 * extension: a `.br` copy served for `x.js` must still say it is JavaScript.
 */
export const PRECOMPRESSED_TYPES = {
  html: 'text/html',
  js: 'application/javascript',
  css: 'text/css',
  json: 'application/json',
  svg: 'image/svg+xml',
  xml: 'application/xml',
  txt: 'text/plain',
};

/**
 * @typedef {{
 *   root: string, listen: string | number, upstreams: string[], prefix: string,
 *   serverName?: string, user?: string | null, maxConnectionsPerAddress?: number,
 *   mimeTypes?: string, allowLocal?: boolean,
 * }} NginxOptions
 */

/** @param {string} s */
const regexPrefix = (s) => '~^' + s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** nginx string in double quotes. @param {string} s */
const quoted = (s) => {
  if (/["\\$\n]/.test(s)) throw new Error(`value cannot go into nginx.conf: ${s}`);
  return s;
};

/** @param {NginxOptions} o @returns {string} */
export function renderNginx(o) {
  if (!existsSync(path.join(o.root, 'index.html'))) throw new Error(`${path.resolve(o.root)}/index.html is missing: build the site first (SITE_URL=https://… npm run build).`);
  // nginx refuses every symlink on the way (disable_symlinks), so give it the real path.
  const root = realpathSync(o.root);
  if (!existsSync(path.join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: build the site first (SITE_URL=https://… npm run build).`);
  const manifest = readManifest(root);
  if (!manifest) throw new Error(`${root}/${MANIFEST} is missing: this dist/ was not built by this project's build (npm run build writes it).`);
  if (manifest.mode !== 'production' && !o.allowLocal) {
    throw new Error(
      `${root} is a local build (links point at ${manifest.site}). Build for production with SITE_URL=https://your.site npm run build, ` +
        `or pass --allow-local to serve it on this machine only.`,
    );
  }
  if (!o.upstreams.length) throw new Error('at least one --upstream host:port (a comment process) is needed');
  for (const u of o.upstreams) if (!/^[\w.-]+:\d+$|^\[[\da-f:]+\]:\d+$|^unix:\/[\w./-]+$/i.test(u)) throw new Error(`--upstream must be host:port or unix:/path, got "${u}"`);
  const listen = String(o.listen);
  if (!/^([\w.-]+:|\[[\da-f:]+\]:)?\d+$/i.test(listen)) throw new Error(`--listen must be a port or address:port, got "${listen}"`);
  const hashes = manifest.scriptHashes;
  /** @type {Record<string, string>} */
  const values = {
    COMPRESSIBLE_EXTENSIONS: Object.keys(PRECOMPRESSED_TYPES).join('|'),
    PRECOMPRESSED_LOCATIONS: Object.entries(PRECOMPRESSED_TYPES)
      .map(([ext, type]) => `    location ~ \\.${ext}$ {\n      types {}\n      default_type ${type};\n      limit_except GET { deny all; }\n      try_files $uri$chancay_br $uri =404;\n    }`)
      .join('\n'),
    USER: o.user ? `user ${o.user};` : '',
    PREFIX: path.resolve(o.prefix),
    MIME_TYPES: o.mimeTypes ?? '/etc/nginx/mime.types',
    MAX_CONNECTIONS_PER_ADDRESS: String(o.maxConnectionsPerAddress ?? 128),
    CACHE_MAP: IMMUTABLE_PREFIXES.map((p) => `    ${regexPrefix(p)} "${IMMUTABLE}";`).join('\n'),
    REVALIDATE,
    FRAMEABLE_CSP_MAP: FRAMEABLE_PREFIXES.map((p) => `    ${regexPrefix(p)} "${quoted(contentSecurityPolicy(hashes, { frameable: true }))}";`).join('\n'),
    CSP: quoted(contentSecurityPolicy(hashes, { frameable: false })),
    FRAMEABLE_XFO_MAP: FRAMEABLE_PREFIXES.map((p) => `    ${regexPrefix(p)} "";`).join('\n'),
    UPSTREAM_SERVERS: o.upstreams.map((u) => `    server ${u} max_fails=2 fail_timeout=5s;`).join('\n'),
    LISTEN: listen,
    SERVER_NAME: o.serverName ?? '_',
    ROOT: root,
  };
  const out = readFileSync(TEMPLATE, 'utf8').replace(/\{\{(\w+)\}\}/g, (m, k) => {
    if (!(k in values)) throw new Error(`nginx.conf.template: unknown placeholder ${m}`);
    return values[k] ?? '';
  });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: path.resolve(here, '../dist') },
      listen: { type: 'string', default: '80' },
      upstream: { type: 'string', multiple: true, default: ['127.0.0.1:8361'] },
      prefix: { type: 'string', default: '/var/lib/chancay-nginx' },
      'server-name': { type: 'string', default: '_' },
      user: { type: 'string', default: 'www-data' },
      'max-connections-per-address': { type: 'string', default: '128' },
      'allow-local': { type: 'boolean', default: false },
    },
  });
  try {
    process.stdout.write(
      renderNginx({
        root: values.root,
        listen: values.listen,
        upstreams: values.upstream,
        prefix: values.prefix,
        serverName: values['server-name'],
        user: values.user,
        maxConnectionsPerAddress: Number(values['max-connections-per-address']),
        allowLocal: values['allow-local'],
      }),
    );
  } catch (e) {
    console.error(`render-nginx: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
