// @ts-check
// The front server for `npm start`, the tests, Lighthouse CI and the bench:
// serves the built site (dist/) and proxies /api/ to the comment server(s).
// A deployment may use nginx instead (deploy/); both send the same headers
// (deploy/policy.mjs). Strict by construction:
//  - a request path is decoded once, segment by segment; malformed
//    percent-encoding, encoded slashes or backslashes, NUL and dot segments
//    answer 400; dotfiles answer 404; the file must resolve (symlinks
//    included) to itself inside the root, so neither a sibling folder such as
//    dist-private/ nor a symlink out of dist/ can be read;
//  - redirects (a folder without its trailing slash) are built from the
//    checked segments, so they always stay on this site;
//  - the build's precompressed .br/.gz copies are served when the reader
//    accepts them (gzip computed once per file otherwise), with ETag and 304;
//  - the proxy overwrites X-Forwarded-For with the peer address (or, from a
//    front proxy named in FRONT_TRUSTED_PROXIES, the nearest address that
//    proxy vouches for), strips
//    hop-by-hop headers both ways, gives up after PROXY_TIMEOUT_MS (504) and
//    cancels the upstream request when the reader goes away;
//  - connections per client address are capped, and slow or idle
//    connections are closed (header, request and keep-alive timeouts);
//  - bad requests are logged as one line, at most once per 10 s per kind.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { staticHeaders, readManifest, MANIFEST } from '../deploy/policy.mjs';

/** @type {{ (req: http.IncomingMessage, trust: (addr: string, i: number) => boolean): string, compile(list: string[]): (addr: string, i: number) => boolean }} */
const proxyaddr = createRequire(import.meta.url)('proxy-addr');

/**
 * FRONT_TRUSTED_PROXIES ("loopback", "10.0.0.0/8, 192.0.2.1", …): the proxies in front of
 * this server (a TLS terminator or load balancer on the same machine or network) whose
 * X-Forwarded-For is believed, as a proxy-addr trust function; unset: none, the peer is the
 * reader. A wrong entry stops the start with the setting's name.
 * @param {string | undefined} list
 */
export function frontTrust(list) {
  const entries = String(list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!entries.length) return null;
  try {
    return proxyaddr.compile(entries);
  } catch (e) {
    throw new Error(`FRONT_TRUSTED_PROXIES: ${e instanceof Error ? e.message : e} (give addresses, CIDR subnets, loopback, linklocal or uniquelocal, comma-separated)`);
  }
}

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.ico': 'image/x-icon',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml)|image\/svg)/;

/** Hop-by-hop headers (RFC 9110 §7.6.1): for one connection, never forwarded. */
export const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'http2-settings',
];
/** Client-address headers only our proxy may set. */
const CLIENT_ADDRESS = ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-client-ip', 'cf-connecting-ip', 'true-client-ip', 'x-forwarded-host', 'x-forwarded-proto'];

/**
 * A copy of `headers` without hop-by-hop headers, including any named in Connection.
 * @param {http.IncomingHttpHeaders} headers
 */
export function withoutHopByHop(headers) {
  /** @type {http.IncomingHttpHeaders} */
  const out = { ...headers };
  const named = String(headers.connection ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const h of [...HOP_BY_HOP, ...named]) delete out[h];
  return out;
}

/** Thrown for requests that are malformed rather than missing (answered 400). */
class BadRequest extends Error {}

/**
 * Checks and decodes a request path into its segments.
 * @param {string} rawPath the request target's path (before `?`)
 * @returns {{ segments: string[], trailingSlash: boolean } | { notFound: true }}
 */
