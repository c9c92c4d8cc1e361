/**
 * vendor/sqlite3: the sqlite3 package's callback API over node:sqlite, which
 * replaces the native addon (package.json "overrides"). Waline's adapter
 * (think-model-sqlite) and server/comments/db.mjs rely on exactly these
 * behaviours of sqlite3; the comment suites then run the real server on it.
 */
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const sqlite3 = require('sqlite3');

type Db = { [k: string]: any };
const open = (file: string, mode?: number) =>
  new Promise<Db>((resolve, reject) => {
    const cb = (err: Error | null) => (err ? reject(err) : resolve(db));
    const db: Db = mode === undefined ? new sqlite3.Database(file, cb) : new sqlite3.Database(file, mode, cb);
  });
const call = (db: Db, method: string, ...args: unknown[]) =>
  new Promise<{ self: any; value: any }>((resolve, reject) => {
    db[method](...args, function (this: any, err: Error | null, value: unknown) {
      if (err) reject(err);
      else resolve({ self: this, value });
    });
  });

describe('the sqlite3 stand-in (vendor/sqlite3)', () => {
  it('is what require("sqlite3") and Waline\'s adapter get', () => {
    const walineRequire = createRequire(require.resolve('think-model-sqlite/package.json'));
    expect(walineRequire('sqlite3')).toBe(sqlite3);
    expect(require.resolve('sqlite3')).toMatch(/vendor[\\/]sqlite3[\\/]index\.js$/);
  });

  it('calls back after the constructor returns, creates the file, and reports lastID and changes through this', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sqlite-shim-'));
    try {
      const file = path.join(dir, 'a.sqlite');
      const db = await open(file);
      expect(existsSync(file)).toBe(true);
      db.configure('busyTimeout', 5000);
      await call(db, 'exec', 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, x REAL)');
      const first = await call(db, 'run', "INSERT INTO t (name, n, x) VALUES ('a', 1, 0.5)");
      expect(first.self).toMatchObject({ lastID: 1, changes: 1 });
      const upd = await call(db, 'run', 'UPDATE t SET n = n + 1');
      expect(upd.self.changes).toBe(1);
      await call(db, 'close');
      // Written to disk, read back through a second connection.
      const again = await open(file);
      const { value: rows } = await call(again, 'all', 'SELECT name, n, x FROM t');
      expect(rows).toEqual([{ name: 'a', n: 2, x: 0.5 }]);
      expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
      await call(again, 'close');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('binds whole numbers as INTEGER, booleans as 1/0 and undefined as NULL, as sqlite3 does (node:sqlite alone binds 1 as REAL)', async () => {
    const db = await open(':memory:');
    await call(db, 'exec', 'CREATE TABLE t (s TEXT, n INTEGER, b INTEGER, u TEXT)');
    await call(db, 'run', 'INSERT INTO t VALUES (?, ?, ?, ?)', [1, 2, true, undefined]);
    await call(db, 'run', 'INSERT INTO t VALUES (?, ?, ?, ?)', 3, 4.5, false, null);
    const { value } = await call(db, 'all', 'SELECT s, typeof(s) ts, n, b, u FROM t ORDER BY rowid');
    expect(value).toEqual([
      { s: '1', ts: 'text', n: 2, b: 1, u: null },
      { s: '3', ts: 'text', n: 4.5, b: 0, u: null },
    ]);
    const { value: one } = await call(db, 'get', 'SELECT n FROM t WHERE s = ?', ['1']);
    expect(one).toEqual({ n: 2 });
  });

  it('reports errors as sqlite3 does (code SQLITE_*, errno, message) to the callback, not as a throw', async () => {
    const db = await open(':memory:');
    await call(db, 'exec', 'CREATE TABLE t (k TEXT UNIQUE)');
    await call(db, 'run', "INSERT INTO t VALUES ('x')");
    const dup = await call(db, 'run', "INSERT INTO t VALUES ('x')").catch((e) => e);
    expect(dup).toMatchObject({ code: 'SQLITE_CONSTRAINT', errno: 19 });
    expect(dup.message).toMatch(/^SQLITE_CONSTRAINT: UNIQUE constraint failed: t\.k/);
    const missing = await call(db, 'all', 'SELECT * FROM nope').catch((e) => e);
    expect(missing).toMatchObject({ code: 'SQLITE_ERROR' });
    expect(missing.message).toMatch(/no such table: nope/);
    await call(db, 'close');
    const closed = await call(db, 'all', 'SELECT 1').catch((e) => e);
    expect(closed).toMatchObject({ code: 'SQLITE_MISUSE' });
  });

  it('refuses to open a missing file without OPEN_CREATE, naming the failure', async () => {
    const err = await open(path.join(tmpdir(), `missing-${process.pid}.sqlite`), sqlite3.OPEN_READWRITE).catch((e) => e);
    expect(err).toMatchObject({ code: 'SQLITE_CANTOPEN' });
  });

  it('keeps transactions on one connection atomic (what think-model-sqlite\'s BEGIN/COMMIT/ROLLBACK rely on)', async () => {
    const db = await open(':memory:');
    await call(db, 'exec', 'CREATE TABLE t (v INTEGER)');
    await call(db, 'run', 'BEGIN TRANSACTION');
    await call(db, 'run', 'INSERT INTO t VALUES (1)');
    await call(db, 'run', 'ROLLBACK');
    await call(db, 'run', 'BEGIN TRANSACTION');
    await call(db, 'run', 'INSERT INTO t VALUES (2)');
    await call(db, 'run', 'COMMIT');
    expect((await call(db, 'all', 'SELECT v FROM t')).value).toEqual([{ v: 2 }]);
  });
});
