// @ts-check
// Which address the build writes into canonical links, oEmbed and the Embed
// control's snippets. A newsroom must not ship http://127.0.0.1:4321 by
// accident: a production build without a public SITE_URL fails.

export const LOCAL_SITE = 'http://127.0.0.1:4321';

/** @param {string} host */
export function isLoopback(host) {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '0.0.0.0' ||
    h === '::' ||
    h === '::1' ||
    /^127\./.test(h) ||
    /^::ffff:127\./.test(h)
  );
}

/**
 * @param {Record<string, string | undefined>} env
 * @param {boolean} building true for `astro build` (dev and check never fail)
 * @returns {{ site: string, mode: 'production' | 'local' }}
 */
export function siteAddress(env, building) {
  const local = env.BUILD_MODE === 'local' || !building;
  const raw = env.SITE_URL?.trim();
  if (local) return { site: raw || LOCAL_SITE, mode: 'local' };
  if (env.BUILD_MODE && env.BUILD_MODE !== 'production') {
    throw new Error(`BUILD_MODE must be "production" (the default) or "local", got "${env.BUILD_MODE}".`);
  }
  const hint =
    'Set SITE_URL to the public address readers and embedding sites will use, e.g.\n' +
    '  SITE_URL=https://chancay.example.org npm run build\n' +
    'To build for this machine only (npm start, the tests): npm run build:local';
  if (!raw) throw new Error(`SITE_URL is not set. A production build writes it into every canonical link, oEmbed answer and embed snippet.\n${hint}`);
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL is not a URL: "${raw}".\n${hint}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE_URL must be http(s), got "${raw}".\n${hint}`);
  if (isLoopback(url.hostname)) throw new Error(`SITE_URL is a loopback address ("${raw}"): embeds and links would point at the reader's own machine.\n${hint}`);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`SITE_URL must be an origin with no path (the site is served from /), got "${raw}".\n${hint}`);
  }
  return { site: url.origin, mode: 'production' };
}
