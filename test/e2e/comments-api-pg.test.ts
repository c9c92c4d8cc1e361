/** The same comment API suite against a real PostgreSQL server (initdb in a temp folder). */
import { afterAll, describe } from 'vitest';
import pg from 'pg';
import { defineApiSuite, defineCapRaceSuite, defineModerationSuite, defineRetentionSuite } from '../comments/api-suite';
import { startPostgres, findPgBin } from '../../server/comments/dev-postgres.mjs';

let server: Promise<{ url: string; stop(): Promise<void> } | null> | null = null;
if (!findPgBin()) {
  console.warn('SKIPPED: comment API on PostgreSQL: no PostgreSQL binaries (initdb, pg_ctl) found. Install Debian\'s `postgresql` package or set PG_BIN.');
}
afterAll(async () => {
  await (await server)?.stop();
});

/** One throwaway PostgreSQL for the file; each suite (each call) gets a fresh database in it. */
let made = 0;
async function database(prefix: string) {
  server ??= startPostgres();
  const s = await server;
  if (!s) throw new Error('PostgreSQL did not start');
  const name = `${prefix}_${++made}`;
  const c = new pg.Client({ connectionString: s.url.replace(/\/waline$/, '/postgres') });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return s.url.replace(/\/waline$/, `/${name}`);
}

if (findPgBin()) {
  defineApiSuite('PostgreSQL', () => database('api'));
  defineModerationSuite('PostgreSQL', () => database('moderation'));
  defineCapRaceSuite('PostgreSQL', () => database('caprace'));
  defineRetentionSuite('PostgreSQL', () => database('retention'));
} else {
  describe.skip('comment API on PostgreSQL (PostgreSQL binaries not installed)', () => {});
}
