// @ts-check
// The gate's shared state, kept in the comment store (SQLite tables by
// default, PostgreSQL when configured) instead of a process's memory:
// moderator sessions, the per-reader comment limit, sign-in and read
// counters, the list-cache generation and idempotency keys. Every operation
// is one atomic statement, so two processes (or two hundred concurrent
// requests) cannot both pass a limit. Tables: server/comments/schema/*.sql.
'use strict';
const crypto = require('node:crypto');
const { createRequire } = require('node:module');

const walineRequire = createRequire(require.resolve('@waline/vercel/package.json'));

/**
 * all: one statement. exclusive: statements that must see and change the store
 * as one step with every other exclusive() in every process (the caps'
 * check-and-hold): on SQLite, a single statement already is (a writing
 * statement takes the store's write lock before it reads), so fn runs as is;
 * on PostgreSQL, fn runs in one transaction on one connection after taking a
 * transaction-level advisory lock, so READ COMMITTED statements inside it see
 * everything the previous holder committed.
 * @typedef {{ all(sql: string, params?: unknown[]): Promise<any[]>, exclusive<T>(lock: number, fn: (all: (sql: string, params?: unknown[]) => Promise<any[]>) => Promise<T>): Promise<T>, close(): Promise<void> }} Db
 */

/**
 * @param {{ kind: 'sqlite', file: string } | { kind: 'postgresql', host: string, port: string, user: string, password: string, database: string, poolSize: number }} cfg
 * @returns {Promise<Db>}
 */
