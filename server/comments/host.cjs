// @ts-check
// Child process that hosts Waline (@waline/vercel) behind our gate, bound to
// 127.0.0.1 only. Started by index.mjs; configuration comes from the
// environment it sets. Waline's own vanilla.js would listen on every
// interface through a cluster master; here ThinkJS only loads the app
// (its "unit test" mode) and we own the HTTP server.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createRequire, flushCompileCache } = require('node:module');
const { createGate } = require('./gate.cjs');
const { openState } = require('./state.cjs');
const { createModeration } = require('./moderation.cjs');
const { createNotifier } = require('./notify.cjs');

// Files the store creates later (SQLite's -wal and -shm) are private too.
process.umask(0o077);

const walineDir = path.dirname(require.resolve('@waline/vercel/package.json'));
const walineRequire = createRequire(path.join(walineDir, 'index.js'));

process.env.THINK_UNIT_TEST = '1';
const Application = walineRequire('thinkjs');
const app = new Application({
  ROOT_PATH: walineDir,
  APP_PATH: path.join(walineDir, 'src'),
  proxy: true, // X-Forwarded-For is read, but the gate rewrites it first
  env: 'production',
});
app.run();
const think = /** @type {any} */ (globalThis).think;

// Waline's PostgreSQL pool (pg's Pool: `max`; Waline sets a `connectionLimit` pg ignores).
const poolSize = Math.max(1, Number(process.env.COMMENTS_PG_POOL_SIZE ?? 10));
const model = think.config('model');
if (model && model.postgresql) {
  model.postgresql.max = poolSize;
  // Named per process, so an operator (and the scale test) can see each pool in pg_stat_activity.
  model.postgresql.application_name = `comments-waline-${process.pid}`;
  model.postgresql.logConnect = false;
  think.config('model', model);
}

// Comment HTML (Waline renders Markdown, then DOMPurify): text markup and
// http(s) links only. Waline's default keeps images, which would load remote
// resources (trackers) in readers' browsers.
think.config('domPurify', {
  ALLOWED_TAGS: ['p', 'br', 'a', 'em', 'strong', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'sub', 'sup', 'hr'],
  ALLOWED_ATTR: ['href'],
  ALLOWED_URI_REGEXP: /^https?:\/\//i,
});

// Waline logs every SQL statement and request at info/debug level.
if (!process.env.COMMENTS_DEBUG) {
  think.logger.debug = () => {};
  think.logger.info = () => {};
}

/**
 * The SQLite file as it was when we started: a file deleted or replaced under
 * us means every write goes to a store nobody will read again.
 * @returns {() => boolean}
 */
function watchStoreFile(/** @type {string} */ file) {
  const first = fs.statSync(file);
  let reported = false;
  return () => {
    let ok = false;
    try {
      const now = fs.statSync(file);
      ok = now.ino === first.ino && now.dev === first.dev;
    } catch {}
    if (!ok && !reported) {
      reported = true;
      console.error(`[comments] the store ${file} was deleted or replaced while the server ran: refusing writes (503). Restore it and restart.`);
    }
    return ok;
  };
}

