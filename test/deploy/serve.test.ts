/**
 * The front server (scripts/serve.mjs), run as its own process against a copy
 * of the built site, attacked the way the attack-and-fault test of issue 14
 * did: each finding has a test here that fails on the old server.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, raw, startServeProcess, until, type ServeProcess } from './helpers';
// @ts-ignore: plain ESM
import { inlineScripts, scriptHash } from '../../scripts/postbuild.mjs';

let tmp: string;
let root: string;
let site: ServeProcess;
/** What the fake comment server saw. */
const seen: http.IncomingHttpHeaders[] = [];
let upstream: http.Server;
let openUpstreamSockets = 0;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'deploy-serve-'));
  root = path.join(tmp, 'dist');
  cpSync(DIST, root, { recursive: true });
  // A sibling folder whose name starts with "dist", and links out of the root.
  mkdirSync(path.join(tmp, 'dist-private'));
  writeFileSync(path.join(tmp, 'dist-private', 'secret.txt'), 'SECRET-SIBLING');
  writeFileSync(path.join(tmp, 'outside.txt'), 'SECRET-OUTSIDE');
  symlinkSync(path.join(tmp, 'dist-private'), path.join(root, 'linked'));
  symlinkSync(path.join(tmp, 'outside.txt'), path.join(root, 'outside.txt'));

  // A comment server that echoes what it received, answers with hop-by-hop
  // headers of its own, or hangs (never answers) on /api/hang.
  upstream = http.createServer((req, res) => {
    seen.push(req.headers);
    if (req.url?.startsWith('/api/hang')) return; // never answers
    res.writeHead(200, { 'content-type': 'application/json', 'keep-alive': 'timeout=99', 'x-powered-by': 'Koa', 'x-upstream-secret': 'x', connection: 'x-upstream-secret' });
    res.end(JSON.stringify(req.headers));
  });
  upstream.on('connection', (s) => {
    openUpstreamSockets++;
    s.once('close', () => openUpstreamSockets--);
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  const port = (upstream.address() as net.AddressInfo).port;
  site = await startServeProcess({ DIST_DIR: root, COMMENTS_UPSTREAM: `http://127.0.0.1:${port}` });
});

afterAll(async () => {
  await site?.stop();
  upstream?.closeAllConnections();
  await new Promise((r) => upstream?.close(r));
  rmSync(tmp, { recursive: true, force: true });
});

describe('paths', () => {
  it('never redirects off the site (was: /%2fevil.example/..%2fthe-announcement → Location: //evil.example/…)', async () => {
    const r = await raw(site.url, '/%2fevil.example/..%2fthe-announcement');
    expect(r.status).toBe(400);
    expect(r.headers.location).toBeUndefined();
    for (const p of ['//evil.example/', '/%5cevil.example/..%5cthe-announcement', '/\\evil.example/']) {
      const x = await raw(site.url, p);
      expect(x.headers.location ?? '', p).not.toMatch(/^(\/\/|\/\\|https?:)/);
    }
    // The redirect a reader needs still works, and keeps the query on this site.
    const ok = await raw(site.url, '/the-announcement?from=//evil.example');
    expect(ok.status).toBe(301);
    expect(ok.headers.location).toBe('/the-announcement/?from=//evil.example');
  });

  it('does not read sibling folders whose names start with "dist" (was: dist-private/ readable)', async () => {
    for (const p of ['/../dist-private/secret.txt', '/..%2fdist-private/secret.txt', '/%2e%2e/dist-private/secret.txt', '/x/../../dist-private/secret.txt']) {
      const r = await raw(site.url, p);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.status, p).toBeLessThan(500);
      expect(r.body.toString(), p).not.toContain('SECRET');
    }
  });

  it('does not follow symlinks out of the site', async () => {
    for (const p of ['/linked/secret.txt', '/outside.txt']) {
      const r = await raw(site.url, p);
      expect(r.status, p).toBe(404);
      expect(r.body.toString(), p).not.toContain('SECRET');
    }
  });

  it('does not serve dotfiles (the build manifest) or precompressed copies as pages', async () => {
    expect((await raw(site.url, '/.headers.json')).status).toBe(404);
    expect((await raw(site.url, '/.git/config')).status).toBe(404);
  });

  it('answers malformed percent-encoding with 400 and one log line, not 500 and a stack trace', async () => {
    const before = site.stderr();
    for (let i = 0; i < 20; i++) {
      const r = await raw(site.url, `/%E0%A4%A${i % 2 ? '/x' : ''}`);
      expect(r.status).toBe(400);
      expect(r.body.toString()).not.toMatch(/URIError|at .*\.mjs/);
    }
    const logged = site.stderr().slice(before.length);
    expect(logged).not.toMatch(/URIError|\n\s+at /);
    // Rate-limited: at most one line per kind per 10 s (the encoded-slash test above may have logged its own).
    expect(logged.split('\n').filter((l) => l.includes('malformed percent-encoding')).length).toBeLessThanOrEqual(1);
    // (The symlink test's refusal is logged by the server process too, and can reach this pipe late.)
    expect(logged.split('\n').filter((l) => l && !l.startsWith('[serve] symlink')).length).toBeLessThanOrEqual(1);
  });

  it('answers unknown paths with the 404 page and status 404', async () => {
    const r = await raw(site.url, '/no-such-chapter/');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    const html = r.body.toString();
    expect(html).toContain('<meta name="robots" content="noindex"');
    expect(html).toMatch(/href="\/"/);
    expect(html).toContain('href="/the-announcement/"');
  });

  it('answers a miss under /es/ with the Spanish 404 page (status 404), and only there', async () => {
    for (const p of ['/es/no-such-chapter/', '/es/embed/no-such/', '/es/no-such.html']) {
      const r = await raw(site.url, p);
      expect(r.status, p).toBe(404);
      expect(r.headers['content-type'], p).toMatch(/text\/html/);
      const html = r.body.toString();
      expect(html, p).toContain('<html lang="es"');
      expect(html, p).toContain('<meta name="robots" content="noindex"');
      expect(html, p).toContain('href="/es/the-announcement/"');
      expect(html, p).not.toContain('href="/the-announcement/"');
    }
    // English (and a prefix that only looks like an edition) keep the English page.
    for (const p of ['/no-such/', '/esx/', '/xx/no-such/']) {
      const r = await raw(site.url, p);
      expect(r.status, p).toBe(404);
      expect(r.body.toString(), p).toContain('<html lang="en"');
    }
    // The Spanish page is a file, not a page of the site at /es/404/.
    expect((await raw(site.url, '/es/404/')).body.toString()).toContain('<html lang="es"');
    expect((await raw(site.url, '/es/404/')).status).toBe(404);
  });
});

