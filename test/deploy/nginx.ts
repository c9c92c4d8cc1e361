/**
 * Real nginx for tests: renders deploy/nginx.conf.template into a temp prefix
 * and runs `nginx -g 'daemon off;'` as a child process (stopped by stop()).
 * Reusable by any suite that needs the deployed front, e.g. comment processes
 * behind it:
 *   const ng = await startNginx({ root: 'dist', upstreams: [a.url, b.url] });
 *   await fetch(ng.url + '/api/comment?path=/the-announcement/');
 *   await ng.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-ignore: plain ESM
import { renderNginx } from '../../deploy/render-nginx.mjs';

export const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export function hasNginx(): boolean {
  return existsSync(NGINX);
}

export interface Nginx {
  url: string;
  port: number;
  prefix: string;
  config: string;
  /** nginx's access log so far (one line per request, with the comment process that answered). */
  accessLog(): string;
  errorLog(): string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  root: string;
  /** Comment processes: `http://127.0.0.1:8361` or `127.0.0.1:8361`. */
  upstreams: string[];
  /** Serve a dist/ built with BUILD_MODE=local (the tests' build). Default true. */
  allowLocal?: boolean;
  maxConnectionsPerAddress?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startNginx(o: NginxOptions): Promise<Nginx> {
  if (!hasNginx()) throw new Error(`nginx not found at ${NGINX}: apt-get install -y nginx libnginx-mod-http-brotli-static (.ci/run does), or set NGINX_BIN`);
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'chancay-nginx-'));
  // Workers run as nobody when we are root: they must reach the prefix's temp folders.
  chmodSync(prefix, 0o755);
  mkdirSync(path.join(prefix, 'tmp'));
  const port = await freePort();
  const config = renderNginx({
    root: path.resolve(o.root),
    listen: `127.0.0.1:${port}`,
    upstreams: o.upstreams.map((u) => u.replace(/^https?:\/\//, '').replace(/\/$/, '')),
    prefix,
    user: process.getuid?.() === 0 ? 'nobody nogroup' : null,
    allowLocal: o.allowLocal ?? true,
    maxConnectionsPerAddress: o.maxConnectionsPerAddress,
  });
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(conf, config);
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const read = (f: string) => (existsSync(path.join(prefix, f)) ? readFileSync(path.join(prefix, f), 'utf8') : '');
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // Ready when the port accepts connections.
  const end = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}\n${read('error.log')}\n--- config ---\n${config}`);
    const ok = await new Promise<boolean>((r) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        r(true);
      });
      s.on('error', () => r(false));
    });
    if (ok) break;
    if (Date.now() > end) throw new Error(`nginx did not listen on ${port} in 15 s: ${stderr}\n${read('error.log')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    prefix,
    config,
    accessLog: () => read('access.log'),
    errorLog: () => read('error.log'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT'); // graceful
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