async function openDb(cfg) {
  if (cfg.kind === 'sqlite') {
    const sqlite3 = walineRequire('sqlite3');
    /** @type {any} */
    const db = await new Promise((resolve, reject) => {
      const d = new sqlite3.Database(cfg.file, sqlite3.OPEN_READWRITE, (/** @type {Error|null} */ err) => (err ? reject(err) : resolve(d)));
    });
    db.configure('busyTimeout', 5000);
    /** @type {(sql: string, params?: unknown[]) => Promise<any[]>} */
    const all = (sql, params = []) =>
      new Promise((res, rej) => db.all(sql, params, (/** @type {Error|null} */ e, /** @type {any[]} */ rows) => (e ? rej(e) : res(rows))));
    return {
      all,
      exclusive: (_lock, fn) => fn(all),
      close: () => new Promise((r) => db.close(() => r(undefined))),
    };
  }
  const { Pool } = walineRequire('pg');
  const pool = new Pool({ host: cfg.host, port: Number(cfg.port), user: cfg.user, password: cfg.password, database: cfg.database, max: Math.max(2, Math.ceil(cfg.poolSize / 2)), application_name: `comments-gate-${process.pid}` });
  pool.on('error', () => {}); // a dropped idle connection is replaced on the next query
  const numbered = (/** @type {string} */ sql) => {
    let i = 0;
    return sql.replace(/\?/g, () => `$${++i}`);
  };
  return {
    all: (sql, params = []) => pool.query(numbered(sql), params).then((/** @type {any} */ r) => r.rows),
    async exclusive(lock, fn) {
      const client = await pool.connect();
      let ok = false;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [lock]);
        const out = await fn((sql, params = []) => client.query(numbered(sql), params).then((/** @type {any} */ r) => r.rows));
        await client.query('COMMIT');
        ok = true;
        return out;
      } finally {
        if (!ok) await client.query('ROLLBACK').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const sha = (/** @type {string} */ s) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * @param {Parameters<typeof openDb>[0]} cfg
 * @param {{ now?: () => number }} [opts] now: the clock (a test passes a fake one)
 */
async function openState(cfg, opts = {}) {
  const db = await openDb(cfg);
  const now = opts.now ?? Date.now;
  const users = cfg.kind === 'sqlite' ? '"wl_Users"' : 'wl_users';
  const num = (/** @type {unknown} */ v) => Number(v);

  return {
    now,
    /** The store itself, for moderation.cjs (the same "?" placeholders on both kinds). */
    db,
    kind: cfg.kind,
    close: () => db.close(),

    // ---- counters: n events since start_ms, the window restarting when it ends
    /** Count one event for `key` in a window of `windowMs`; returns the count including this one. */
    async hit(/** @type {string} */ key, /** @type {number} */ windowMs) {
      const t = now();
      const rows = await db.all(
        `INSERT INTO cm_counter (key, start_ms, expires_ms, n) VALUES (?, ?, ?, 1)
         ON CONFLICT (key) DO UPDATE SET
           n = CASE WHEN cm_counter.expires_ms <= ? THEN 1 ELSE cm_counter.n + 1 END,
           start_ms = CASE WHEN cm_counter.expires_ms <= ? THEN ? ELSE cm_counter.start_ms END,
           expires_ms = CASE WHEN cm_counter.expires_ms <= ? THEN ? ELSE cm_counter.expires_ms END
         RETURNING n, expires_ms`,
        [key, t, t + windowMs, t, t, t, t, t + windowMs],
      );
      return { n: num(rows[0].n), expiresMs: num(rows[0].expires_ms) };
    },
    /** The count for `key` in its current window (0 when none). */
    async count(/** @type {string} */ key) {
      const rows = await db.all('SELECT n, expires_ms FROM cm_counter WHERE key = ? AND expires_ms > ?', [key, now()]);
      return rows.length ? { n: num(rows[0].n), expiresMs: num(rows[0].expires_ms) } : { n: 0, expiresMs: 0 };
    },
    async forget(/** @type {string} */ key) {
      await db.all('DELETE FROM cm_counter WHERE key = ?', [key]);
    },

    // ---- claims: the per-reader comment limit
    /** Take `key` until `untilMs` unless someone holds it; returns 0 when taken, else the holder's end time. */
    async claim(/** @type {string} */ key, /** @type {number} */ untilMs) {
      const rows = await db.all(
        `INSERT INTO cm_claim (key, until_ms) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET until_ms = excluded.until_ms WHERE cm_claim.until_ms <= ?
         RETURNING until_ms`,
        [key, untilMs, now()],
      );
      if (rows.length) return 0;
      const held = await db.all('SELECT until_ms FROM cm_claim WHERE key = ?', [key]);
      return held.length ? num(held[0].until_ms) : now();
    },
    async release(/** @type {string} */ key, /** @type {number} */ untilMs) {
      await db.all('DELETE FROM cm_claim WHERE key = ? AND until_ms = ?', [key, untilMs]);
    },

    // ---- the list-cache generation
    async generation() {
      const rows = await db.all("SELECT value FROM cm_meta WHERE name = 'generation'");
      return rows.length ? num(rows[0].value) : 0;
    },
    async bump() {
      await db.all("INSERT INTO cm_meta (name, value) VALUES ('generation', 1) ON CONFLICT (name) DO UPDATE SET value = cm_meta.value + 1");
    },

    // ---- moderator sessions
    /** The account for a sign-in (null when unknown). */
    async findUser(/** @type {string} */ email) {
      const rows = await db.all(`SELECT id, email, display_name, password, type FROM ${users} WHERE email = ?`, [email]);
      return rows[0] ?? null;
    },
    /** The moderators' e-mail addresses (notifications when COMMENTS_NOTIFY_TO is not set). @returns {Promise<string[]>} */
    async moderatorEmails() {
      const rows = await db.all(`SELECT email FROM ${users} WHERE type = 'administrator'`);
      return rows.map((r) => String(r.email ?? '')).filter(Boolean);
    },
    /** The moderators' display names (reserved: no commenter may take them). @returns {Promise<string[]>} */
    async moderatorNames() {
      const rows = await db.all(`SELECT display_name FROM ${users} WHERE type = 'administrator'`);
      return rows.map((r) => String(r.display_name ?? '')).filter(Boolean);
    },
    /** A new session for a user; returns the id the client keeps. */
    async createSession(/** @type {{ id: unknown, password: string }} */ user, /** @type {number} */ ttlMs) {
      const sid = crypto.randomBytes(32).toString('base64url');
      const expires = now() + ttlMs;
      await db.all('INSERT INTO cm_session (sid_hash, user_id, stamp, expires_ms) VALUES (?, ?, ?, ?)', [sha(sid), String(user.id), sha(user.password), expires]);
      return { sid, expires };
    },
    /** The session for a client's id, if it is current and the password has not changed since. */
    async session(/** @type {string} */ sid) {
      const rows = await db.all(
        `SELECT s.user_id, s.stamp, s.expires_ms, u.password, u.type FROM cm_session s JOIN ${users} u ON CAST(u.id AS varchar(32)) = s.user_id WHERE s.sid_hash = ?`,
        [sha(sid)],
      );
      const s = rows[0];
      if (!s) return null;
      if (num(s.expires_ms) <= now() || s.stamp !== sha(s.password) || s.type !== 'administrator') {
        await db.all('DELETE FROM cm_session WHERE sid_hash = ?', [sha(sid)]);
        return null;
      }
      return { userId: String(s.user_id), expires: num(s.expires_ms) };
    },
    async endSession(/** @type {string} */ sid) {
      await db.all('DELETE FROM cm_session WHERE sid_hash = ?', [sha(sid)]);
    },

    // ---- idempotency keys
    /** Claim a key for a new post, with a digest of what is posted; false when it was used before (see idem()). */
    async idemClaim(/** @type {string} */ key, /** @type {string} */ bodyHash) {
      const rows = await db.all('INSERT INTO cm_idem (key, comment_id, created_ms, body_hash) VALUES (?, NULL, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING key', [key, now(), bodyHash]);
      return rows.length === 1;
    },
    async idem(/** @type {string} */ key) {
      const rows = await db.all('SELECT comment_id, created_ms, body_hash FROM cm_idem WHERE key = ?', [key]);
      return rows[0] ? { commentId: rows[0].comment_id == null ? null : String(rows[0].comment_id), createdMs: num(rows[0].created_ms), bodyHash: rows[0].body_hash == null ? null : String(rows[0].body_hash) } : null;
    },
    async idemDone(/** @type {string} */ key, /** @type {string} */ commentId) {
      await db.all('UPDATE cm_idem SET comment_id = ? WHERE key = ?', [commentId, key]);
    },
    async idemDrop(/** @type {string} */ key) {
      await db.all('DELETE FROM cm_idem WHERE key = ? AND comment_id IS NULL', [key]);
    },

    /** Forget what has expired (run now and then by each process). */
    async sweep() {
      const t = now();
      await db.all('DELETE FROM cm_counter WHERE expires_ms <= ?', [t]);
      await db.all('DELETE FROM cm_claim WHERE until_ms <= ?', [t]);
      await db.all('DELETE FROM cm_session WHERE expires_ms <= ?', [t]);
      await db.all('DELETE FROM cm_idem WHERE created_ms <= ?', [t - 7 * 24 * 3600_000]);
      await db.all('DELETE FROM cm_hold WHERE expires_ms <= ?', [t]);
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof openState>>} State */

module.exports = { openState, sha };
