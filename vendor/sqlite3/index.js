// @ts-check
'use strict';
// The sqlite3 package's callback API, the part that think-model-sqlite
// (Waline's SQLite adapter) and server/comments/db.mjs call, over Node's
// built-in SQLite (node:sqlite, Node 22.13+). It replaces the native addon
// (package.json "overrides"): that addon's prebuilt binary is on GitHub, which
// CI cannot reach, so `npm ci` compiled SQLite from C for about three minutes.
//
// The same SQLite engine, run synchronously in the calling thread (as
// better-sqlite3 does); callbacks still arrive asynchronously, as sqlite3's do,
// so callers that use the returned object inside the callback keep working.
// Rows come back as plain objects (node:sqlite's have a null prototype).

const OPEN_READONLY = 0x1;
const OPEN_READWRITE = 0x2;
const OPEN_CREATE = 0x4;

/** @type {typeof import('node:sqlite') | undefined} */
let sqlite;
function nodeSqlite() {
  if (sqlite) return sqlite;
  // Loaded on first use, not at require time: Waline loads its SQLite adapter
  // even when it talks to PostgreSQL, which may run on an older Node.
  const emit = process.emitWarning;
  // node:sqlite announces itself as experimental once per process; the server's
  // log is for operators, and this is not news to them.
  process.emitWarning = /** @type {any} */ (function (/** @type {any} */ w, /** @type {any[]} */ ...rest) {
    const text = typeof w === 'string' ? w : w && w.message;
    if (/SQLite is an experimental feature/.test(String(text))) return;
    return /** @type {any} */ (emit).call(process, w, ...rest);
  });
  try {
    sqlite = require('node:sqlite');
  } catch (e) {
    throw new Error(`The embedded SQLite comment store needs Node 22.13 or newer (node:sqlite); this is Node ${process.versions.node}. Run it through npm (the project's own Node 22) or set COMMENTS_DATABASE_URL to a PostgreSQL database.`);
  } finally {
    process.emitWarning = emit;
  }
  return sqlite;
}

/**
 * A value bound the way sqlite3 binds it: node:sqlite binds every JS number as
 * a REAL (1 becomes "1.0" in a TEXT column), sqlite3 binds whole numbers as
 * INTEGER; booleans as 1/0, dates as milliseconds, undefined as NULL.
 * @param {any} v
 */
function bindable(v) {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof Date) return BigInt(v.getTime());
  if (v === undefined) return null;
  return v;
}

/** @param {unknown} params @returns {any[]} */
function args(params) {
  if (params === undefined || params === null) return [];
  if (Array.isArray(params)) return params.map(bindable);
  if (typeof params === 'object' && !Buffer.isBuffer(params) && !(params instanceof Uint8Array)) {
    // Named parameters ({ $id: 1 } or { id: 1 }).
    return [Object.fromEntries(Object.entries(/** @type {object} */ (params)).map(([k, v]) => [k, bindable(v)]))];
  }
  return [bindable(params)];
}

/**
 * sqlite3's calling convention: (sql, [params | ...params], [callback]).
 * @param {any[]} rest
 * @returns {[any[], Function | undefined]}
 */
function paramsAndCallback(rest) {
  const cb = typeof rest[rest.length - 1] === 'function' ? rest.pop() : undefined;
  return [rest.length === 1 ? args(rest[0]) : args(rest), cb];
}

/** @param {any} row */
const plain = (row) => (row && typeof row === 'object' ? { ...row } : row);

// SQLite's primary result codes, by number, for sqlite3-style errors.
const CODES = ['OK', 'ERROR', 'INTERNAL', 'PERM', 'ABORT', 'BUSY', 'LOCKED', 'NOMEM', 'READONLY', 'INTERRUPT', 'IOERR', 'CORRUPT', 'NOTFOUND', 'FULL', 'CANTOPEN', 'PROTOCOL', 'EMPTY', 'SCHEMA', 'TOOBIG', 'CONSTRAINT', 'MISMATCH', 'MISUSE', 'NOLFS', 'AUTH', 'FORMAT', 'RANGE', 'NOTADB', 'NOTICE', 'WARNING'];

/**
 * node:sqlite's errors (code ERR_SQLITE_ERROR, errcode, errstr) in sqlite3's
 * shape: code SQLITE_CONSTRAINT, errno 19, message "SQLITE_CONSTRAINT: …".
 * @param {any} err
 */