export function parsePath(rawPath) {
  if (!rawPath.startsWith('/')) throw new BadRequest('request target is not a path');
  if (/%(2f|5c|00)/i.test(rawPath)) throw new BadRequest('encoded separator or NUL in path');
  const parts = rawPath.split('/').slice(1);
  const trailingSlash = parts.length > 0 && parts[parts.length - 1] === '';
  if (trailingSlash) parts.pop();
  /** @type {string[]} */
  const segments = [];
  for (const p of parts) {
    let s;
    try {
      s = decodeURIComponent(p);
    } catch {
      throw new BadRequest('malformed percent-encoding');
    }
    if (s === '.' || s === '..') throw new BadRequest('dot segment in path');
    if (/[\\\0]/.test(s)) throw new BadRequest('backslash or NUL in path');
    if (s === '') return { notFound: true }; // `//` inside a path
    if (s.startsWith('.') && s !== '.well-known') return { notFound: true };
    segments.push(s);
  }
  return { segments, trailingSlash };
}

/**
 * @typedef {{ root?: string, host?: string, port?: number, commentsUpstream?: string, quiet?: boolean,
 *   proxyTimeoutMs?: number, maxConnectionsPerAddress?: number, headersTimeoutMs?: number,
 *   keepAliveTimeoutMs?: number, idleTimeoutMs?: number, log?: (line: string) => void, trustedProxies?: string }} ServeOptions
 */

/**
 * @param {ServeOptions} opts
 * @returns {Promise<{ url: string, port: number, close(): Promise<void>, server: http.Server }>}
 */
