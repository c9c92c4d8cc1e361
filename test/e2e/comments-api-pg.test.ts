/** The same comment API suite against a real PostgreSQL server (initdb in a temp folder). */
import { afterAll } from 'vitest';
import { defineApiSuite } from '../comments/api-suite';
import { startPostgres, findPgBin } from '../../server/comments/dev-postgres.mjs';

let pg: { url: string; stop(): Promise<void> } | null = null;
if (!findPgBin()) {
  console.warn('SKIPPED: comment API on PostgreSQL: no PostgreSQL binaries (initdb, pg_ctl) found. Install Debian\'s `postgresql` package or set PG_BIN.');
}
afterAll(async () => {
  await pg?.stop();
});
(findPgBin() ? defineApiSuite : (label: string) => describeSkip(label))('PostgreSQL', async () => {
  pg = await startPostgres();
  return pg!.url;
});

import { describe } from 'vitest';
function describeSkip(label: string) {
  describe.skip(`comment API on ${label} (PostgreSQL binaries not installed)`, () => {});
}
