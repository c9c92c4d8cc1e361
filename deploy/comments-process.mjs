#!/usr/bin/env node
// @ts-check
// One comment process for a deployment (one systemd unit instance each):
//   COMMENTS_PORT=8361 COMMENTS_DATABASE_URL=postgres://… node deploy/comments-process.mjs
// Listens on 127.0.0.1:COMMENTS_PORT only; nginx's upstream lists every port.
// Exits when the comment server exits, so the service manager restarts it
// (and logs it); stops it on SIGTERM.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startComments } from '../server/comments/index.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!process.env.COMMENTS_PORT) {
  console.error('comments-process: set COMMENTS_PORT (each process its own port, e.g. 8361, 8362, …)');
  process.exit(2);
}
const c = await startComments({
  dataDir: process.env.COMMENTS_DATA_DIR ?? path.join(root, 'data/comments'),
  port: Number(process.env.COMMENTS_PORT),
  databaseUrl: process.env.COMMENTS_DATABASE_URL,
});
console.log(`comment process ${process.pid}: comment server pid ${c.pid} on ${c.url}`);
let stopping = false;
for (const sig of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.on(sig, async () => {
    stopping = true;
    await c.stop();
    process.exit(0);
  });
}
// The comment server is our child: when it is gone, so are we (exit 1: a crash to restart).
const t = setInterval(() => {
  try {
    process.kill(c.pid, 0);
  } catch {
    clearInterval(t);
    if (!stopping) {
      console.error(`comment server pid ${c.pid} exited; exiting so the service manager restarts this process`);
      process.exit(1);
    }
  }
}, 500);