export async function serve(opts = {}) {
  const root = path.resolve(opts.root ?? process.env.DIST_DIR ?? fileURLToPath(new URL('../dist', import.meta.url)));
  const realRoot = await realpath(root).catch(() => root);
  const host = opts.host ?? '127.0.0.1';
  const upstream = opts.commentsUpstream ? new URL(opts.commentsUpstream) : null;
  const proxyTimeoutMs = opts.proxyTimeoutMs ?? Number(process.env.PROXY_TIMEOUT_MS ?? 12_000);
  const maxPerAddress = opts.maxConnectionsPerAddress ?? Number(process.env.MAX_CONNECTIONS_PER_ADDRESS ?? 128);
  const write = opts.log ?? ((/** @type {string} */ line) => console.error(line));
  // Behind a front proxy every reader arrives from its address: the reader is who it vouches for,
  // and its connections (many readers' requests) are not held to one reader's connection cap.
  const trust = frontTrust(opts.trustedProxies ?? process.env.FRONT_TRUSTED_PROXIES);

  /** One line per kind of problem per 10 s, with how many were not logged. */
  const logState = new Map();
  /** @param {string} kind @param {string} msg */
  function log(kind, msg) {
    if (opts.quiet && !opts.log) return;
    const now = Date.now();
    const s = logState.get(kind) ?? { at: 0, skipped: 0 };
    if (now - s.at < 10_000) {
      s.skipped++;
      logState.set(kind, s);
      return;
    }
    write(`[serve] ${kind}: ${msg}${s.skipped ? ` (${s.skipped} more since the last line)` : ''}`);
    logState.set(kind, { at: now, skipped: 0 });
  }

  // The build's script hashes for the CSP; re-read when a new build replaces it.
  let manifest = readManifest(root);
  let manifestChecked = 0;
  let manifestMtime = 0;
  async function scriptHashes() {
    const now = Date.now();
    if (now - manifestChecked > 1000) {
      manifestChecked = now;
      const st = await stat(path.join(root, MANIFEST)).catch(() => null);
      if (st && st.mtimeMs !== manifestMtime) {
        manifestMtime = st.mtimeMs;
        manifest = readManifest(root);
      }
      if (!manifest) log('manifest', `${MANIFEST} missing in ${root}: pages' inline scripts will be blocked by the CSP (build with npm run build / build:local)`);
    }
    return manifest?.scriptHashes ?? [];
  }

  /** @type {Map<string, { key: string, body: Buffer, br: Buffer | null, gz: Buffer | null, etag: string }>} */
  const cache = new Map();
  /** @param {string} file @param {import('node:fs').Stats} st @param {string} type */
  async function load(file, st, type) {
    const key = `${st.mtimeMs}:${st.size}`;
    const hit = cache.get(file);
    if (hit && hit.key === key) return hit;
    const body = await readFile(file);
    const compressible = COMPRESSIBLE.test(type) && body.length > 512;
    const br = compressible ? await readFile(file + '.br').catch(() => null) : null;
    const gz = compressible ? ((await readFile(file + '.gz').catch(() => null)) ?? zlib.gzipSync(body, { level: 9 })) : null;
    const etag = `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    const entry = { key, body, br, gz, etag };
    cache.set(file, entry);
    return entry;
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function handle(req, res) {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const rawPath = q === -1 ? target : target.slice(0, q);
    const search = q === -1 ? '' : target.slice(q);
    if (upstream && rawPath.startsWith('/api/')) return proxy(req, res, upstream);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    let parsed;
    try {
      parsed = parsePath(rawPath);
    } catch (e) {
      if (!(e instanceof BadRequest)) throw e;
      log('bad request', `${e.message} from ${req.socket.remoteAddress}`);
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end('Bad request\n');
      return;
    }
    if ('notFound' in parsed) return notFound(req, res);
    const { segments, trailingSlash } = parsed;
    const file = path.join(root, ...segments);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(req, res);
    let st = await stat(file).catch(() => null);
    let served = file;
    if (st?.isDirectory()) {
      if (!trailingSlash && segments.length > 0) {
        // Built from checked segments: always `/segment/…/`, never `//host`.
        const location = '/' + segments.map(encodeURIComponent).join('/') + '/' + search;
        res.writeHead(301, { location, 'content-type': 'text/plain; charset=utf-8' }).end();
        return;
      }
      served = path.join(file, 'index.html');
      st = await stat(served).catch(() => null);
    } else if (trailingSlash) {
      return notFound(req, res);
    }
    if (!st?.isFile()) return notFound(req, res);
    // No symlinks: the file's real path must be exactly where we looked.
    const real = await realpath(served).catch(() => null);
    if (real !== path.join(realRoot, path.relative(root, served))) {
      log('symlink', `refused ${rawPath} (resolves outside the served tree or through a link)`);
      return notFound(req, res);
    }
    const pathname = segments.length === 0 ? '/' : '/' + segments.join('/') + (trailingSlash || served !== file ? '/' : '');
    return send(req, res, 200, served, st, pathname);
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function notFound(req, res) {
    // A miss under an edition's prefix (/es/…) gets that edition's page (dist/es/404.html), as nginx does.
    const edition = /^\/([a-z]{2})(?:\/|$)/.exec(String(req.url ?? ''))?.[1];
    const own = edition ? path.join(root, edition, '404.html') : '';
    const ownSt = own ? await stat(own).catch(() => null) : null;
    if (ownSt?.isFile()) return send(req, res, 404, own, ownSt, `/${edition}/404.html`);
    const file = path.join(root, '404.html');
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end('Not found\n');
      return;
    }
    return send(req, res, 404, file, st, '/404.html');
  }

  /**
   * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {number} status
   * @param {string} file @param {import('node:fs').Stats} st @param {string} pathname
   */
  async function send(req, res, status, file, st, pathname) {
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    const entry = await load(file, st, type);
    /** @type {Record<string, string>} */
    const headers = { ...staticHeaders(pathname, await scriptHashes()), 'content-type': type, etag: entry.etag };
    if (entry.gz) headers.vary = 'Accept-Encoding';
    if (status === 200) {
      const inm = String(req.headers['if-none-match'] ?? '');
      if (inm && inm.split(',').some((t) => t.trim() === entry.etag || t.trim() === entry.etag.slice(2) || t.trim() === '*')) {
        res.writeHead(304, headers).end();
        return;
      }
    }
    const accept = String(req.headers['accept-encoding'] ?? '');
    let body = entry.body;
    if (entry.br && /\bbr\b/.test(accept)) {
      body = entry.br;
      headers['content-encoding'] = 'br';
    } else if (entry.gz && /\bgzip\b/.test(accept)) {
      body = entry.gz;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 32, timeout: 30_000 });

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} target */
  function proxy(req, res, target) {
    const headers = withoutHopByHop(req.headers);
    for (const h of CLIENT_ADDRESS) delete headers[h];
    headers['x-forwarded-for'] = trust ? proxyaddr(req, trust) : (req.socket.remoteAddress ?? '');
    headers.host = target.host;
    let done = false;
    /** @param {number} status @param {string} message */
    const fail = (status, message) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      out.destroy();
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
        res.end(JSON.stringify({ errno: status, errmsg: message }));
      } else res.destroy();
    };
    const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (up) => {
      clearTimeout(timer);
      const h = withoutHopByHop(up.headers);
      delete h['x-powered-by'];
      delete h.server;
      h['x-content-type-options'] = 'nosniff';
      res.writeHead(up.statusCode ?? 502, h);
      up.pipe(res);
      up.on('end', () => (done = true));
      up.on('error', () => fail(502, 'The comment server is not reachable.'));
    });
    // No answer in time (or a stalled body): 504, and the upstream request is cancelled.
    const timer = setTimeout(() => {
      log('upstream timeout', `${req.method} ${req.url?.slice(0, 200)}: no answer in ${proxyTimeoutMs} ms`);
      fail(504, 'The comment server did not answer in time.');
    }, proxyTimeoutMs);
    out.setTimeout(proxyTimeoutMs, () => fail(504, 'The comment server did not answer in time.'));
    out.on('error', (e) => {
      if (done) return;
      log('upstream error', `${req.method} ${req.url?.slice(0, 200)}: ${/** @type {NodeJS.ErrnoException} */ (e).code ?? e.message}`);
      fail(502, 'The comment server is not reachable.');
    });
    // The reader went away: cancel the upstream request instead of leaving it open.
    res.on('close', () => {
      if (!res.writableFinished) {
        done = true;
        clearTimeout(timer);
        out.destroy();
      }
    });
    req.pipe(out);
  }

  const server = http.createServer(async (req, res) => {
    try {
      await handle(req, res);
    } catch (e) {
      log('error', `${req.method} ${String(req.url).slice(0, 200)}: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error\n');
      else res.destroy();
    }
  });
  // Slow or idle clients do not hold connections: the request line and headers
  // must arrive within 10 s, a whole request within 30 s, an idle keep-alive
  // connection is closed after 5 s and any silent socket after 20 s.
  server.headersTimeout = opts.headersTimeoutMs ?? 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = opts.keepAliveTimeoutMs ?? 5_000;
  server.timeout = opts.idleTimeoutMs ?? 20_000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable && !/** @type {any} */ (socket)._httpMessage) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else socket.destroy();
  });
  /** @type {Map<string, number>} */
  const perAddress = new Map();
  /** @type {WeakSet<import('node:net').Socket>} */
  const requested = new WeakSet();
  server.on('request', (req) => requested.add(req.socket));
  server.on('connection', (socket) => {
    const addr = socket.remoteAddress ?? '';
    // A trusted front proxy carries many readers' requests: no per-address cap on it.
    const capped = !trust?.(addr, 0);
    const n = (perAddress.get(addr) ?? 0) + 1;
    if (capped && n > maxPerAddress) {
      log('connection limit', `${addr} has ${maxPerAddress} open connections; closing new ones`);
      socket.destroy();
      return;
    }
    if (capped) perAddress.set(addr, n);
    // A connection that never sends a request is closed after the header timeout
    // (Node's own headersTimeout only starts with a request's first byte).
    const silent = setTimeout(() => {
      if (!requested.has(socket)) socket.destroy();
    }, server.headersTimeout);
    silent.unref();
    socket.once('close', () => {
      clearTimeout(silent);
      if (!capped) return;
      const m = (perAddress.get(addr) ?? 1) - 1;
      if (m > 0) perAddress.set(addr, m);
      else perAddress.delete(addr);
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve(undefined));
  });
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise((r) => {
        server.close(() => r(undefined));
        server.closeIdleConnections();
        agent.destroy();
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4321);
  const s = await serve({ port, commentsUpstream: process.env.COMMENTS_UPSTREAM });
  console.log(`Serving dist/ at ${s.url}/`);
}
