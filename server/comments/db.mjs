// @ts-check
// The comment store: where it lives, its schema, and the moderator account.
// SQLite (a file under the data folder) by default; PostgreSQL when a
// postgres:// URL is given (COMMENTS_DATABASE_URL). Waline's npm package ships
// no schema, so ours is applied on every start (idempotent statements).
import { existsSync } from 'node:fs';
import { readFile, mkdir, chmod, writeFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { hashPassword } = require('./password.cjs');
/** Written next to the SQLite file when the store is first created: from then on, a missing store is an error, not a fresh start. */
export const MARKER = '.store-created';
// Resolve Waline's own dependencies (sqlite3, pg, phpass) the way Waline does.
const walineRequire = createRequire(createRequire(import.meta.url).resolve('@waline/vercel/package.json'));

/**
 * @typedef {{ kind: 'sqlite', dir: string, file: string }
 *   | { kind: 'postgresql', url: string, host: string, port: string, user: string, password: string, database: string }} StoreConfig
 */

/**
 * @param {{ dataDir?: string, databaseUrl?: string }} [opts]
 * @returns {StoreConfig}
 */
export function storeConfig({ dataDir = 'data/comments', databaseUrl = process.env.COMMENTS_DATABASE_URL } = {}) {
  if (databaseUrl) {
    const u = new URL(databaseUrl);
    if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error(`[comments] COMMENTS_DATABASE_URL must be a postgres:// URL, got ${u.protocol}`);
    return {
      kind: 'postgresql',
      url: databaseUrl,
      host: u.hostname || '127.0.0.1',
      port: u.port || '5432',
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: decodeURIComponent(u.pathname.slice(1)),
    };
  }
  const dir = path.resolve(dataDir);
  return { kind: 'sqlite', dir, file: path.join(dir, 'waline.sqlite') };
}

/**
 * Environment variables that point Waline at the store.
 * @param {StoreConfig} cfg
 * @returns {Record<string, string>}
 */
export function storeEnv(cfg) {
  if (cfg.kind === 'sqlite') return { SQLITE_PATH: cfg.dir, SQLITE_DB: 'waline' };
  return { PG_HOST: cfg.host, PG_PORT: cfg.port, PG_USER: cfg.user, PG_PASSWORD: cfg.password, PG_DB: cfg.database };
}

/** @typedef {{ exec(sql: string): Promise<void>, all(sql: string, params?: unknown[]): Promise<any[]> }} StoreApi */

/**
 * Make sure the SQLite store may be opened (and so created): a store that
 * existed and is gone is an error unless `init` says to start afresh; the
 * first run on a fresh clone creates it. The folder is 0700, the files 0600.
 * @param {StoreConfig & { kind: 'sqlite' }} cfg
 * @param {{ init?: boolean }} [opts]
 */
export async function prepareSqlite(cfg, opts = {}) {
  await mkdir(cfg.dir, { recursive: true, mode: 0o700 });
  await chmod(cfg.dir, 0o700);
  const marker = path.join(cfg.dir, MARKER);
  if (!existsSync(cfg.file)) {
    const held = existsSync(marker) || (await readdir(cfg.dir)).some((f) => /^waline\.sqlite-(wal|shm)$/.test(f));
    if (held && !opts.init)
      throw new Error(
        `[comments] The comment store ${cfg.file} is missing, but this folder held one (${MARKER}). ` +
          'Restore it from a backup, or start with COMMENTS_INIT=1 (comments:admin: --init) to create an empty store.',
      );
  }
  if (!existsSync(marker)) await writeFile(marker, 'The comment store was created here; see README "Comments".\n', { mode: 0o600 });
}

/** Tighten the store's files (made by older versions with the default umask). @param {StoreConfig} cfg */
export async function protectStore(cfg) {
  if (cfg.kind !== 'sqlite') return;
  await chmod(cfg.dir, 0o700);
  for (const f of await readdir(cfg.dir)) await chmod(path.join(cfg.dir, f), 0o600);
}

/**
 * Run SQL statements (or one query with params) against the store; returns what fn returns.
 * @template T
 * @param {StoreConfig} cfg
 * @param {(db: StoreApi) => Promise<T>} fn
 * @param {{ init?: boolean }} [opts]
 * @returns {Promise<T>}
 */
export async function withStore(cfg, fn, opts = {}) {
  if (cfg.kind === 'sqlite') {
    await prepareSqlite(cfg, opts);
    const mask = process.umask(0o077);
    const sqlite3 = walineRequire('sqlite3');
    /** @type {any} */
    let db;
    try {
      db = await new Promise((resolve, reject) => {
        const d = new sqlite3.Database(cfg.file, (/** @type {Error|null} */ err) => (err ? reject(err) : resolve(d)));
      });
    } finally {
      process.umask(mask);
    }
    db.configure('busyTimeout', 5000);
    /** @type {StoreApi} */
    const api = {
      exec: (sql) => new Promise((res, rej) => db.exec(sql, (/** @type {Error|null} */ e) => (e ? rej(e) : res(undefined)))),
      all: (sql, params = []) => new Promise((res, rej) => db.all(sql, params, (/** @type {Error|null} */ e, /** @type {any[]} */ rows) => (e ? rej(e) : res(rows)))),
    };
    try {
      return await fn(api);
    } finally {
      await new Promise((r) => db.close(() => r(undefined)));
      await protectStore(cfg);
    }
  }
  const { Client } = walineRequire('pg');
  const client = new Client({ connectionString: cfg.url });
  await client.connect();
  /** @type {StoreApi} */
  const api = {
    exec: (sql) => client.query(sql).then(() => undefined),
    // Same "?" placeholders as SQLite.
    all: (sql, params = []) => {
      let i = 0;
      return client.query(sql.replace(/\?/g, () => `$${++i}`), params).then((/** @type {{ rows: any[] }} */ r) => r.rows);
    },
  };
  try {
    return await fn(api);
  } finally {
    await client.end();
  }
}

/**
 * Create the tables if they are missing.
 * @param {StoreConfig} cfg
 * @param {{ init?: boolean }} [opts]
 */
export async function applySchema(cfg, opts = {}) {
  const sql = await readFile(path.join(here, 'schema', cfg.kind === 'sqlite' ? 'sqlite.sql' : 'postgresql.sql'), 'utf8');
  await withStore(
    cfg,
    async (db) => {
      if (cfg.kind === 'postgresql') await guardPostgres(db, sql, cfg, opts);
      await db.exec(sql);
      // Tables added by later versions (moderation): created when missing, also in an existing store.
      await db.exec(await readFile(path.join(here, 'schema', cfg.kind === 'sqlite' ? 'sqlite-moderation.sql' : 'postgresql-moderation.sql'), 'utf8'));
      // Columns added to those tables later: added to a store that predates them.
      await addColumn(db, cfg, 'cm_comment', 'hold', 'varchar(40)');
      await db.exec('CREATE INDEX IF NOT EXISTS cm_comment_hold ON cm_comment (hold)');
      await addColumn(db, cfg, 'cm_idem', 'body_hash', 'varchar(64)');
      if (cfg.kind === 'postgresql') await db.exec(`CREATE TABLE IF NOT EXISTS ${PG_MARKER} (created_at timestamptz NOT NULL DEFAULT now()); INSERT INTO ${PG_MARKER} SELECT WHERE NOT EXISTS (SELECT 1 FROM ${PG_MARKER})`);
    },
    opts,
  );
}

/**
 * Add a column to one of our tables unless it is there (SQLite has no ADD COLUMN IF NOT EXISTS).
 * @param {StoreApi} db @param {StoreConfig} cfg @param {string} table @param {string} column @param {string} type
 */
async function addColumn(db, cfg, table, column, type) {
  if (cfg.kind === 'postgresql') return db.exec(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${column} ${type}`);
  const cols = await db.all(`SELECT name FROM pragma_table_info('${table}')`);
  if (!cols.some((c) => c.name === column)) await db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
}

/** PostgreSQL's marker: a table written when the store is first created (or first seen by this version), like MARKER next to a SQLite file. */
export const PG_MARKER = 'cm_store_created';

/**
 * On PostgreSQL, the same policy as SQLite's MARKER file: a database with none
 * of the store's tables and no marker is a first run (the tables are
 * created); one with the marker but missing any of the store's tables held a
 * store that is gone (dropped, restored without it, or the wrong schema on
 * the search path), and is refused unless `init` (COMMENTS_INIT=1, or
 * comments:admin --init) says to create them empty.
 * @param {StoreApi} db
 * @param {string} schemaSql
 * @param {StoreConfig & { kind: 'postgresql' }} cfg
 * @param {{ init?: boolean }} opts
 */
async function guardPostgres(db, schemaSql, cfg, opts) {
  const tables = [...schemaSql.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/gi)].map((m) => m[1].toLowerCase());
  const found = new Set(
    (await db.all("SELECT lower(table_name) AS t FROM information_schema.tables WHERE table_schema = ANY (current_schemas(false))")).map((r) => String(r.t)),
  );
  const missing = tables.filter((t) => !found.has(t));
  if (!found.has(PG_MARKER) || !missing.length || opts.init) return;
  throw new Error(
    `[comments] The comment store in PostgreSQL database "${cfg.database}" on ${cfg.host}:${cfg.port} held a store (${PG_MARKER}), ` +
      `but its table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing. ` +
      'Restore it from a backup, or start with COMMENTS_INIT=1 (comments:admin: --init) to create the missing tables empty.',
  );
}

const USERS = (/** @type {StoreConfig} */ cfg) => (cfg.kind === 'sqlite' ? '"wl_Users"' : 'wl_users');

/**
 * Create (or reset the password of) the moderator account: a Waline
 * "administrator". Open registration is closed, so this is the only way in.
 * A reset ends the account's sessions (they carry a stamp of the old hash)
 * and clears its sign-in limits.
 * @param {StoreConfig} cfg
 * @param {{ email: string, name: string, password: string }} account
 * @param {{ init?: boolean }} [opts]
 */
export async function upsertModerator(cfg, { email, name, password }, opts = {}) {
  email = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error('[comments] moderator e-mail looks invalid');
  if (!password || password.length < 12) throw new Error('[comments] moderator password must have at least 12 characters');
  const hash = await hashPassword(password);
  await applySchema(cfg, opts);
  return withStore(cfg, async (db) => {
    const t = USERS(cfg);
    const found = await db.all(`SELECT id FROM ${t} WHERE lower(email) = ?`, [email]);
    await db.all("DELETE FROM cm_counter WHERE key LIKE ?", [`signin:%${email}%`]);
    if (found.length) {
      await db.all(`UPDATE ${t} SET password = ?, display_name = ?, type = 'administrator', email = ? WHERE id = ?`, [hash, name, email, found[0].id]);
      await db.all('DELETE FROM cm_session WHERE user_id = ?', [String(found[0].id)]);
      return { created: false };
    }
    await db.all(`INSERT INTO ${t} (display_name, email, password, type) VALUES (?, ?, ?, 'administrator')`, [name, email, hash]);
    return { created: true };
  });
}

/**
 * A consistent copy of the SQLite store, safe while the server runs: SQLite's
 * `VACUUM INTO` writes one self-contained file from a single read transaction
 * (writers wait for it, up to the busy timeout), where a plain copy of
 * `waline.sqlite` taken during a write can be torn, half before and half after
 * it. The copy is 0600, never overwrites a file, and is checked
 * (`PRAGMA integrity_check`) before this returns.
 * PostgreSQL is backed up with its own tools (README, "Backups").
 * @param {StoreConfig} cfg
 * @param {string} dest
 * @returns {Promise<{ file: string, comments: number, bytes: number }>}
 */
export async function backupStore(cfg, dest) {
  if (cfg.kind !== 'sqlite')
    throw new Error('[comments] This store is PostgreSQL: back it up with pg_dump (README, "Backups"), for example pg_dump --format=custom --file=comments.dump "$COMMENTS_DATABASE_URL".');
  if (!existsSync(cfg.file)) throw new Error(`[comments] There is no comment store at ${cfg.file} to back up.`);
  const file = path.resolve(dest);
  if (existsSync(file)) throw new Error(`[comments] ${file} already exists: name a new file for the backup.`);
  await mkdir(path.dirname(file), { recursive: true });
  const { DatabaseSync } = await import('node:sqlite');
  const mask = process.umask(0o077);
  try {
    const src = new DatabaseSync(cfg.file);
    try {
      src.exec('PRAGMA busy_timeout = 10000');
      src.prepare('VACUUM INTO ?').run(file);
    } finally {
      src.close();
    }
  } finally {
    process.umask(mask);
  }
  const copy = new DatabaseSync(file, { readOnly: true });
  try {
    const check = /** @type {{ integrity_check: string }[]} */ (copy.prepare('PRAGMA integrity_check').all());
    if (check.length !== 1 || check[0].integrity_check !== 'ok') throw new Error(`[comments] The backup ${file} failed SQLite's integrity check: ${check.map((r) => r.integrity_check).join('; ')}`);
    const n = /** @type {{ n: number }} */ (copy.prepare('SELECT COUNT(*) AS n FROM "wl_Comment"').get());
    return { file, comments: Number(n.n), bytes: (await import('node:fs')).statSync(file).size };
  } finally {
    copy.close();
  }
}
