// @ts-check
// `npm start`: build the site (for this machine), start the comment server
// (Waline on an embedded SQLite store under ./data/comments, or PostgreSQL
// when COMMENTS_DATABASE_URL is set), and serve everything on one origin.
// The comment server is supervised: every exit is logged, and a crash is
// followed by a restart on the same port after 1, 2, 4 … 30 s (back to 1 s
// once it has stayed up for a minute).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
// A build for this machine (BUILD_MODE=local: loopback links allowed, and
// marked so deploy/render-nginx.mjs refuses to deploy it). SITE_URL, when set,
// is still used, e.g. to preview a LAN address.
const env = { ...process.env, PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1', BUILD_MODE: 'local' };

if (process.env.SKIP_BUILD !== '1') {
  const t = Date.now();
  const r = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error('Build failed; nothing started.');
    process.exit(r.status ?? 1);
  }
  console.log(`Built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

/** @param {string} msg */
const log = (msg) => console.log(`${new Date().toISOString()} [start] ${msg}`);

/**
 * @typedef {{ url: string, port: number, pid: number, stop(): Promise<void>, kill(): Promise<void>,
 *   exited: Promise<{ code: number | null, signal: string | null }> }} CommentServer
 */

/**
 * Runs the comment server and restarts it when it exits on its own.
 * @param {(port: number | undefined) => Promise<CommentServer>} start
 * @param {number | undefined} port
 */
async function supervise(start, port) {
  /** @type {CommentServer} */
  let current = await start(port);
  const fixedPort = current.port;
  let stopping = false;
  let delay = 1000;
  let startedAt = Date.now();
  const watch = async () => {
    for (;;) {
      const { code, signal } = await current.exited;
      if (stopping) return;
      if (Date.now() - startedAt > 60_000) delay = 1000;
      log(`comment server (pid ${current.pid}) exited (code ${code}, signal ${signal}); restarting in ${delay / 1000} s`);
      for (;;) {
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 30_000);
        if (stopping) return;
        try {
          current = await start(fixedPort);
          startedAt = Date.now();
          log(`comment server restarted (pid ${current.pid}) on ${current.url}`);
          break;
        } catch (e) {
          log(`comment server failed to start: ${e instanceof Error ? e.message.split('\n')[0] : e}; next try in ${delay / 1000} s`);
        }
      }
    }
  };
  void watch();
  return {
    get url() {
      return current.url;
    },
    async stop() {
      stopping = true;
      await current.stop();
    },
  };
}

const port = Number(process.env.PORT ?? 4321);
/** @type {{ url: string, stop(): Promise<void> } | null} */
let comments = null;
const commentsModule = path.join(root, 'server/comments/index.mjs');
if (existsSync(commentsModule)) {
  const { startComments } = await import(pathToFileURL(commentsModule).href);
  comments = await supervise(
    (p) =>
      startComments({
        dataDir: process.env.COMMENTS_DATA_DIR ?? path.join(root, 'data/comments'),
        port: p,
        databaseUrl: process.env.COMMENTS_DATABASE_URL,
      }),
    process.env.COMMENTS_PORT ? Number(process.env.COMMENTS_PORT) : undefined,
  );
}
const site = await serve({ port, commentsUpstream: comments?.url });
console.log(`\nThe Chancay Corridor is running at ${site.url}/`);
if (comments) {
  console.log(`Comments: ${comments.url} (proxied at ${site.url}/api/); moderation at ${site.url}/moderate/`);
  console.log('The comment server is restarted automatically if it stops (every exit is logged here).');
}
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await site.close();
  await comments?.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
