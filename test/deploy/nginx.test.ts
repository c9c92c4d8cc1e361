/**
 * The deployment recipe, run: Debian's nginx with deploy/nginx.conf.template
 * (rendered by deploy/render-nginx.mjs) in front of the built site and two
 * comment processes on one real PostgreSQL (initdb in a temp folder). Checks
 * what a reader, an embedding site and an operator get through it: pages,
 * assets, the comment API, headers, caching, precompression, the 404 page.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, raw, until } from './helpers';
import { hasNginx, startNginx, type Nginx } from './nginx';
import { MODERATOR } from '../comments/harness';
// @ts-ignore: plain ESM
import { startPostgres, findPgBin } from '../../server/comments/dev-postgres.mjs';
// @ts-ignore: plain ESM
import { startComments } from '../../server/comments/index.mjs';
// @ts-ignore: plain ESM
import { storeConfig, upsertModerator, withStore } from '../../server/comments/db.mjs';
// @ts-ignore: plain ESM
import { inlineScripts, scriptHash } from '../../scripts/postbuild.mjs';

const ready = hasNginx() && !!findPgBin();
if (!ready) {
  const msg = 'deploy test needs nginx (apt-get install -y nginx libnginx-mod-http-brotli-static) and PostgreSQL (postgresql); .ci/run installs both';
  if (process.env.CI) throw new Error(msg);
  console.warn(`SKIPPED: ${msg}`);
}

type Proc = { url: string; port: number; stop(): Promise<void>; kill(): Promise<void> };
let pg: { url: string; stop(): Promise<void> } | null = null;
let procs: Proc[] = [];
let ng: Nginx;
let tmp: string;
const IMMUTABLE = 'public, max-age=31536000, immutable';

beforeAll(async () => {
  if (!ready) return;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'deploy-nginx-'));
  pg = await startPostgres();
  const cfg = storeConfig({ databaseUrl: pg!.url });
  await upsertModerator(cfg, MODERATOR);
  for (let i = 0; i < 2; i++) procs.push(await startComments({ dataDir: path.join(tmp, `data${i}`), port: 0, databaseUrl: pg!.url, quiet: true }));
  ng = await startNginx({ root: DIST, upstreams: procs.map((p) => p.url) });
}, 180_000);

afterAll(async () => {
  await ng?.stop();
  for (const p of procs) await p.stop().catch(() => {});
  await pg?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const d = ready ? describe : describe.skip;

d('nginx in front of the built site', () => {
  it('serves every page with the security headers, no version, and revalidation (ETag, 304)', async () => {
    for (const p of ['/', '/the-announcement/', '/sources/', '/moderate/']) {
      const r = await raw(ng.url, p, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(r.status, p).toBe(200);
      expect(r.headers['content-type'], p).toBe('text/html; charset=utf-8');
      expect(r.headers.server, p).toBe('nginx');
      expect(r.headers['x-powered-by'], p).toBeUndefined();
      expect(r.headers['cache-control'], p).toBe('no-cache');
      expect(r.headers['x-content-type-options'], p).toBe('nosniff');
      expect(r.headers['referrer-policy'], p).toBe('strict-origin-when-cross-origin');
      expect(r.headers['x-frame-options'], p).toBe('DENY');
      const csp = String(r.headers['content-security-policy']);
      expect(csp, p).toContain("default-src 'self'");
      expect(csp, p).toContain("frame-ancestors 'none'");
      const html = readFileSync(path.join(DIST, p, 'index.html'), 'utf8');
      for (const code of inlineScripts(html)) expect(csp, `${p}: an inline script the CSP would block`).toContain(`'${scriptHash(code)}'`);
      expect(r.headers['content-encoding'], p).toBe('br');
      expect(zlib.brotliDecompressSync(r.body).toString(), p).toBe(html);
      const etag = String(r.headers.etag);
      expect(etag, p).toMatch(/^(W\/)?"/);
      const again = await raw(ng.url, p, { headers: { 'accept-encoding': 'br, gzip', 'if-none-match': etag } });
      expect(again.status, p).toBe(304);
    }
  });

  it('lets any site frame the embeds, and only the embeds', async () => {
    const r = await raw(ng.url, '/embed/the-announcement/');
    expect(r.status).toBe(200);
    expect(r.headers['x-frame-options']).toBeUndefined();
    expect(String(r.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(String(r.headers['content-security-policy'])).not.toContain("frame-ancestors 'none'");
  });

  it('caches hashed assets for a year, and serves the build\'s .br and .gz with Vary', async () => {
    const page = readFileSync(path.join(DIST, 'the-announcement/index.html'), 'utf8');
    const js = /(\/_astro\/[^"\s]+\.js)/.exec(page)![1]!;
    const data = /data-src="(\/_data\/[^"]+\.json)"/.exec(page)![1]!;
    for (const p of [js, data, js, data]) {
      const file = readFileSync(path.join(DIST, p));
      // A request without Accept-Encoding first: Debian's brotli_static module then skipped brotli for the next one.
      const plain = await raw(ng.url, p);
      expect(plain.headers['content-encoding'], p).toBeUndefined();
      expect(plain.body.equals(file), p).toBe(true);
      const br = await raw(ng.url, p, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.status, p).toBe(200);
      expect(br.headers['cache-control'], p).toBe(IMMUTABLE);
      expect(br.headers['content-encoding'], p).toBe('br');
      expect(br.headers.vary, p).toMatch(/Accept-Encoding/i);
      expect(zlib.brotliDecompressSync(br.body).equals(file), p).toBe(true);
      const gz = await raw(ng.url, p, { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding'], p).toBe('gzip');
      expect(zlib.gunzipSync(gz.body).equals(file), p).toBe(true);
      expect(gz.headers['content-type'], p).toBe(br.headers['content-type']);
      expect(br.headers['content-type'], p).toMatch(p.endsWith('.js') ? /^application\/javascript/ : /^application\/json/);
    }
    // The copies are not pages of their own.
    expect((await raw(ng.url, `${js}.br`)).status).toBe(404);
    // Fonts are named by a hash of their bytes (scripts/fonts.mjs): cached for a year.
    const fontName = readdirSync(path.join(DIST, 'fonts')).find((n) => /^serif-[0-9a-f]{10}\.woff2$/.test(n));
    expect(fontName).toBeTruthy();
    const font = await raw(ng.url, `/fonts/${fontName}`);
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates embed.js and oEmbed JSON (ETag, 304) and lets other sites read them', async () => {
    for (const p of ['/embed.js', '/oembed/the-announcement.json']) {
      const r = await raw(ng.url, p);
      expect(r.status, p).toBe(200);
      expect(r.headers['cache-control'], p).toBe('no-cache');
      expect(r.headers['access-control-allow-origin'], p).toBe('*');
      expect(r.headers['content-type'], p).toMatch(p.endsWith('.js') ? /javascript/ : /^application\/json/);
      const again = await raw(ng.url, p, { headers: { 'if-none-match': String(r.headers.etag) } });
      expect(again.status, p).toBe(304);
    }
    expect((await raw(ng.url, '/the-announcement/')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers unknown paths, dotfiles and odd paths with the 404 page', async () => {
    for (const p of ['/no-such-chapter/', '/.headers.json', '/embed/no-such/', '/404.html']) {
      const r = await raw(ng.url, p);
      expect(r.status, p).toBe(404);
      expect(r.headers['content-type'], p).toBe('text/html; charset=utf-8');
      const html = r.body.toString();
      expect(html, p).toContain('<meta name="robots" content="noindex"');
      expect(html, p).toContain('href="/the-announcement/"');
      expect(r.headers['content-security-policy'], p).toBeTruthy();
    }
    // A miss under /es/ gets the Spanish page; /es/404.html itself is not a page.
    for (const p of ['/es/no-such-chapter/', '/es/embed/no-such/', '/es/no-such.html', '/es/404.html']) {
      const r = await raw(ng.url, p);
      expect(r.status, p).toBe(404);
      expect(r.headers['content-type'], p).toBe('text/html; charset=utf-8');
      const html = r.body.toString();
      expect(html, p).toContain('<html lang="es"');
      expect(html, p).toContain('href="/es/the-announcement/"');
      expect(r.headers['content-security-policy'], p).toBeTruthy();
    }
    for (const p of ['/no-such/', '/esx/']) expect((await raw(ng.url, p)).body.toString(), p).toContain('<html lang="en"');
    const redirect = await raw(ng.url, '/%2fevil.example/..%2fthe-announcement');
    expect(redirect.headers.location ?? '').not.toMatch(/^(\/\/|https?:)/);
    expect((await raw(ng.url, '/the-announcement')).headers.location).toBe('/the-announcement/');
  });
});

d('the comment API through nginx, two processes, one PostgreSQL', () => {
  const page = '/the-announcement/';
  const ids: string[] = [];

  it('stores posts from two readers once each, with the address nginx saw (not the one they claimed)', async () => {
    for (const [i, from] of ['127.0.0.2', '127.0.0.3'].entries()) {
      const r = await raw(ng.url, '/api/comment', {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6', forwarded: 'for=6.6.6.6' },
        body: JSON.stringify({ nick: `Deploy reader ${i}`, comment: `Posted through nginx, reader ${i}`, url: page }),
      });
      expect(r.status, r.body.toString()).toBe(200);
      const json = JSON.parse(r.body.toString());
      expect(json.errno).toBe(0);
      ids.push(String(json.data.objectId));
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
    const rows = await withStore(storeConfig({ databaseUrl: pg!.url }), (db: { all(sql: string, p: unknown[]): Promise<Array<Record<string, unknown>>> }) =>
      db.all('SELECT id, ip, comment FROM wl_comment WHERE comment LIKE $1', ['%Posted through nginx%']),
    );
    expect(rows.length).toBe(2);
    expect(rows.map((r: Record<string, unknown>) => String(r.ip)).sort()).toEqual(['127.0.0.2', '127.0.0.3']);
  });

  it('lists an approved comment from every process, and balances across them', async () => {
    // Approve on the first process directly (a moderator's session lives there).
    const a = procs[0]!.url;
    const login = await fetch(`${a}/api/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: MODERATOR.email, password: MODERATOR.password }) });
    const token = (await login.json()).data.token as string;
    for (const id of ids) {
      const r = await fetch(`${a}/api/comment/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ status: 'approved' }) });
      expect(r.status).toBe(200);
    }
    const before = ng.accessLog().length;
    for (let i = 0; i < 6; i++) {
      const r = await raw(ng.url, `/api/comment?path=${encodeURIComponent(page)}&pageSize=10&page=1`, { headers: { 'accept-encoding': 'gzip' } });
      expect(r.status).toBe(200);
      const body = r.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(r.body) : r.body;
      const list = JSON.parse(body.toString()).data;
      const texts = JSON.stringify(list.data);
      expect(texts).toContain('Posted through nginx, reader 0');
      expect(texts).toContain('Posted through nginx, reader 1');
    }
    // nginx logs a request after answering it: wait for the six lines.
    await expect.poll(() => ng.accessLog().slice(before).split('\n').filter((l) => l.includes('"GET /api/comment?')).length).toBe(6);
    const log = ng.accessLog().slice(before);
    for (const p of procs) expect(log, `nginx sent no list request to ${p.url}`).toContain(`upstream=127.0.0.1:${p.port}`);
  });

  it('keeps answering when one comment process dies, and says so in JSON when all are down', async () => {
    await procs[1]!.kill();
    for (let i = 0; i < 4; i++) {
      const r = await raw(ng.url, `/api/comment?path=${encodeURIComponent(page)}&pageSize=10&page=1`);
      expect(r.status).toBe(200);
    }
    await procs[0]!.kill();
    await until(async () => (await raw(ng.url, '/api/comment?path=/the-announcement/&pageSize=10&page=1')).status === 502, 10_000, '502 with every process down');
    const r = await raw(ng.url, '/api/comment?path=/the-announcement/&pageSize=10&page=1');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(r.body.toString()).errmsg).toMatch(/not reachable/);
    // The site itself does not depend on them.
    expect((await raw(ng.url, '/the-announcement/')).status).toBe(200);
  });
});
