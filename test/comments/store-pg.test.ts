/**
 * The comment store on PostgreSQL follows SQLite's rule: a start never
 * silently creates empty tables where a store existed. The first start on an
 * empty database creates the tables and a marker table (cm_store_created); a
 * later start that finds the marker but not the store's tables stops with an
 * error naming them, unless asked to start afresh (init / COMMENTS_INIT=1).
 * A store made before the marker existed is adopted, not refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { findPgBin, startPostgres } from '../../server/comments/dev-postgres.mjs';
import { startComments } from '../../server/comments/index.mjs';
import { PG_MARKER, applySchema, storeConfig, withStore } from '../../server/comments/db.mjs';
import { api, nextIp, writeSite } from './harness';

if (!findPgBin()) console.warn("SKIPPED: PostgreSQL store tests: no PostgreSQL binaries (initdb, pg_ctl). Install Debian's `postgresql` package or set PG_BIN.");

describe.skipIf(!findPgBin())('comment store (PostgreSQL): never silently recreated', { timeout: 300_000 }, () => {
  let pg: { url: string; stop(): Promise<void> };
  let tmp: string;
  let site: string;
  let n = 0;
  /** A new, empty database on the test's PostgreSQL. */
  async function database(): Promise<string> {
    const name = `store_${++n}`;
    await withStore(storeConfig({ databaseUrl: pg.url.replace(/\/waline$/, '/postgres') }), (db) => db.exec(`CREATE DATABASE ${name}`));
    return pg.url.replace(/\/waline$/, `/${name}`);
  }
  const sql = (url: string, q: string) => withStore(storeConfig({ databaseUrl: url }), (db) => db.all(q));
  const post = (url: string) => api(url, '/api/comment', { body: { nick: 'N', comment: `hello ${Math.random()}`, url: '/a-chapter/' }, headers: { 'x-forwarded-for': nextIp() } });

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'comments-store-pg-'));
    site = path.join(tmp, 'site');
    writeSite(site, ['/a-chapter/']);
    pg = (await startPostgres())!;
  }, 180_000);
  afterAll(async () => {
    await pg?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('creates the tables and the marker on an empty database, then refuses to start where the tables are gone, naming them', async () => {
    const url = await database();
    const first = await startComments({ databaseUrl: url, siteDir: site, port: 0, quiet: true });
    try {
      expect((await post(first.url)).status).toBe(200);
    } finally {
      await first.stop();
    }
    expect(await sql(url, `SELECT COUNT(*)::int AS n FROM ${PG_MARKER}`)).toEqual([{ n: 1 }]);
    // The comments are dropped (a bad restore, a cleanup run against the wrong database).
    await sql(url, 'DROP TABLE wl_comment');
    await expect(startComments({ databaseUrl: url, siteDir: site, port: 0, quiet: true })).rejects.toThrow(/held a store \(cm_store_created\), but its table wl_comment is missing.*COMMENTS_INIT=1/s);
    // Nothing was created by the refused start.
    expect(await sql(url, "SELECT table_name FROM information_schema.tables WHERE table_name = 'wl_comment'")).toEqual([]);
    // The same through COMMENTS_INIT's sibling, the schema step the admin command runs.
    await expect(applySchema(storeConfig({ databaseUrl: url }))).rejects.toThrow(/wl_comment is missing/);
  });

  it('starts afresh only when asked (init), and then takes comments', async () => {
    const url = await database();
    await applySchema(storeConfig({ databaseUrl: url }));
    await sql(url, 'DROP TABLE wl_comment; DROP TABLE wl_users');
    await expect(applySchema(storeConfig({ databaseUrl: url }))).rejects.toThrow(/tables wl_comment, wl_users are missing/);
    const c = await startComments({ databaseUrl: url, siteDir: site, port: 0, quiet: true, init: true });
    try {
      expect((await post(c.url)).status).toBe(200);
    } finally {
      await c.stop();
    }
    expect(await sql(url, 'SELECT COUNT(*)::int AS n FROM wl_comment')).toEqual([{ n: 1 }]);
  });

  it('adopts a store made before the marker existed (tables, no marker) and keeps its comments', async () => {
    const url = await database();
    await applySchema(storeConfig({ databaseUrl: url }));
    await sql(url, `INSERT INTO wl_comment (comment, url, status) VALUES ('kept', '/a-chapter/', 'approved'); DROP TABLE ${PG_MARKER}`);
    await applySchema(storeConfig({ databaseUrl: url }));
    expect(await sql(url, `SELECT COUNT(*)::int AS n FROM ${PG_MARKER}`)).toEqual([{ n: 1 }]);
    expect(await sql(url, 'SELECT comment FROM wl_comment')).toEqual([{ comment: 'kept' }]);
  });
});
