/**
 * Scale through the real front: Debian's nginx with deploy/nginx.conf.template
 * (test/deploy/nginx.ts) in front of three comment processes on one
 * PostgreSQL. Every request goes through nginx, as a reader's would; each
 * reader is a different loopback source address (127.x.y.z), which is the
 * address nginx sees and passes on (X-Forwarded-For $remote_addr; the
 * processes trust loopback proxies). Which process answered is read from
 * nginx's access log ($upstream_addr).
 *
 * scale.test.ts runs the same properties per process (each process addressed
 * directly) behind the small round-robin proxy; this file holds them for the
 * deployed configuration, plus what only the real front can show: a reader's
 * own X-Forwarded-For does not change who they are.
 */
import http from 'node:http';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { findPgBin, startPostgres } from '../../server/comments/dev-postgres.mjs';
import { startComments } from '../../server/comments/index.mjs';
import { storeConfig, upsertModerator, withStore } from '../../server/comments/db.mjs';
import { hasNginx, startNginx, type Nginx } from '../deploy/nginx';
import { writeSite, MODERATOR } from './harness';

const PAGES = ['/scale-a/', '/scale-b/', '/scale-c/', '/scale-d/'];
const N = 3;
const ready = hasNginx() && !!findPgBin();
if (!ready) {
  const msg = "comment scale tests through nginx need nginx (apt-get install -y nginx) and PostgreSQL (Debian's postgresql); .ci/run installs both";
  if (process.env.CI) throw new Error(msg);
  console.warn(`SKIPPED: ${msg}`);
}

interface Answer {
  status: number;
  json: any;
  headers: http.IncomingHttpHeaders;
}

let readerCounter = 0;
/** A new reader: a loopback address of its own (Linux answers on all of 127.0.0.0/8). */
function nextReader(): string {
  readerCounter++;
  const n = readerCounter;
  return `127.${20 + Math.floor(n / (254 * 256))}.${Math.floor(n / 254) % 256}.${(n % 254) + 1}`;
}

/** Requests nginx has answered in full; nginx logs each one, but only after sending the answer. */
let answered = 0;