async function main() {
  const port = Number(process.env.COMMENTS_PORT ?? 8360);
  const storage = think.config('storage');
  const env = process.env;
  let clockOffset = 0;
  if (env.COMMENTS_FAKE_CLOCK === '1' && process.send) {
    // Tests move this process's clock over IPC (never reachable from the network).
    process.on('message', (/** @type {any} */ m) => {
      if (m && typeof m.advanceClockMs === 'number') {
        clockOffset += m.advanceClockMs;
        process.send?.({ clockAdvanced: clockOffset });
      }
    });
  }
  const sqliteFile = storage === 'sqlite' ? path.join(String(env.SQLITE_PATH), `${env.SQLITE_DB ?? 'waline'}.sqlite`) : '';
  const state = await openState(
    sqliteFile
      ? { kind: 'sqlite', file: sqliteFile }
      : { kind: 'postgresql', host: String(env.PG_HOST), port: String(env.PG_PORT), user: String(env.PG_USER), password: String(env.PG_PASSWORD ?? ''), database: String(env.PG_DB), poolSize },
    { now: () => Date.now() + clockOffset },
  );
  const chapters = new Set(JSON.parse(env.COMMENTS_CHAPTERS ?? '[]'));
  const counter = createModeration({ db: state.db, kind: state.kind, now: state.now, readerKey: (ip) => ip });
  const smtpPort = Number(env.COMMENTS_SMTP_PORT || 0);
  const secure = env.COMMENTS_SMTP_SECURE === '1' || env.COMMENTS_SMTP_SECURE === 'true' || (!env.COMMENTS_SMTP_SECURE && smtpPort === 465);
  const notifier = createNotifier({
    state,
    smtp: {
      host: env.COMMENTS_SMTP_HOST ?? '',
      port: smtpPort || (secure ? 465 : 587),
      secure,
      user: env.COMMENTS_SMTP_USER || undefined,
      pass: env.COMMENTS_SMTP_PASS || undefined,
      from: env.COMMENTS_SMTP_FROM || `comments@${new URL(env.COMMENTS_MODERATE_URL ?? 'http://localhost/').hostname}`,
    },
    to: env.COMMENTS_NOTIFY_TO ? env.COMMENTS_NOTIFY_TO.split(',').map((s) => s.trim()).filter(Boolean) : async () => (await state.moderatorEmails()),
    everyMinutes: Number(env.COMMENTS_NOTIFY_MINUTES ?? 30),
    moderateUrl: env.COMMENTS_MODERATE_URL ?? '/moderate/',
    strings: JSON.parse(env.COMMENTS_MAIL_STRINGS ?? '{}'),
    count: () => counter.counts(),
  });
  const gate = createGate({
    state,
    chapters,
    jwtKey: think.config('jwtKey'),
    trustedProxies: env.TRUSTED_PROXIES || 'loopback',
    reservedNames: JSON.parse(env.COMMENTS_RESERVED_NAMES ?? '[]'),
    caps: {
      total: Number(env.COMMENTS_CAP_WAITING_TOTAL ?? 2000),
      perChapter: Number(env.COMMENTS_CAP_WAITING_PER_CHAPTER ?? 500),
      perReader: Number(env.COMMENTS_CAP_WAITING_PER_READER ?? 5),
      ...(env.COMMENTS_CAP_WAITING_PER_NETWORK ? { perNetwork: Number(env.COMMENTS_CAP_WAITING_PER_NETWORK) } : {}),
    },
    blockedWords: JSON.parse(env.COMMENTS_BLOCKED_WORDS ?? '[]'),
    reportThreshold: Number(env.COMMENTS_REPORT_HIDE_THRESHOLD ?? 3),
    closed: JSON.parse(env.COMMENTS_CLOSED ?? '{}'),
    retentionDays: Number(env.COMMENTS_RETENTION_DAYS ?? 30),
    onWaiting: () => notifier.poke(),
    onCapReached: () => notifier.poke(),
    cacheEntries: Number(env.COMMENTS_LIST_CACHE_ENTRIES ?? 500),
    readsPerMinute: Number(env.COMMENTS_READS_PER_MINUTE ?? 120),
    storeOk: sqliteFile ? watchStoreFile(sqliteFile) : undefined,
    rateLimitSeconds: Number(env.COMMENTS_RATE_LIMIT_SECONDS ?? 30),
    sessionTtlSeconds: Number(env.COMMENTS_SESSION_TTL_SECONDS ?? 8 * 3600),
    async findComment(id) {
      const model = think.service(`storage/${storage}`, 'Comment');
      const rows = await model.select({ objectId: id });
      return rows[0] ?? null;
    },
  });
  think.app.middleware.unshift(gate);
  // Expired rows and the retention purge also run when no request comes (every process; one purges per period).
  setInterval(() => gate.sweep(), 5 * 60_000).unref();
  if (typeof think.beforeStartServer === 'function') await think.beforeStartServer();
  const server = http.createServer(think.app.callback());
  // Longer than a proxy keeps idle upstream connections (nginx: 60 s), so the proxy never
  // sends on a connection we are closing; headers must still arrive promptly.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  think.app.emit('appReady');
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  // With NODE_COMPILE_CACHE set, what was compiled while loading is written now, not at a clean exit,
  // which a process ended with SIGKILL never has.
  flushCompileCache?.();
  if (process.send) process.send({ ready: true, port: actual });
  else console.log(`Comment server (Waline, ${storage}) at http://127.0.0.1:${actual}/`);

  const shutdown = () => server.close(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Never outlive the process that started us.
  process.on('disconnect', () => process.exit(0));
}

main().catch((e) => {
  console.error('[comments]', e);
  if (process.send) process.send({ ready: false, error: String(e && e.stack || e) });
  process.exit(1);
});
