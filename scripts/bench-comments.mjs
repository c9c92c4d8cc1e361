#!/usr/bin/env node
// @ts-check
// `npm run bench:comments`: requests per second and p50/p99 latency for
// listing (cached and uncached) and posting comments with one, two and four
// comment processes on one PostgreSQL (a throwaway server, when the binaries
// are installed) behind a round-robin proxy, side by side; SQLite with one
// process for reference. Writes bench/results/comments.json with the load
// average (other work on the machine skews every figure).
//   BENCH_SECONDS (default 5) per scenario, BENCH_CONCURRENCY (default 16),
//   BENCH_PROCESSES (default 1,2,4).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storeConfig, upsertModerator } from '../server/comments/db.mjs';
import { startPostgres } from '../server/comments/dev-postgres.mjs';
import { startCluster } from '../server/comments/dev-cluster.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const COUNTS = (process.env.BENCH_PROCESSES ?? '1,2,4').split(',').map(Number);
const PAGE = '/bench/';
const MOD = { email: 'bench@example.org', name: 'Bench', password: 'bench password 123' };

/** @param {number[]} sorted @param {number} p */
function pct(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// CPU time of the comment processes (Linux /proc), in ms: less distorted by
// other load on the machine than wall-clock latency.
/** @param {number[]} pids */
function cpuMs(pids) {
  let sum = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      sum += (Number(f[11]) + Number(f[12])) * (1000 / 100);
    } catch {
      return null;
    }
  }
  return sum;
}

/**
 * @param {string} name
 * @param {number[]} pids
 * @param {(w: number, i: number) => Promise<true | string>} fn
 */
async function run(name, pids, fn) {
  const cpu0 = cpuMs(pids);
  /** @type {number[]} */
  const lat = [];
  let errors = 0;
  /** @type {string[]} */
  const samples = [];
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < end) {
        const s = performance.now();
        const ok = await fn(w, n++).catch((e) => String(e));
        if (ok !== true && samples.length < 3) samples.push(ok);
        lat.push(performance.now() - s);
        if (ok !== true) errors++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const cpu1 = cpuMs(pids);
  const r = {
    scenario: name,
    requests: lat.length,
    errors,
    reqPerSec: Math.round((lat.length / secs) * 10) / 10,
    p50ms: Math.round(pct(lat, 50) * 10) / 10,
    p99ms: Math.round(pct(lat, 99) * 10) / 10,
    serverCpuMsPerRequest: cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) / lat.length) * 10) / 10,
    ...(samples.length ? { errorSamples: samples } : {}),
  };
  console.log(`  ${name.padEnd(14)} ${String(r.reqPerSec).padStart(7)} req/s  p50 ${String(r.p50ms).padStart(6)} ms  p99 ${String(r.p99ms).padStart(6)} ms  (${r.requests} requests, ${errors} errors, CPU ${r.serverCpuMsPerRequest} ms/request)`);
  return r;
}

