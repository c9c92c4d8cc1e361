// @ts-check
// A throwaway PostgreSQL server for the tests and the bench: initdb in a temp
// folder, started with pg_ctl as the `postgres` user (we may be root), on a
// loopback port. Returns null when the PostgreSQL binaries are not installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, chownSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function findPgBin() {
  const candidates = [process.env.PG_BIN, '/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/14/bin'];
  return candidates.find((d) => d && existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'pg_ctl'))) ?? null;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

/** @returns {Promise<null | { url: string, stop(): Promise<void> }>} */
export async function startPostgres() {
  const bin = findPgBin();
  if (!bin) return null;
  const root = mkdtempSync(path.join(os.tmpdir(), 'comments-pg-'));
  const data = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(root, uid, gid);
  }
  const run = (/** @type {string} */ cmd, /** @type {string[]} */ args) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, cmd), asRoot ? ['-u', 'postgres', '--', path.join(bin, cmd), ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: root,
    });
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // fsync stays on: the durability test must mean something on PostgreSQL too.
  run('pg_ctl', ['-D', data, '-w', '-l', path.join(root, 'log'), '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`, 'start']);
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await c.connect();
  await c.query('CREATE DATABASE waline');
  await c.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/waline`,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
