/** `npm start` supervises the comment server: a crash is logged and followed by a restart on the same port. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DIST, ROOT, raw, until } from './helpers';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'deploy-start-'));
const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
  cwd: ROOT,
  env: { PATH: process.env.PATH ?? '', SKIP_BUILD: '1', PORT: '0', COMMENTS_PORT: '0', COMMENTS_DATA_DIR: path.join(tmp, 'data'), DIST_DIR: DIST },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let out = '';
child.stdout!.on('data', (d) => (out += d));
child.stderr!.on('data', (d) => (out += d));

afterAll(async () => {
  if (child.exitCode === null) {
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await done;
  }
  rmSync(tmp, { recursive: true, force: true });
});

it('restarts a crashed comment server, logs the exit, and the site answers comments again', async () => {
  await until(() => /Press Ctrl\+C to stop/.test(out), 150_000, () => `npm start to be ready; its output:\n${out}`);
  expect(out).toMatch(/restarted automatically if it stops/);
  const site = /running at (http:\/\/[\d.]+:\d+)\//.exec(out)![1]!;
  const commentsPort = /Comments: http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]!;
  const list = () => raw(site, '/api/comment?path=%2Fthe-announcement%2F&pageSize=10&page=1');
  expect((await list()).status).toBe(200);
  // Crash it: find the process listening on the comment port and kill it hard.
  const { execFileSync } = await import('node:child_process');
  const ss = execFileSync('ss', ['-ltnpH', `sport = :${commentsPort}`]).toString();
  const pid = Number(/pid=(\d+)/.exec(ss)![1]);
  expect(pid).toBeGreaterThan(0);
  expect(pid).not.toBe(child.pid);
  process.kill(pid, 'SIGKILL');
  await until(() => new RegExp(`comment server \\(pid ${pid}\\) exited \\(code null, signal SIGKILL\\)`).test(out), 10_000, () => `the exit and its signal to be logged; output:\n${out}`);
  await until(() => /comment server restarted \(pid \d+\) on http:\/\/127\.0\.0\.1:(\d+)/.test(out), 150_000, () => `a restart; output:\n${out}`);
  expect(/comment server restarted \(pid \d+\) on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]).toBe(commentsPort);
  await until(async () => (await list()).status === 200, 20_000, 'the comment API through the site again');
}, 300_000);

it('`npm start` as the README runs it: a SIGTERM to npm alone stops the site and the comment server, leaving nothing listening', async () => {
  // npm hands a SIGTERM to the shell it ran the script in; without `exec` in the script the shell
  // died and left scripts/start.mjs and its comment server running, orphaned (5 Dec 2026).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-npm-start-'));
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, SKIP_BUILD: '1', PORT: '0', COMMENTS_PORT: '0', COMMENTS_DATA_DIR: path.join(dir, 'data'), DIST_DIR: DIST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  npm.stdout!.on('data', (d) => (log += d));
  npm.stderr!.on('data', (d) => (log += d));
  const ports: string[] = [];
  try {
    await until(() => /Press Ctrl\+C to stop/.test(log), 150_000, () => `npm start to be ready; its output:\n${log}`);
    const site = /running at (http:\/\/[\d.]+:\d+)\//.exec(log)![1]!;
    const comments = `http://127.0.0.1:${/Comments: http:\/\/127\.0\.0\.1:(\d+)/.exec(log)![1]!}`;
    ports.push(new URL(site).port, new URL(comments).port);
    expect((await raw(site, '/the-announcement/')).status).toBe(200);
    const exited = new Promise((r) => npm.once('exit', r));
    npm.kill('SIGTERM');
    await exited;
    const listening = async (url: string) => {
      try {
        await fetch(url, { signal: AbortSignal.timeout(2000) });
        return true;
      } catch {
        return false;
      }
    };
    await until(async () => !(await listening(site)) && !(await listening(comments)), 15_000, () => `nothing left listening on ${site} and ${comments}; output:\n${log}`);
  } finally {
    if (npm.exitCode === null) npm.kill('SIGKILL');
    // Whatever still listens on those ports after a failure is this test's: end it.
    const { execFileSync } = await import('node:child_process');
    for (const port of ports) {
      const pid = /pid=(\d+)/.exec(execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString())?.[1];
      if (pid) process.kill(Number(pid), 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
