// Child process that hosts Waline (@waline/vercel) behind our gate, bound to
// 127.0.0.1 only. Started by index.mjs; configuration comes from the
// environment it sets. Waline's own vanilla.js would listen on every
// interface through a cluster master; here ThinkJS only loads the app
// (its "unit test" mode) and we own the HTTP server.
'use strict';
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');
const { createGate } = require('./gate.cjs');

const walineDir = path.dirname(require.resolve('@waline/vercel/package.json'));
const walineRequire = createRequire(path.join(walineDir, 'index.js'));

process.env.THINK_UNIT_TEST = '1';
const Application = walineRequire('thinkjs');
const app = new Application({
  ROOT_PATH: walineDir,
  APP_PATH: path.join(walineDir, 'src'),
  proxy: true, // X-Forwarded-For is read, but the gate rewrites it first
  env: 'production',
});
app.run();

// Comment HTML (Waline renders Markdown, then DOMPurify): text markup and
// http(s) links only. Waline's default keeps images, which would load remote
// resources (trackers) in readers' browsers.
think.config('domPurify', {
  ALLOWED_TAGS: ['p', 'br', 'a', 'em', 'strong', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'sub', 'sup', 'hr'],
  ALLOWED_ATTR: ['href'],
  ALLOWED_URI_REGEXP: /^https?:\/\//i,
});

// Waline logs every SQL statement and request at info/debug level.
if (!process.env.COMMENTS_DEBUG) {
  think.logger.debug = () => {};
  think.logger.info = () => {};
}

async function main() {
  const port = Number(process.env.COMMENTS_PORT ?? 8360);
  const storage = think.config('storage');
  const gate = createGate({
    rateLimitSeconds: Number(process.env.COMMENTS_RATE_LIMIT_SECONDS ?? 30),
    sessionTtlSeconds: Number(process.env.COMMENTS_SESSION_TTL_SECONDS ?? 8 * 3600),
    async findComment(id) {
      const model = think.service(`storage/${storage}`, 'Comment');
      const rows = await model.select({ objectId: id });
      return rows[0] ?? null;
    },
  });
  think.app.middleware.unshift(gate);
  if (typeof think.beforeStartServer === 'function') await think.beforeStartServer();
  const server = http.createServer(think.app.callback());
  server.keepAliveTimeout = 5000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  think.app.emit('appReady');
  const actual = server.address().port;
  if (process.send) process.send({ ready: true, port: actual });
  else console.log(`Comment server (Waline, ${storage}) at http://127.0.0.1:${actual}/`);

  const shutdown = () => server.close(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Never outlive the process that started us.
  process.on('disconnect', () => process.exit(0));
}

main().catch((e) => {
  console.error('[comments]', e);
  if (process.send) process.send({ ready: false, error: String(e && e.stack || e) });
  process.exit(1);
});
