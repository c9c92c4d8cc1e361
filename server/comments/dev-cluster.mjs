// @ts-check
// N comment processes on one store behind a tiny round-robin proxy: what the
// scale tests and `npm run bench:comments` run when nginx is not at hand.
// The proxy appends the peer's address to X-Forwarded-For, as nginx's
// $proxy_add_x_forwarded_for does; the processes trust loopback proxies.
import http from 'node:http';
import { startComments } from './index.mjs';

/**
 * @param {{ n: number, databaseUrl?: string, dataDir?: string, siteDir: string, rateLimitSeconds?: number,
 *   sessionTtlSeconds?: number, cacheEntries?: number, readsPerMinute?: number, poolSize?: number,
 *   caps?: { total: number, perChapter: number, perReader: number } }} opts
 */
export async function startCluster(opts) {
  /** @type {Awaited<ReturnType<typeof startComments>>[]} */
  const processes = [];
  try {
    // One at a time: the first applies the schema, and a loaded machine starts them faster in turn.
    for (let i = 0; i < opts.n; i++) {
      processes.push(
        await startComments({
          databaseUrl: opts.databaseUrl ?? '',
          dataDir: opts.dataDir,
          siteDir: opts.siteDir,
          port: 0,
          quiet: true,
          rateLimitSeconds: opts.rateLimitSeconds,
          sessionTtlSeconds: opts.sessionTtlSeconds,
          cacheEntries: opts.cacheEntries,
          readsPerMinute: opts.readsPerMinute,
          poolSize: opts.poolSize,
          caps: opts.caps,
        }),
      );
    }
  } catch (e) {
    await Promise.all(processes.map((p) => p.stop()));
    throw e;
  }
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const target = new URL(processes[next++ % processes.length].url);
    const prior = req.headers['x-forwarded-for'];
    const headers = { ...req.headers, 'x-forwarded-for': `${prior ? `${prior}, ` : ''}${req.socket.remoteAddress ?? ''}`, host: target.host };
    const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    // nginx's default proxy_read_timeout.
    out.setTimeout(60_000, () => out.destroy(new Error('upstream timeout')));
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"errno":502,"errmsg":"The comment server is not reachable."}');
    });
    req.pipe(out);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    url: `http://127.0.0.1:${port}`,
    processes,
    async close() {
      const closed = new Promise((r) => server.close(() => r(undefined)));
      server.closeAllConnections();
      await closed;
      agent.destroy();
      await Promise.all(processes.map((p) => p.stop()));
    },
  };
}
