// @ts-check
/**
 * Serves the host test pages (test/e2e/hosts/*.html) on a second origin, as a
 * newsroom's site would: `%SITE%` in a page becomes the embed site's origin.
 * csp*.html get a strict Content-Security-Policy (scripts from the embed site
 * only, no inline scripts or styles); /pym.v1.min.js is the pym.js package's
 * parent. Used by test/e2e/embed*.test.ts and by the bench:
 *   const hosts = await serveHosts({ site: 'http://127.0.0.1:4321' });
 *   page.goto(`${hosts.url}/bench.html`)
 */
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pym = fileURLToPath(new URL('../../../node_modules/pym.js/dist/pym.v1.min.js', import.meta.url));

/**
 * @param {{ site: string, host?: string, port?: number }} opts
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function serveHosts(opts) {
  const site = new URL(opts.site).origin;
  const server = http.createServer(async (req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    try {
      if (name === 'favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (name === 'pym.v1.min.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(pym));
        return;
      }
      if (!/^[a-z0-9-]+\.(html|css)$/.test(name)) {
        res.writeHead(404).end();
        return;
      }
      const body = (await readFile(path.join(here, name), 'utf8')).replaceAll('%SITE%', site);
      /** @type {Record<string, string>} */
      const headers = { 'content-type': name.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8' };
      if (name.startsWith('csp')) {
        headers['content-security-policy'] = `default-src 'self'; script-src ${site}; style-src 'self'; frame-src ${site}; img-src 'self'; object-src 'none'; base-uri 'none'`;
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const host = opts.host ?? '127.0.0.2';
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve(undefined));
  });
  const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://${host}:${addr.port}`, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await serveHosts({ site: process.env.SITE_URL ?? 'http://127.0.0.1:4321', port: Number(process.env.PORT ?? 0) || undefined });
  console.log(`Host pages at ${s.url}/ (two-embeds.html, csp.html, pym.html, bare.html, bench.html)`);
}
