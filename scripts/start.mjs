// `npm start`: build the site, start the comment server (Waline on an
// embedded SQLite store under ./data/comments, or PostgreSQL when
// COMMENTS_DATABASE_URL is set), and serve everything on one origin.
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

const port = Number(process.env.PORT ?? 4321);
let comments = null;
const commentsModule = path.join(root, 'server/comments/index.mjs');
if (existsSync(commentsModule)) {
  const { startComments } = await import(pathToFileURL(commentsModule).href);
  comments = await startComments({
    dataDir: process.env.COMMENTS_DATA_DIR ?? path.join(root, 'data/comments'),
    port: process.env.COMMENTS_PORT ? Number(process.env.COMMENTS_PORT) : undefined,
    databaseUrl: process.env.COMMENTS_DATABASE_URL,
  });
}
const site = await serve({ port, commentsUpstream: comments?.url });
console.log(`\nThe Chancay Corridor is running at ${site.url}/`);
if (comments) console.log(`Comments: ${comments.url} (proxied at ${site.url}/api/); moderation at ${site.url}/moderate/`);
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await site.close();
  await comments?.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