/** One request to nginx from the reader's own source address. */
function request(base: string, from: string, p: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const u = new URL(base);
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: p, method: init.method ?? (body ? 'POST' : 'GET'), headers, localAddress: from, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          answered++;
          let json: any = text;
          try {
            json = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, json, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(!ready)(`${N} comment processes on one PostgreSQL behind nginx`, { timeout: 300_000 }, () => {
  let pg: { url: string; stop(): Promise<void> };
  let procs: Awaited<ReturnType<typeof startComments>>[] = [];
  let ng: Nginx;
  let tmp: string;
  const rows = (sql: string, params: unknown[] = []) => withStore(storeConfig({ databaseUrl: pg.url }), (db) => db.all(sql, params));
  const upstreamOf = (url: string) => url.replace(/^http:\/\//, '');
  /** The comment process that answered each logged request matching `line`, in order. */
  const answeredBy = (line: RegExp) =>
    ng
      .accessLog()
      .split('\n')
      .filter((l) => line.test(l))
      .map((l) => /upstream=(\S+)/.exec(l)?.[1] ?? '');
  const logLines = () => ng.accessLog().split('\n').filter(Boolean);
  /**
   * The log once it holds a line for every request answered so far (up to 5 s). nginx writes a
   * request's line after sending its answer, so a request sent outside inTurn just before (a
   * moderator's approval) can be logged after the next one starts: counting lines without this
   * once took that late line for the next request's (fresh-clone CI, 4 Dec 2026).
   */
  async function settledLog() {
    let lines = logLines();
    for (const end = Date.now() + 5000; lines.length < answered && Date.now() < end; lines = logLines()) await new Promise((r) => setTimeout(r, 20));
    return lines;
  }
  /** Send requests one after another and wait for nginx to log each before the next (the log says which process answered). */
  async function inTurn(n: number, send: () => Promise<Answer>) {
    const out: Array<Answer & { upstream: string }> = [];
    for (let i = 0; i < n; i++) {
      const before = (await settledLog()).length;
      const a = await send();
      let lines = logLines();
      for (const end = Date.now() + 5000; lines.length <= before && Date.now() < end; lines = logLines()) await new Promise((r) => setTimeout(r, 20));
      out.push({ ...a, upstream: /upstream=(\S+)/.exec(lines[lines.length - 1] ?? '')?.[1] ?? '' });
    }
    return out;
  }

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'comments-scale-nginx-'));
    chmodSync(tmp, 0o755);
    const site = path.join(tmp, 'site');
    writeSite(site, PAGES);
    // What deploy/render-nginx.mjs needs from a build: a home page and the header manifest (no inline scripts here).
    writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>scale</title>\n');
    writeFileSync(path.join(site, '.headers.json'), JSON.stringify({ mode: 'local', site: 'http://127.0.0.1', scriptHashes: [] }));
    pg = (await startPostgres())!;
    await upsertModerator(storeConfig({ databaseUrl: pg.url }), MODERATOR);
    for (let i = 0; i < N; i++) procs.push(await startComments({ databaseUrl: pg.url, siteDir: site, port: 0, quiet: true, rateLimitSeconds: 30, poolSize: 8 }));
    // 200 readers post twice at once: raise the per-address cap so the cap is not what answers.
    ng = await startNginx({ root: site, upstreams: procs.map((p) => p.url), maxConnectionsPerAddress: 1024 });
  }, 600_000);
  afterAll(async () => {
    await ng?.stop();
    for (const p of procs) await p.stop().catch(() => {});
    await pg?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('signs in through one process and moderates through the others; signing out on one ends the session everywhere', async () => {
    const mod = nextReader();
    const signIn = await request(ng.url, mod, '/api/token', { body: { email: MODERATOR.email, password: MODERATOR.password } });
    expect(signIn.status).toBe(200);
    const token = signIn.json.data.token as string;
    await settledLog(); // (the sign-in's line can come after its answer)
    const [signedInOn] = answeredBy(/"POST \/api\/token /);
    expect(signedInOn, 'the process that signed the moderator in').toMatch(/^127\.0\.0\.1:\d+$/);
    const ids: string[] = [];
    for (let i = 0; i < N * 2; i++) {
      const posted = await request(ng.url, nextReader(), '/api/comment', { body: { nick: 'Scale', comment: `moderate me elsewhere ${i}`, url: '/scale-a/' } });
      expect(posted.status).toBe(200);
      ids.push(posted.json.data.objectId);
    }
    const approvals = await inTurn(ids.length, () => request(ng.url, mod, `/api/comment/${ids.shift()}`, { method: 'PUT', body: { status: 'approved' }, token }));
    expect(approvals.map((a) => a.status)).toEqual(approvals.map(() => 200));
    // The session made on one process was used on every process, including others than the one that made it.
    const moderatedOn = new Set(approvals.map((a) => a.upstream));
    expect([...moderatedOn].sort(), 'processes that took the moderator\'s approvals').toEqual(procs.map((p) => upstreamOf(p.url)).sort());
    expect([...moderatedOn].some((u) => u !== signedInOn)).toBe(true);
    // Signed out through whichever process nginx picks: then no process accepts the token.
    expect((await request(ng.url, mod, '/api/token', { method: 'DELETE', token })).status).toBe(200);
    const after = await inTurn(N * 2, () => request(ng.url, mod, '/api/token', { token }));
    expect(after.map((a) => a.status)).toEqual(after.map(() => 401));
    expect(new Set(after.map((a) => a.upstream)).size, 'processes asked after sign-out').toBe(N);
  });

  it('holds the per-reader limit across processes, one after another and all at once', async () => {
    const reader = nextReader();
    const inOrder = await inTurn(N * 2, () => request(ng.url, reader, '/api/comment', { body: { nick: 'R', comment: `one of six ${Math.random()}`, url: '/scale-b/' } }));
    expect(inOrder.map((a) => a.status)).toEqual([200, ...Array(N * 2 - 1).fill(429)]);
    expect(new Set(inOrder.map((a) => a.upstream)).size, 'processes that answered the reader').toBe(N);
    const other = nextReader();
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => request(ng.url, other, '/api/comment', { body: { nick: 'R', comment: `burst ${i}`, url: '/scale-b/' } })));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(11);
    // The address stored is the one nginx saw.
    expect(await rows("SELECT ip FROM wl_comment WHERE url = '/scale-b/' AND ip = ?", [other])).toHaveLength(1);
  });

  it("a reader's own X-Forwarded-For does not change who they are", async () => {
    const reader = nextReader();
    const first = await request(ng.url, reader, '/api/comment', { body: { nick: 'S', comment: 'first, honestly', url: '/scale-d/' }, headers: { 'x-forwarded-for': '10.7.7.1' } });
    expect(first.status).toBe(200);
    // Every later try claims to be someone else (and another proxy hop, and the other headers a proxy might set).
    const spoofed = await inTurn(N * 2, () =>
      request(ng.url, reader, '/api/comment', {
        body: { nick: 'S', comment: `spoofed ${Math.random()}`, url: '/scale-d/' },
        headers: { 'x-forwarded-for': `10.7.${Math.floor(Math.random() * 250)}.2, 127.0.0.1`, 'x-real-ip': '10.8.8.8', forwarded: 'for=10.9.9.9' },
      }),
    );
    expect(spoofed.map((a) => a.status)).toEqual(spoofed.map(() => 429));
    expect(new Set(spoofed.map((a) => a.upstream)).size).toBe(N);
    const stored = await rows("SELECT ip FROM wl_comment WHERE url = '/scale-d/'");
    expect(stored.map((r) => r.ip)).toEqual([reader]);
  });

  it('stores 200 concurrent posts across processes exactly once each, each sent twice at once and again until confirmed (lost answers)', async () => {
    const posts = Array.from({ length: 200 }, (_, i) => ({ from: nextReader(), key: `nginx-scale-${String(i).padStart(4, '0')}-${Date.now()}`, comment: `concurrent comment through nginx ${i}` }));
    const send = (p: (typeof posts)[number]) =>
      request(ng.url, p.from, '/api/comment', { body: { nick: 'C', comment: p.comment, url: '/scale-c/' }, headers: { 'idempotency-key': p.key } }).catch(() => ({ status: 0, json: null, headers: {} }));
    await settledLog();
    const logged = answeredBy(/"POST \/api\/comment /).length;
    const first = await Promise.all(posts.flatMap((p) => [send(p), send(p)]));
    await settledLog();
    const byStatus = first.reduce<Record<number, number>>((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
    const spread = answeredBy(/"POST \/api\/comment /)
      .slice(logged)
      .reduce<Record<string, number>>((m, u) => ((m[u] = (m[u] ?? 0) + 1), m), {});
    console.log(`200 posts ×2 at once through nginx to ${N} processes: answers ${JSON.stringify(byStatus)}; answered by ${JSON.stringify(spread)}`);
    // Stored (200), "the same post is still being sent" (409), or a lost answer (nginx's 502/504, or a dropped connection) on a loaded machine.
    expect(Object.keys(byStatus).filter((k) => !['200', '409', '502', '504', '0'].includes(k))).toEqual([]);
    expect(Object.keys(spread).filter((u) => u !== '-')).toHaveLength(N);
    const confirmed = new Set(posts.filter((_, i) => first[2 * i].status === 200 || first[2 * i + 1].status === 200).map((p) => p.key));
    for (let round = 0; round < 20 && confirmed.size < posts.length; round++) {
      const rest = posts.filter((p) => !confirmed.has(p.key));
      const again = await Promise.all(rest.map(send));
      rest.forEach((p, i) => again[i].status === 200 && confirmed.add(p.key));
      if (confirmed.size < posts.length) await new Promise((r) => setTimeout(r, 500));
    }
    expect(confirmed.size).toBe(200);
    const stored = (await rows("SELECT comment FROM wl_comment WHERE url = '/scale-c/'")).map((r) => String(r.comment));
    expect(stored).toHaveLength(200);
    expect(new Set(stored).size).toBe(200);
    expect([...stored].sort()).toEqual(posts.map((p) => p.comment).sort());
  });

  it("shows an approval in every process's next list (each caches lists; the cache is invalidated through the store)", async () => {
    const posted = await request(ng.url, nextReader(), '/api/comment', { body: { nick: 'Seen', comment: 'approve me once, see me everywhere', url: '/scale-a/' } });
    expect(posted.status).toBe(200);
    const id = posted.json.data.objectId;
    const list = () => request(ng.url, nextReader(), '/api/comment?path=/scale-a/&page=1&pageSize=10&sortBy=insertedAt_desc');
    // Warm every process's cache: each answers the list at least twice, the second time from its cache.
    const warm = await inTurn(N * 3, list);
    expect(new Set(warm.map((a) => a.upstream)).size).toBe(N);
    for (const u of new Set(warm.map((a) => a.upstream))) expect(warm.filter((a) => a.upstream === u).map((a) => a.headers['x-comments-cache']), u).toContain('hit');
    const before = warm[warm.length - 1].json.data.count as number;
    const mod = nextReader();
    const token = (await request(ng.url, mod, '/api/token', { body: { email: MODERATOR.email, password: MODERATOR.password } })).json.data.token;
    expect((await request(ng.url, mod, `/api/comment/${id}`, { method: 'PUT', body: { status: 'approved' }, token })).status).toBe(200);
    const after = await inTurn(N * 2, list);
    expect(new Set(after.map((a) => a.upstream)).size, 'processes that answered after the approval').toBe(N);
    for (const a of after) {
      expect(a.json.data.count, a.upstream).toBe(before + 1);
      expect(a.json.data.data.map((c: any) => c.objectId), a.upstream).toContain(id);
    }
    // Each process's first list after the approval was read from the store, not its stale cache.
    for (const u of new Set(after.map((a) => a.upstream))) expect(after.find((a) => a.upstream === u)!.headers['x-comments-cache'], u).toBe('miss');
  });
});
