// startComments(): the comment server for `npm start`, the tests and the bench.
// Applies the schema (SQLite file under dataDir, or PostgreSQL from a URL),
// then spawns Waline behind our hardening gate (host.cjs) on 127.0.0.1.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { storeConfig, storeEnv, applySchema } from './db.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * @param {{ dataDir?: string, port?: number, databaseUrl?: string, rateLimitSeconds?: number,
 *   sessionTtlSeconds?: number, quiet?: boolean }} [opts]
 * @returns {Promise<{ url: string, port: number, pid: number, kind: 'sqlite'|'postgresql', stop(): Promise<void>, kill(): Promise<void> }>}
 */
export async function startComments(opts = {}) {
  const cfg = storeConfig({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl ?? process.env.COMMENTS_DATABASE_URL });
  await applySchema(cfg);
  const port = opts.port ?? Number(process.env.COMMENTS_PORT ?? 8360);
  const env = {
    PATH: process.env.PATH ?? '',
    ...(process.env.COMMENTS_DEBUG ? { COMMENTS_DEBUG: '1' } : {}),
    NODE_ENV: 'production',
    ...storeEnv(cfg),
    COMMENTS_PORT: String(port),
    COMMENTS_RATE_LIMIT_SECONDS: String(opts.rateLimitSeconds ?? process.env.COMMENTS_RATE_LIMIT_SECONDS ?? 30),
    COMMENTS_SESSION_TTL_SECONDS: String(opts.sessionTtlSeconds ?? process.env.COMMENTS_SESSION_TTL_SECONDS ?? 8 * 3600),
    // Waline's own per-IP check is off: the gate's limit is decided before it,
    // without Waline's race between its check and its insert. Waline looks for
    // this address's comments newer than now - IPQPS seconds; 0 still matches
    // same-second timestamps, -1 looks one second ahead, i.e. never.
    IPQPS: '-1',
    // Offline: no OAuth service list from oauth.lithub.cc, no Akismet.
    OAUTH_URL: 'data:application/json,{"services":[]}',
    AKISMET_KEY: 'false',
    // Pre-moderation: new comments wait for approval.
    COMMENT_AUDIT: 'true',
    // Nothing about the reader's browser or location in public responses.
    DISABLE_USERAGENT: 'true',
    DISABLE_REGION: 'true',
    // No server-side MathJax SVGs or code highlighting in comments.
    MARKDOWN_TEX: 'false',
    MARKDOWN_HIGHLIGHT: 'false',
    // Waline's JWTs never expire; their key is new on every start and the
    // tokens never leave the process (clients hold the gate's sessions).
    JWT_TOKEN: crypto.randomBytes(32).toString('hex'),
  };
  const child = spawn(process.execPath, [path.join(here, 'host.cjs')], {
    cwd: path.resolve(here, '../..'),
    env,
    // stdout only carries Waline's chatter ("Notification mail send success").
    stdio: ['ignore', process.env.COMMENTS_DEBUG ? 'inherit' : 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
    if (stderr.length > 20000) stderr = stderr.slice(-10000);
    if (!opts.quiet) process.stderr.write(d);
  });
  const actualPort = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`[comments] server did not start in 30 s\n${stderr}`)), 30_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      if (m && m.ready) resolve(m.port);
      else reject(new Error(`[comments] server failed to start: ${m?.error ?? ''}\n${stderr}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`[comments] server exited with code ${code} before it was ready\n${stderr}`));
    });
  });
  const exited = new Promise((r) => child.once('exit', r));
  const end = async (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    pid: child.pid ?? 0,
    kind: cfg.kind,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