/** @param {'sqlite'|'postgresql'} kind @param {string} databaseUrl @param {number} n */
async function bench(kind, databaseUrl, n) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-comments-'));
  const dataDir = path.join(tmp, 'data');
  const siteDir = path.join(tmp, 'site');
  mkdirSync(path.join(siteDir, PAGE), { recursive: true });
  writeFileSync(path.join(siteDir, PAGE, 'index.html'), `<chancay-comments data-path="${PAGE}"></chancay-comments>`);
  await upsertModerator(storeConfig({ dataDir, databaseUrl }), MOD);
  // One cached list per process, so the uncached scenario (12 lists in turn) always misses;
  // no per-reader limits (every request comes from this one address).
  const cluster = await startCluster({ n, databaseUrl, dataDir, siteDir, rateLimitSeconds: 0, cacheEntries: 1, readsPerMinute: 1e9, caps: { total: 1e9, perChapter: 1e9, perReader: 1e9 } });
  const pids = cluster.processes.map((p) => p.pid);
  const base = cluster.url;
  try {
    /** @param {string} p @param {RequestInit} [init] */
    const call = async (p, init) => {
      const r = await fetch(base + p, init);
      return { r, j: /** @type {any} */ (await r.json().catch(() => null)) };
    };
    const json = { 'content-type': 'application/json' };
    const login = await call('/api/token', { method: 'POST', headers: json, body: JSON.stringify({ email: MOD.email, password: MOD.password }) });
    const token = login.j.data.token;
    // 60 approved comments on the page: 6 pages of 10 (the PostgreSQL store is shared by the runs).
    const existing = await call(`/api/comment?path=${PAGE}`);
    for (let i = existing.j.data.count; i < 60; i++) {
      const c = await call('/api/comment', { method: 'POST', headers: json, body: JSON.stringify({ nick: `Seed ${i}`, comment: `Seed comment ${i} with a little text to render.`, url: PAGE }) });
      await fetch(`${base}/api/comment/${c.j.data.objectId}`, { method: 'PUT', headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify({ status: 'approved' }) });
    }
    console.log(`${kind}, ${n} process${n > 1 ? 'es' : ''}:`);
    const list = await run('list', pids, async () => {
      const { r, j } = await call(`/api/comment?path=${PAGE}&page=1&pageSize=10&sortBy=insertedAt_desc`);
      return r.ok && j.data.data.length === 10 ? true : `${r.status}`;
    });
    let misses = 0;
    const cold = await run('list-uncached', pids, async (w, i) => {
      const k = (w * 7 + i) % 12;
      const { r, j } = await call(`/api/comment?path=${PAGE}&page=${(k % 6) + 1}&pageSize=10&sortBy=${k < 6 ? 'insertedAt_desc' : 'insertedAt_asc'}`);
      if (r.headers.get('x-comments-cache') === 'miss') misses++;
      return r.ok && j.data.data.length === 10 ? true : `${r.status}`;
    });
    const missRatio = Math.round((misses / cold.requests) * 100) / 100;
    const posting = await run('post', pids, async (w, i) => {
      const { r, j } = await call('/api/comment', { method: 'POST', headers: json, body: JSON.stringify({ nick: `Reader ${w}`, comment: `Bench comment ${w}-${i} ${Math.random()}`, url: PAGE }) });
      return r.ok && j?.errno === 0 ? true : `${r.status} ${JSON.stringify(j).slice(0, 120)}`;
    });
    return { store: kind, processes: n, list, listUncached: { ...cold, missRatio }, post: posting };
  } finally {
    await cluster.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** @type {any[]} */
const results = [];
results.push(await bench('sqlite', '', 1));
const pg = await startPostgres();
if (pg) {
  try {
    for (const n of COUNTS) results.push(await bench('postgresql', pg.url, n));
  } finally {
    await pg.stop();
  }
} else {
  console.log("postgresql: skipped (no PostgreSQL binaries found; install Debian's `postgresql` package or set PG_BIN)");
}

const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '',
  // Other work on the machine skews the figures: the 1-, 5- and 15-minute load averages at the end.
  loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  seconds: SECONDS,
  concurrency: CONCURRENCY,
  path: 'client -> round-robin proxy (server/comments/dev-cluster.mjs) -> N comment processes (gate + Waline) -> one store, loopback; 60 approved comments on the page, 10 per page; list = the same URL (cached per process until the next write); list-uncached = 12 different lists in turn with one cache entry per process (missRatio says how many missed); post = new pre-moderated comments',
  results,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/comments.json', JSON.stringify(out, null, 2) + '\n');

// The side-by-side table (also pasted into reports).
const rows = [['store', 'processes', 'list req/s', 'p50', 'p99', 'uncached req/s', 'p50', 'p99', 'post req/s', 'p50', 'p99']];
for (const r of results)
  rows.push([r.store, String(r.processes), ...[r.list, r.listUncached, r.post].flatMap((s) => [String(s.reqPerSec), `${s.p50ms} ms`, `${s.p99ms} ms`])]);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('');
for (const r of rows) console.log(`| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);
console.log(`\nload average ${out.loadAverage.join(' / ')} on ${out.cpus} CPUs; wrote bench/results/comments.json`);
