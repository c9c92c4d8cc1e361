// The comment store: where it lives, its schema, and the moderator account.
// SQLite (a file under the data folder) by default; PostgreSQL when a
// postgres:// URL is given (COMMENTS_DATABASE_URL). Waline's npm package ships
// no schema, so ours is applied on every start (idempotent statements).
import { readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// Resolve Waline's own dependencies (sqlite3, pg, phpass) the way Waline does.
const walineRequire = createRequire(createRequire(import.meta.url).resolve('@waline/vercel/package.json'));

/**
 * @typedef {{ kind: 'sqlite', dir: string, file: string }
 *   | { kind: 'postgresql', url: string, host: string, port: string, user: string, password: string, database: string }} StoreConfig
 */

/** @returns {StoreConfig} */
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

/** Environment variables that point Waline at the store. */
export function storeEnv(cfg) {
  if (cfg.kind === 'sqlite') return { SQLITE_PATH: cfg.dir, SQLITE_DB: 'waline' };
  return { PG_HOST: cfg.host, PG_PORT: cfg.port, PG_USER: cfg.user, PG_PASSWORD: cfg.password, PG_DB: cfg.database };
}

/** Run SQL statements (or one query with params) against the store; returns rows of the last statement. */
export async function withStore(cfg, fn) {
  if (cfg.kind === 'sqlite') {
    await mkdir(cfg.dir, { recursive: true });
    const sqlite3 = walineRequire('sqlite3');
    const db = await new Promise((resolve, reject) => {
      const d = new sqlite3.Database(cfg.file, (err) => (err ? reject(err) : resolve(d)));
    });
    const api = {
      exec: (sql) => new Promise((res, rej) => db.exec(sql, (e) => (e ? rej(e) : res(undefined)))),
      all: (sql, params = []) => new Promise((res, rej) => db.all(sql, params, (e, rows) => (e ? rej(e) : res(rows)))),
    };
    try {
      return await fn(api);
    } finally {
      await new Promise((r) => db.close(() => r(undefined)));
    }
  }
  const { Client } = walineRequire('pg');
  const client = new Client({ connectionString: cfg.url });
  await client.connect();
  const api = {
    exec: (sql) => client.query(sql).then(() => undefined),
    // Same "?" placeholders as SQLite.
    all: (sql, params = []) => {
      let i = 0;
      return client.query(sql.replace(/\?/g, () => `$${++i}`), params).then((r) => r.rows);
    },
  };
  try {
    return await fn(api);
  } finally {
    await client.end();
  }
}

/** Create the tables if they are missing. */
export async function applySchema(cfg) {
  const sql = await readFile(path.join(here, 'schema', cfg.kind === 'sqlite' ? 'sqlite.sql' : 'postgresql.sql'), 'utf8');
  await withStore(cfg, (db) => db.exec(sql));
}

const USERS = (cfg) => (cfg.kind === 'sqlite' ? '"wl_Users"' : 'wl_users');

/**
 * Create (or reset the password of) the moderator account: a Waline
 * "administrator". Open registration is closed, so this is the only way in.
 */
export async function upsertModerator(cfg, { email, name, password }) {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error('[comments] moderator e-mail looks invalid');
  if (!password || password.length < 12) throw new Error('[comments] moderator password must have at least 12 characters');
  const { PasswordHash } = walineRequire('phpass');
  const hash = new PasswordHash().hashPassword(password);
  await applySchema(cfg);
  return withStore(cfg, async (db) => {
    const t = USERS(cfg);
    const found = await db.all(`SELECT id FROM ${t} WHERE email = ?`, [email]);
    if (found.length) {
      await db.all(`UPDATE ${t} SET password = ?, display_name = ?, type = 'administrator' WHERE email = ?`, [hash, name, email]);
      return { created: false };
    }
    await db.all(`INSERT INTO ${t} (display_name, email, password, type) VALUES (?, ?, ?, 'administrator')`, [name, email, hash]);
    return { created: true };
  });
}