describe('static responses', () => {
  it('serves the build\'s precompressed copies with Vary, and a 304 for a known ETag', async () => {
    const js = readFileSync(path.join(root, 'embed.js'));
    const br = await raw(site.url, '/embed.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.body).equals(js)).toBe(true);
    const gz = await raw(site.url, '/embed.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(js)).toBe(true);
    const plain = await raw(site.url, '/embed.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(js)).toBe(true);
    expect(plain.headers['cache-control']).toBe('no-cache');
    const again = await raw(site.url, '/embed.js', { headers: { 'if-none-match': String(plain.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('gives hashed assets a year of immutable caching, and pages revalidation', async () => {
    const asset = /(\/_astro\/[^"\s]+\.js)/.exec(readFileSync(path.join(root, 'the-announcement/index.html'), 'utf8'))![1]!;
    expect((await raw(site.url, asset)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await raw(site.url, '/the-announcement/')).headers['cache-control']).toBe('no-cache');
  });

  it('sends a CSP that allows exactly the inline scripts each page has, and frame rules by path', async () => {
    for (const p of ['/', '/the-announcement/', '/moderate/', '/sources/', '/embed/the-announcement/']) {
      const r = await raw(site.url, p);
      expect(r.status, p).toBe(200);
      const csp = String(r.headers['content-security-policy']);
      expect(csp, p).toMatch(/default-src 'self'/);
      expect(csp, p).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const file = path.join(root, p, 'index.html');
      for (const code of inlineScripts(readFileSync(file, 'utf8'))) expect(csp, `${p}: inline script not allowed by hash`).toContain(`'${scriptHash(code)}'`);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(r.headers['x-powered-by']).toBeUndefined();
      expect(r.headers.server).toBeUndefined();
      if (p.startsWith('/embed/')) {
        expect(csp).not.toContain("frame-ancestors 'none'");
        expect(r.headers['x-frame-options']).toBeUndefined();
      } else {
        expect(csp, p).toContain("frame-ancestors 'none'");
        expect(r.headers['x-frame-options'], p).toBe('DENY');
      }
    }
  });
});

describe('the /api/ proxy', () => {
  it('strips hop-by-hop headers both ways and overwrites the client address', async () => {
    seen.length = 0;
    const r = await raw(site.url, '/api/echo', {
      headers: {
        connection: 'keep-alive, x-named-in-connection',
        'x-named-in-connection': 'drop me',
        'keep-alive': 'timeout=600',
        te: 'trailers',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        'proxy-connection': 'keep-alive',
        'x-forwarded-for': '6.6.6.6',
        forwarded: 'for=6.6.6.6',
        'x-real-ip': '6.6.6.6',
        'x-kept': 'yes',
      },
    });
    expect(r.status).toBe(200);
    const got = seen[0]!;
    for (const h of ['x-named-in-connection', 'keep-alive', 'te', 'trailer', 'proxy-authorization', 'proxy-connection', 'forwarded', 'x-real-ip']) expect(got[h], h).toBeUndefined();
    expect(got['x-forwarded-for']).toBe('127.0.0.1');
    expect(got['x-kept']).toBe('yes');
    expect(r.headers['keep-alive']).not.toBe('timeout=99');
    expect(r.headers['x-upstream-secret']).toBeUndefined();
    expect(r.headers['x-powered-by']).toBeUndefined();
  });

  it('answers 504 when the comment server hangs, within ~10-15 s, and closes the upstream request', async () => {
    const t = Date.now();
    const r = await raw(site.url, '/api/hang');
    const took = Date.now() - t;
    expect(r.status).toBe(504);
    expect(took).toBeGreaterThanOrEqual(9_000);
    expect(took).toBeLessThan(16_000);
    expect(JSON.parse(r.body.toString()).errmsg).toMatch(/did not answer/);
    await until(() => openUpstreamSockets === 0, 5_000, 'upstream sockets closed after the 504');
  }, 30_000);

  it('cancels upstream requests whose reader went away (was: 200+ sockets left open)', async () => {
    await until(() => openUpstreamSockets === 0, 15_000, 'no upstream sockets before the test');
    const aborts = Array.from({ length: 40 }, () => new AbortController());
    const pending = aborts.map((a) => raw(site.url, '/api/hang', { signal: a.signal }).catch(() => null));
    await until(() => openUpstreamSockets >= 40, 5_000, '40 upstream requests open');
    for (const a of aborts) a.abort();
    await Promise.all(pending);
    await until(() => openUpstreamSockets === 0, 3_000, 'upstream sockets closed after the readers left');
  });
});

describe('connections', () => {
  it('keeps serving readers while one address holds thousands of idle connections, and closes them', async () => {
    const sockets: net.Socket[] = [];
    let closed = 0;
    const u = new URL(site.url);
    // The attacker comes from 127.0.0.2 (all of 127/8 is loopback); readers from 127.0.0.1.
    for (let i = 0; i < 1000; i++) {
      const s = net.connect({ host: u.hostname, port: Number(u.port), localAddress: '127.0.0.2' });
      s.on('error', () => {});
      s.once('close', () => closed++);
      sockets.push(s);
    }
    await until(() => closed >= 1000 - 128, 10_000, 'connections past the per-address limit refused');
    const page = await raw(site.url, '/the-announcement/');
    expect(page.status).toBe(200);
    // Those allowed in but silent are closed by the header timeout (10 s).
    await until(() => closed === 1000, 25_000, 'idle connections closed');
    for (const s of sockets) s.destroy();
  }, 45_000);
});

describe('behind a front proxy (FRONT_TRUSTED_PROXIES)', () => {
  it('takes the reader from the X-Forwarded-For of a trusted front proxy only, and does not hold that proxy to one reader\'s connection cap', async () => {
    const port = (upstream.address() as net.AddressInfo).port;
    // The front proxy is 127.0.0.3; anyone else (127.0.0.1 here) is a reader whose header means nothing.
    const fronted = await startServeProcess({ DIST_DIR: root, COMMENTS_UPSTREAM: `http://127.0.0.1:${port}`, FRONT_TRUSTED_PROXIES: '127.0.0.3', MAX_CONNECTIONS_PER_ADDRESS: '20' });
    try {
      const through = async (localAddress: string, xff: string) => {
        seen.length = 0;
        expect((await raw(fronted.url, '/api/echo', { localAddress, headers: { 'x-forwarded-for': xff } })).status).toBe(200);
        return seen[0]!['x-forwarded-for'];
      };
      expect(await through('127.0.0.3', '203.0.113.7')).toBe('203.0.113.7');
      // A reader's own header before the proxy's entry is not believed: the nearest untrusted address wins.
      expect(await through('127.0.0.3', '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
      expect(await through('127.0.0.1', '203.0.113.7')).toBe('127.0.0.1');
      // 40 connections from the proxy stay open (the cap is 20 per address); from a reader, 20.
      const hold = async (localAddress: string) => {
        const u = new URL(fronted.url);
        let closed = 0;
        const sockets = Array.from({ length: 40 }, () => {
          const s = net.connect({ host: u.hostname, port: Number(u.port), localAddress });
          s.on('error', () => {});
          s.once('close', () => closed++);
          return s;
        });
        await Promise.all(sockets.map((s) => new Promise((r) => (s.readyState === 'open' ? r(0) : s.once('connect', r).once('close', r)))));
        await new Promise((r) => setTimeout(r, 500));
        for (const s of sockets) s.destroy();
        return closed;
      };
      expect(await hold('127.0.0.3')).toBe(0);
      expect(await hold('127.0.0.4')).toBe(20);
    } finally {
      await fronted.stop();
    }
    await expect(startServeProcess({ DIST_DIR: root, FRONT_TRUSTED_PROXIES: 'loopback, not-an-address' })).rejects.toThrow(/FRONT_TRUSTED_PROXIES/);
  }, 60_000);
});
