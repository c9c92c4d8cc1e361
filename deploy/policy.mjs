// @ts-check
// One header policy for every front server: scripts/serve.mjs applies it per
// request, deploy/render-nginx.mjs writes it into the nginx configuration.
// Change it here and both follow (test/deploy/ checks both).
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Content-hashed files: a new build writes new names, so a year is safe. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (HTML, embed.js, oEmbed JSON, robots.txt): ask every time, 304 when unchanged (ETag). */
export const REVALIDATE = 'no-cache';
/**
 * Folders whose file names carry a content hash (scripts/fonts.mjs names each
 * font subset by a hash of its bytes, so a new subset is a new name).
 */
export const IMMUTABLE_PREFIXES = ['/_astro/', '/_data/', '/fonts/'];
/** Paths any site may put in an iframe (the embeds). Every other page refuses to be framed. */
export const FRAMEABLE_PREFIXES = ['/embed/'];

/** The build's manifest, written by scripts/postbuild.mjs next to the pages (a dotfile: never served). */
export const MANIFEST = '.headers.json';

/**
 * @typedef {{ mode: 'production' | 'local', site: string, scriptHashes: string[], builtAt?: string }} Manifest
 */

/** @param {string} root the built site (dist/) @returns {Manifest | null} */
export function readManifest(root) {
  try {
    return JSON.parse(readFileSync(path.join(root, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
}

/** @param {string} pathname */
export function cacheControl(pathname) {
  return IMMUTABLE_PREFIXES.some((p) => pathname.startsWith(p)) ? IMMUTABLE : REVALIDATE;
}

/** @param {string} pathname */
export function isFrameable(pathname) {
  return FRAMEABLE_PREFIXES.some((p) => pathname.startsWith(p));
}

/** Cross-origin reads: hosts fetch oEmbed JSON, and may load embed.js with `crossorigin`. */
/** @param {string} pathname */
export function allowsAnyOrigin(pathname) {
  return pathname === '/embed.js' || pathname.startsWith('/oembed/');
}

/**
 * The Content-Security-Policy: our origin only; the inline scripts the build
 * wrote, by hash (no 'unsafe-inline' for scripts). Inline styles stay allowed:
 * the build inlines its CSS and the SVG charts carry style attributes, and CSS
 * cannot run code. Fonts may also come from data: URLs: each step still
 * (/stills/*.svg) carries its own subset of the chart face, because an SVG
 * shown as an image can load nothing else (src/integrations/step-stills.mjs).
 * @param {string[]} scriptHashes e.g. ['sha256-…']
 * @param {{ frameable: boolean }} o
 */
export function contentSecurityPolicy(scriptHashes, { frameable }) {
  const script = ["'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' ');
  return [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    frameable ? 'frame-ancestors *' : "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Every header the front adds to a static response, by path.
 * @param {string} pathname
 * @param {string[]} scriptHashes
 * @returns {Record<string, string>}
 */
export function staticHeaders(pathname, scriptHashes) {
  const frameable = isFrameable(pathname);
  /** @type {Record<string, string>} */
  const h = {
    'cache-control': cacheControl(pathname),
    'content-security-policy': contentSecurityPolicy(scriptHashes, { frameable }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
  if (!frameable) h['x-frame-options'] = 'DENY';
  if (allowsAnyOrigin(pathname)) h['access-control-allow-origin'] = '*';
  return h;
}