function asSqlite3Error(err) {
  if (err && typeof err === 'object' && err.code === 'ERR_SQLITE_ERROR' && typeof err.errcode === 'number') {
    const primary = err.errcode & 0xff;
    const code = `SQLITE_${CODES[primary] ?? 'ERROR'}`;
    const e = new Error(`${code}: ${err.message}`);
    return Object.assign(e, { code, errno: primary, cause: err });
  }
  return err;
}

class Database {
  /**
   * @param {string} file
   * @param {number | ((err: Error | null) => void)} [mode]
   * @param {(err: Error | null) => void} [cb]
   */
  constructor(file, mode, cb) {
    if (typeof mode === 'function') { cb = mode; mode = undefined; }
    const flags = typeof mode === 'number' ? mode : OPEN_READWRITE | OPEN_CREATE;
    /** @type {import('node:sqlite').DatabaseSync | null} */
    this.db = null;
    /** @type {Error | null} */
    let error = null;
    try {
      const { DatabaseSync } = nodeSqlite();
      if (!(flags & OPEN_CREATE) && file !== ':memory:' && !require('node:fs').existsSync(file)) {
        throw Object.assign(new Error('SQLITE_CANTOPEN: unable to open database file'), { code: 'SQLITE_CANTOPEN', errno: 14 });
      }
      this.db = new DatabaseSync(file, { readOnly: Boolean(flags & OPEN_READONLY) && !(flags & OPEN_READWRITE) });
    } catch (e) {
      error = asSqlite3Error(e);
    }
    if (cb) process.nextTick(cb.bind(this), error);
    else if (error) process.nextTick(() => { throw error; });
  }

  /** @param {string} option @param {number} value */
  configure(option, value) {
    if (option === 'busyTimeout' && this.db) {
      // What sqlite3's configure('busyTimeout') sets: wait this long for a lock.
      this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(Number(value) || 0))}`);
    }
  }

  /**
   * Runs fn against the open database and hands its result to the callback in
   * a later tick; with no callback, an error is thrown there (as sqlite3 emits
   * 'error' with no listener).
   * @param {(db: import('node:sqlite').DatabaseSync) => any} fn
   * @param {Function | undefined} cb
   * @param {(cb: Function, err: any, value: any) => void} deliver
   */
  #call(fn, cb, deliver) {
    let err = null;
    /** @type {any} */
    let value;
    try {
      if (!this.db) throw Object.assign(new Error('SQLITE_MISUSE: Database is closed'), { code: 'SQLITE_MISUSE', errno: 21 });
      value = fn(this.db);
    } catch (e) {
      err = asSqlite3Error(e);
    }
    if (cb) process.nextTick(() => deliver(cb, err, value));
    else if (err) process.nextTick(() => { throw err; });
    return this;
  }

  /** @param {string} sql @param {...any} rest */
  run(sql, ...rest) {
    const [params, cb] = paramsAndCallback(rest);
    return this.#call((db) => db.prepare(sql).run(...params), cb, (f, err, r) =>
      f.call(err ? this : { lastID: r ? Number(r.lastInsertRowid) : 0, changes: r ? Number(r.changes) : 0 }, err));
  }

  /** @param {string} sql @param {...any} rest */
  all(sql, ...rest) {
    const [params, cb] = paramsAndCallback(rest);
    return this.#call((db) => db.prepare(sql).all(...params).map(plain), cb, (f, err, rows) => f.call(this, err, err ? undefined : rows));
  }

  /** @param {string} sql @param {...any} rest */
  get(sql, ...rest) {
    const [params, cb] = paramsAndCallback(rest);
    return this.#call((db) => plain(db.prepare(sql).get(...params)), cb, (f, err, row) => f.call(this, err, err ? undefined : row));
  }

  /** @param {string} sql @param {(err: Error | null) => void} [cb] */
  exec(sql, cb) {
    return this.#call((db) => db.exec(sql), cb, (f, err) => f.call(this, err));
  }

  /** @param {(err: Error | null) => void} [cb] */
  close(cb) {
    let err = null;
    try {
      if (this.db) this.db.close();
      this.db = null;
    } catch (e) {
      err = asSqlite3Error(e);
    }
    if (cb) process.nextTick(cb.bind(this), err);
    return this;
  }
}

module.exports = { Database, OPEN_READONLY, OPEN_READWRITE, OPEN_CREATE };
