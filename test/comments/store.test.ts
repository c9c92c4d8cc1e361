/**
 * The comment store under a running server, on SQLite: files private, a store
 * deleted or replaced under the server refuses writes (503) instead of
 * acknowledging comments it will lose, a start never silently replaces a
 * store that existed, the chapter list comes from the built site, and the
 * reader's address is taken only from trusted proxies; a backup taken while
 * comments are being written restores to a store that has every one of them.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, unlinkSync, readdirSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { readyWaitSeconds, startComments } from '../../server/comments/index.mjs';
import { MARKER, storeConfig, withStore } from '../../server/comments/db.mjs';
import { api, nextIp, writeSite } from './harness';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'comments-store-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const site = path.join(tmp, 'site');
writeSite(site, ['/a-chapter/']);
const post = (url: string, ip = nextIp(), comment = 'hello') =>
  api(url, '/api/comment', { body: { nick: 'N', comment, url: '/a-chapter/' }, headers: { 'x-forwarded-for': ip } });
const count = async (dataDir: string) =>
  Number((await withStore(storeConfig({ dataDir, databaseUrl: '' }), (db) => db.all('SELECT COUNT(*) AS n FROM "wl_Comment"')))[0].n);

// Each test starts comment servers: ~1 s each on a quiet machine, 20-40 s on a loaded two-core one.
describe('comment store (SQLite)', { timeout: 300_000 }, () => {
  it('creates the store on a fresh clone, with private files (folder 0700, files 0600)', async () => {
    const dataDir = path.join(tmp, 'fresh', 'data');
    const c = await startComments({ dataDir, siteDir: site, port: 0, quiet: true });
    try {
      expect((await post(c.url)).status).toBe(200);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      const files = readdirSync(dataDir);
      expect(files).toContain('waline.sqlite');
      expect(files).toContain(MARKER);
      for (const f of files) expect(statSync(path.join(dataDir, f)).mode & 0o777, f).toBe(0o600);
    } finally {
      await c.stop();
    }
  });

  it('refuses writes with 503 when the store file is deleted under the running server, and acknowledges nothing it would lose', async () => {
    const dataDir = path.join(tmp, 'deleted');
    const c = await startComments({ dataDir, siteDir: site, port: 0, rateLimitSeconds: 0, quiet: true });
    try {
      expect((await post(c.url)).status).toBe(200);
      const file = path.join(dataDir, 'waline.sqlite');
      const backup = path.join(tmp, 'deleted-backup.sqlite');
      copyFileSync(file, backup);
      unlinkSync(file);
      const r = await post(c.url, nextIp(), 'written into a deleted file?');
      expect(r.status).toBe(503);
      expect(r.json.errmsg).toMatch(/cannot be saved right now/i);
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      // Reading still works (from what the process has open); signing in (a write) does not.
      expect((await api(c.url, '/api/comment?path=/a-chapter/')).status).toBe(200);
      expect((await api(c.url, '/api/token', { body: { email: 'x@example.org', password: 'whatever password' } })).status).toBe(503);
    } finally {
      await c.stop();
    }
  });

  it('refuses writes with 503 when the store file is replaced under the running server', async () => {
    const dataDir = path.join(tmp, 'replaced');
    const c = await startComments({ dataDir, siteDir: site, port: 0, rateLimitSeconds: 0, quiet: true });
    try {
      expect((await post(c.url)).status).toBe(200);
      const file = path.join(dataDir, 'waline.sqlite');
      copyFileSync(file, `${file}.copy`);
      renameSync(`${file}.copy`, file); // e.g. a backup restored over it
      expect((await post(c.url, nextIp(), 'after the swap')).status).toBe(503);
    } finally {
      await c.stop();
    }
    // Restarted, the server uses the file that is there now, and takes comments again.
    const again = await startComments({ dataDir, siteDir: site, port: 0, quiet: true });
    try {
      expect((await post(again.url, nextIp(), 'after the restart')).status).toBe(200);
      const texts = (await withStore(storeConfig({ dataDir, databaseUrl: '' }), (db) => db.all('SELECT comment FROM "wl_Comment"'))).map((r) => r.comment);
      expect(texts).toContain('after the restart');
      expect(texts).not.toContain('after the swap');
    } finally {
      await again.stop();
    }
  });

  it('never starts on an empty store where one existed, unless asked to (init / COMMENTS_INIT=1)', async () => {
    const dataDir = path.join(tmp, 'vanished');
    const c = await startComments({ dataDir, siteDir: site, port: 0, quiet: true });
    expect((await post(c.url)).status).toBe(200);
    await c.stop();
    for (const f of readdirSync(dataDir)) if (f.startsWith('waline.sqlite')) unlinkSync(path.join(dataDir, f));
    await expect(startComments({ dataDir, siteDir: site, port: 0, quiet: true })).rejects.toThrow(/waline\.sqlite is missing, but this folder held one.*COMMENTS_INIT=1/s);
    expect(existsSync(path.join(dataDir, 'waline.sqlite'))).toBe(false);
    const fresh = await startComments({ dataDir, siteDir: site, port: 0, quiet: true, init: true });
    try {
      expect(await count(dataDir)).toBe(0);
      expect((await post(fresh.url)).status).toBe(200);
    } finally {
      await fresh.stop();
    }
  });

  it('waits for readiness as long as COMMENTS_START_TIMEOUT_SECONDS says (default 120 s, 0 = no limit), and says which setting ran out', async () => {
    expect(readyWaitSeconds(undefined)).toBe(120);
    expect(readyWaitSeconds('0')).toBe(0);
    expect(readyWaitSeconds('300')).toBe(300);
    for (const bad of ['-1', 'soon', 'NaN']) expect(() => readyWaitSeconds(bad), bad).toThrow(/COMMENTS_START_TIMEOUT_SECONDS must be a number of seconds >= 0/);
    // No machine loads Waline in 50 ms: the wait runs out, and the half-started process is stopped.
    await expect(startComments({ dataDir: path.join(tmp, 'short-wait'), siteDir: site, port: 0, quiet: true, startTimeoutSeconds: 0.05 })).rejects.toThrow(
      /not ready after 0\.05 s \(COMMENTS_START_TIMEOUT_SECONDS/,
    );
  });

  it('resolves exited with the exit code and signal when the process ends', async () => {
    const c = await startComments({ dataDir: path.join(tmp, 'exits'), siteDir: site, port: 0, quiet: true });
    await c.kill();
    expect(await c.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('will not start without the built site\'s chapter list, and says why', async () => {
    const empty = path.join(tmp, 'no-site');
    await expect(startComments({ dataDir: path.join(tmp, 'nosite-data'), siteDir: empty, port: 0, quiet: true })).rejects.toThrow(
      /No chapter pages found in .*no-site.*npm run build.*COMMENTS_SITE_DIR/s,
    );
  });

  it('takes the reader\'s address from trusted proxies only (TRUSTED_PROXIES), never from anyone else\'s header', async () => {
    const dataDir = path.join(tmp, 'trust');
    // Our own test client (127.0.0.1) is not a trusted proxy here: its X-Forwarded-For means nothing.
    const c = await startComments({ dataDir, siteDir: site, port: 0, quiet: true, trustedProxies: '192.0.2.1' });
    try {
      expect((await post(c.url, '203.0.113.10')).status).toBe(200);
      const second = await post(c.url, '203.0.113.11', 'another "reader"');
      expect(second.status).toBe(429);
      const rows = await withStore(storeConfig({ dataDir, databaseUrl: '' }), (db) => db.all('SELECT ip FROM "wl_Comment"'));
      expect(rows.map((r) => r.ip)).toEqual(['127.0.0.1']);
    } finally {
      await c.stop();
    }
    await expect(startComments({ dataDir, siteDir: site, port: 0, quiet: true, trustedProxies: 'loopback, not-an-address' })).rejects.toThrow(/TRUSTED_PROXIES/);
  });

  it('backs up the store while the server takes comments (comments:admin --backup), and the backup restores with every comment it acknowledged', async () => {
    const dataDir = path.join(tmp, 'backup');
    const admin = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['server/comments/admin.mjs', '--data-dir', dataDir, ...args], { env: { ...process.env, COMMENTS_DATABASE_URL: '' } }).then(
        (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
      );
    const c = await startComments({ dataDir, siteDir: site, port: 0, rateLimitSeconds: 0, quiet: true });
    const file = path.join(tmp, 'backups', 'comments.sqlite');
    let before = 0;
    try {
      for (let i = 0; i < 5; i++) expect((await post(c.url, nextIp(), `before the backup ${i}`)).status).toBe(200);
      before = await count(dataDir);
      // Readers keep posting while the backup runs.
      const during = Promise.all(Array.from({ length: 8 }, (_, i) => post(c.url, nextIp(), `during the backup ${i}`)));
      const r = await admin('--backup', file);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Backed up \d+ comments .* integrity check passed/);
      for (const d of await during) expect(d.status).toBe(200);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // Never over an existing file; a PostgreSQL store is pointed to pg_dump.
      const again = await admin('--backup', file);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/already exists/);
    } finally {
      await c.stop();
    }
    // Restore as the README says: the backup becomes waline.sqlite in a store folder, then start.
    const restored = path.join(tmp, 'restored');
    mkdirSync(restored, { mode: 0o700 });
    copyFileSync(file, path.join(restored, 'waline.sqlite'));
    writeFileSync(path.join(restored, MARKER), 'restored\n');
    const n = await count(restored);
    expect(n).toBeGreaterThanOrEqual(before);
    expect(n).toBeLessThanOrEqual(before + 8);
    const back = await startComments({ dataDir: restored, siteDir: site, port: 0, rateLimitSeconds: 0, quiet: true });
    try {
      expect((await post(back.url, nextIp(), 'after the restore')).status).toBe(200);
      expect(await count(restored)).toBe(n + 1);
    } finally {
      await back.stop();
    }
    const pg = await promisify(execFile)(process.execPath, ['server/comments/admin.mjs', '--backup', path.join(tmp, 'x.sqlite')], {
      env: { ...process.env, COMMENTS_DATABASE_URL: 'postgres://u:p@127.0.0.1:1/db' },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((pg as { code: number }).code).toBe(1);
    expect((pg as { stderr: string }).stderr).toMatch(/pg_dump/);
  });
});
