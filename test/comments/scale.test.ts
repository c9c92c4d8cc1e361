/**
 * Scale: three comment processes on one PostgreSQL behind a round-robin proxy
 * (server/comments/dev-cluster.mjs; it appends the peer to X-Forwarded-For as
 * nginx does). Nothing that matters lives in a process's memory, so the three
 * behave as one: a session made on one works on the others and ends
 * everywhere, the per-reader limit holds across them, concurrent posts are
 * stored once each, and an approval shows in every process's next list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { findPgBin, startPostgres } from '../../server/comments/dev-postgres.mjs';
import { startCluster } from '../../server/comments/dev-cluster.mjs';
import { storeConfig, upsertModerator, withStore } from '../../server/comments/db.mjs';
import { api, nextIp, writeSite, MODERATOR } from './harness';

const PAGES = ['/scale-a/', '/scale-b/', '/scale-c/'];
const N = 3;

if (!findPgBin()) console.warn("SKIPPED: comment scale tests: no PostgreSQL binaries (initdb, pg_ctl). Install Debian's `postgresql` package or set PG_BIN.");

describe.skipIf(!findPgBin())(`${N} comment processes on one PostgreSQL behind a proxy`, { timeout: 300_000 }, () => {
  let pg: { url: string; stop(): Promise<void> };
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let tmp: string;
  const urls = () => cluster.processes.map((p) => p.url);
  const rows = (sql: string, params: unknown[] = []) => withStore(storeConfig({ databaseUrl: pg.url }), (db) => db.all(sql, params));
  const as = (ip: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...extra });

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'comments-scale-'));
    writeSite(path.join(tmp, 'site'), PAGES);
    pg = (await startPostgres())!;
    await upsertModerator(storeConfig({ databaseUrl: pg.url }), MODERATOR);
    cluster = await startCluster({ n: N, databaseUrl: pg.url, siteDir: path.join(tmp, 'site'), rateLimitSeconds: 30, poolSize: 8 });
  }, 600_000);
  afterAll(async () => {
    await cluster?.close();
    await pg?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('signs in through one process and moderates through the others; signing out on one ends the session everywhere', async () => {
    const [a, b, c] = urls();
    const ip = nextIp();
    const signIn = await api(a, '/api/token', { body: { email: MODERATOR.email, password: MODERATOR.password }, headers: as(ip) });
    expect(signIn.status).toBe(200);
    const token = signIn.json.data.token as string;
    const posted = await api(c, '/api/comment', { body: { nick: 'Scale', comment: 'moderate me elsewhere', url: '/scale-a/' }, headers: as(nextIp()) });
    expect(posted.status).toBe(200);
    const id = posted.json.data.objectId;
    const waiting = await api(b, '/api/comment?type=list&status=waiting&pageSize=10', { token, headers: as(ip) });
    expect(waiting.status).toBe(200);
    expect(waiting.json.data.data.map((x: any) => x.objectId)).toContain(id);
    expect((await api(c, `/api/comment/${id}`, { method: 'PUT', body: { status: 'approved' }, token, headers: as(ip) })).status).toBe(200);
    for (const u of urls()) expect((await api(u, '/api/token', { token, headers: as(ip) })).status, u).toBe(200);
    expect((await api(b, '/api/token', { method: 'DELETE', token, headers: as(ip) })).status).toBe(200);
    for (const u of urls()) expect((await api(u, '/api/token', { token, headers: as(ip) })).status, u).toBe(401);
    expect((await api(a, `/api/comment/${id}`, { method: 'PUT', body: { status: 'waiting' }, token, headers: as(ip) })).status).toBe(401);
  });

  it('holds the per-reader limit across processes', async () => {
    const ip = nextIp();
    const results = [];
    for (const u of [...urls(), ...urls()]) results.push((await api(u, '/api/comment', { body: { nick: 'R', comment: `one of six ${u}`, url: '/scale-b/' }, headers: as(ip) })).status);
    expect(results).toEqual([200, 429, 429, 429, 429, 429]);
    // Concurrently, through the proxy, as one reader: one is stored.
    const ip2 = nextIp();
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => api(cluster.url, '/api/comment', { body: { nick: 'R', comment: `burst ${i}`, url: '/scale-b/' }, headers: as(ip2) })));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(11);
    expect(await rows("SELECT id FROM wl_comment WHERE url = '/scale-b/' AND ip = ?", [ip2])).toHaveLength(1);
  });

  it('stores 200 concurrent posts across processes exactly once each, each sent twice at once and again until confirmed (lost answers)', async () => {
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const r = await rows("SELECT application_name AS app, COUNT(*) AS n FROM pg_stat_activity WHERE application_name LIKE 'comments-waline-%' GROUP BY application_name");
        peak = Math.max(peak, ...r.map((x) => Number(x.n)));
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    const posts = Array.from({ length: 200 }, (_, i) => ({ ip: nextIp(), key: `scale-key-${String(i).padStart(4, '0')}-${Date.now()}`, comment: `concurrent comment ${i}` }));
    const send = (p: (typeof posts)[number]) =>
      api(cluster.url, '/api/comment', { body: { nick: 'C', comment: p.comment, url: '/scale-c/' }, headers: as(p.ip, { 'idempotency-key': p.key }) }).catch(() => ({ status: 0 }));
    // Each post goes to the proxy twice at once with the same idempotency key (a retry racing the first try)…
    const first = await Promise.all(posts.flatMap((p) => [send(p), send(p)]));
    sampling = false;
    await sampler;
    const byStatus = first.reduce<Record<number, number>>((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
    console.log(`200 posts ×2 at once across ${N} processes: answers ${JSON.stringify(byStatus)}; peak connections of one process's Waline pool: ${peak}`);
    // No other answer than stored (200) or "the same post is still being sent" (409), or a lost answer (proxy timeout) on a loaded machine.
    expect(Object.keys(byStatus).filter((k) => !['200', '409', '502', '0'].includes(k))).toEqual([]);
    // …then, as the widget does, every post not yet confirmed is sent again with its key until it is.
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
    // The PostgreSQL pool is more than one connection (COMMENTS_PG_POOL_SIZE, here 8).
    expect(peak, 'most connections one process held at once').toBeGreaterThan(1);
    console.log(`every post confirmed; rows stored: ${stored.length}, distinct: ${new Set(stored).size}`);
  });

  it('shows an approval in every process\'s next list (each process caches lists; the cache is invalidated through the store)', async () => {
    const ip = nextIp();
    const posted = await api(urls()[0], '/api/comment', { body: { nick: 'Seen', comment: 'approve me once, see me everywhere', url: '/scale-a/' }, headers: as(ip) });
    const id = posted.json.data.objectId;
    const listOn = (u: string) => api(u, '/api/comment?path=/scale-a/&page=1&pageSize=10&sortBy=insertedAt_desc', { headers: as(nextIp()) });
    // Warm every process's cache.
    const before = [];
    for (const u of urls()) {
      await listOn(u);
      const again = await listOn(u);
      expect(again.headers.get('x-comments-cache'), u).toBe('hit');
      before.push(again.json.data.count);
    }
    const token = (await api(urls()[1], '/api/token', { body: { email: MODERATOR.email, password: MODERATOR.password }, headers: as(nextIp()) })).json.data.token;
    expect((await api(urls()[1], `/api/comment/${id}`, { method: 'PUT', body: { status: 'approved' }, token, headers: as(ip) })).status).toBe(200);
    for (const [i, u] of urls().entries()) {
      const after = await listOn(u);
      expect(after.headers.get('x-comments-cache'), u).toBe('miss');
      expect(after.json.data.count, u).toBe(before[i] + 1);
      expect(after.json.data.data.map((c: any) => c.objectId), u).toContain(id);
    }
  });
});
