// Static server for the built site (dist/), used by `npm start`, the tests,
// Lighthouse CI and the bench. Gzip for text, long caching for hashed assets,
// and an optional same-origin proxy of /api/ to the comment server: the proxy
// replaces any client-sent X-Forwarded-For with the real peer address, so the
// comment server's per-IP rate limit cannot be dodged with a spoofed header.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

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

/**
 * @param {{ root?: string, host?: string, port?: number, commentsUpstream?: string, quiet?: boolean }} opts
 * @returns {Promise<{ url: string, port: number, close(): Promise<void>, server: http.Server }>}
 */
export async function serve(opts = {}) {
  const root = path.resolve(opts.root ?? process.env.DIST_DIR ?? fileURLToPath(new URL('../dist', import.meta.url)));
  const host = opts.host ?? '127.0.0.1';
  const cache = new Map();
  const upstream = opts.commentsUpstream ? new URL(opts.commentsUpstream) : null;

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (upstream && url.pathname.startsWith('/api/')) return proxy(req, res, upstream);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      let pathname = decodeURIComponent(url.pathname);
      let file = path.join(root, pathname);
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      let st = await stat(file).catch(() => null);
      if (st?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { location: pathname + '/' + url.search }).end();
          return;
        }
        file = path.join(file, 'index.html');
        st = await stat(file).catch(() => null);
      }
      let status = 200;
      if (!st?.isFile()) {
        status = 404;
        file = path.join(root, '404.html');
        st = await stat(file).catch(() => null);
        if (!st) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
          return;
        }
      }
      const ext = path.extname(file);
      const type = TYPES[ext] ?? 'application/octet-stream';
      const key = `${file}:${st.mtimeMs}`;
      let entry = cache.get(key);
      if (!entry) {
        const body = await readFile(file);
        entry = { body, gz: COMPRESSIBLE.test(type) && body.length > 512 ? zlib.gzipSync(body, { level: 9 }) : null };
        cache.set(key, entry);
      }
      const headers = {
        'content-type': type,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cache-control': pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'accept-encoding',
      };
      if (ext === '.js' || pathname.startsWith('/oembed/')) headers['access-control-allow-origin'] = '*';
      const gzip = entry.gz && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzip ? entry.gz : entry.body;
      if (gzip) headers['content-encoding'] = 'gzip';
      headers['content-length'] = String(body.length);
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      if (!opts.quiet) console.error('[serve]', e);
      if (!res.headersSent) res.writeHead(500).end();
    }
  });

  function proxy(req, res, target) {
    const headers = { ...req.headers };
    for (const h of ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-client-ip', 'cf-connecting-ip', 'true-client-ip']) delete headers[h];
    headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
    headers.host = target.host;
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errno: 502, errmsg: 'The comment server is not reachable.' }));
    });
    req.pipe(out);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    close: () => new Promise((r) => server.close(() => r(undefined))),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 4321);
  const s = await serve({ port, commentsUpstream: process.env.COMMENTS_UPSTREAM });
  console.log(`Serving dist/ at ${s.url}/`);
}
