#!/usr/bin/env node
// `npm run bench:comments`: requests per second and p50/p99 latency for
// listing and posting comments on loopback, through the site's /api/ proxy
// (what a reader's browser hits), for SQLite and PostgreSQL (when the
// PostgreSQL binaries are installed). Writes bench/results/comments.json.
//   BENCH_SECONDS (default 5) per scenario, BENCH_CONCURRENCY (default 16).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startComments } from '../server/comments/index.mjs';
import { storeConfig, upsertModerator } from '../server/comments/db.mjs';
import { startPostgres } from '../server/comments/dev-postgres.mjs';
import { serve } from './serve.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PAGE = '/bench/';
const MOD = { email: 'bench@example.org', name: 'Bench', password: 'bench password 123' };

function pct(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// CPU time of the comment server process (Linux /proc), in ms: a figure that
// other load on the machine does not distort as much as wall-clock latency.
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * (1000 / 100);
  } catch {
    return null;
  }
}

let serverPid = 0;
async function run(name, fn) {
  const cpu0 = cpuMs(serverPid);
  const lat = [];
  let errors = 0;
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
  const r = {
    scenario: name,
    requests: lat.length,
    errors,
    reqPerSec: Math.round((lat.length / secs) * 10) / 10,
    p50ms: Math.round(pct(lat, 50) * 10) / 10,
    p99ms: Math.round(pct(lat, 99) * 10) / 10,
  };
  const cpu1 = cpuMs(serverPid);
  r.serverCpuMsPerRequest = cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) / lat.length) * 10) / 10;
  if (samples.length) r.errorSamples = samples;
  console.log(`  ${name.padEnd(14)} ${String(r.reqPerSec).padStart(7)} req/s  p50 ${String(r.p50ms).padStart(6)} ms  p99 ${String(r.p99ms).padStart(6)} ms  (${r.requests} requests, ${errors} errors, server CPU ${r.serverCpuMsPerRequest} ms/request)`);
  return r;
}

async function benchStore(kind, databaseUrl) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-comments-'));
  const dataDir = path.join(tmp, 'data');
  mkdirSync(path.join(tmp, 'site'));
  await upsertModerator(storeConfig({ dataDir, databaseUrl }), MOD);
  const comments = await startComments({ dataDir, databaseUrl, port: 0, rateLimitSeconds: 0, quiet: true });
  serverPid = comments.pid;
  const site = await serve({ root: path.join(tmp, 'site'), port: 0, commentsUpstream: comments.url, quiet: true });
  try {
    const post = async (body) => {
      const r = await fetch(`${site.url}/api/comment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await r.text();
      return r.ok && JSON.parse(text).errno === 0 ? true : `${r.status} ${text.slice(0, 160)}`;
    };
    // 60 approved comments (6 pages of 10), some with replies, to list.
    const login = await (await fetch(`${site.url}/api/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: MOD.email, password: MOD.password }) })).json();
    const token = login.data.token;
    for (let i = 0; i < 60; i++) {
      const r = await (await fetch(`${site.url}/api/comment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nick: `Seed ${i}`, comment: `Seed comment ${i} with a little text to render.`, url: PAGE }) })).json();
      await fetch(`${site.url}/api/comment/${r.data.objectId}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ status: 'approved' }) });
    }
    console.log(`${kind}:`);
    const list = await run('list', async () => {
      const r = await fetch(`${site.url}/api/comment?path=${PAGE}&page=1&pageSize=10&sortBy=insertedAt_desc`);
      const j = await r.json();
      return r.ok && j.errno === 0 && j.data.data.length === 10;
    });
    // Every request a new URL: what a list costs when the gate's cache misses
    // (the first reader after each new comment or moderation).
    const cold = await run('list-uncached', async (w, i) => {
      const r = await fetch(`${site.url}/api/comment?path=${PAGE}&page=1&pageSize=10&sortBy=insertedAt_desc&_=${w}-${i}`);
      const j = await r.json();
      return r.ok && j.errno === 0 && j.data.data.length === 10;
    });
    const posting = await run('post', (w, i) => post({ nick: `Reader ${w}`, comment: `Bench comment ${w}-${i} ${Math.random()}`, url: PAGE }));
    return { store: kind, list, listUncached: cold, post: posting };
  } finally {
    await site.close();
    await comments.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const results = [];
results.push(await benchStore('sqlite', ''));
const pg = await startPostgres();
if (pg) {
  try {
    results.push(await benchStore('postgresql', pg.url));
  } finally {
    await pg.stop();
  }
} else {
  console.log('postgresql: skipped (no PostgreSQL binaries found; install Debian\'s `postgresql` package or set PG_BIN)');
}

const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '',
  // Other work on the machine skews the figures: the 1-minute load average at the end.
  loadAverage: os.loadavg()[0],
  seconds: SECONDS,
  concurrency: CONCURRENCY,
  path: 'client -> serve() /api/ proxy -> gate -> Waline, loopback; 10 comments per page, 60 approved on the page; list = same URL (the gate caches public lists until the next write), list-uncached = a new URL each time; posts are new (pre-moderated) comments',
  results,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/comments.json', JSON.stringify(out, null, 2) + '\n');
console.log('wrote bench/results/comments.json');
