// `npm run check`: the site's type check (`astro check`) and the plain JavaScript of the
// comment server (`tsc -p server`) and of the scripts (`tsc -p scripts`), side by side: the
// three read and write nothing in common (the two tsc runs emit nothing), and together they
// take about 51 s on a 2-core machine against 63 s one after another (4 Dec 2026). Each
// one's output is printed whole when it ends, in this order, so they never interleave; the
// exit code is non-zero if any failed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (/** @type {string} */ name) => path.join(root, 'node_modules/.bin', name);
const jobs = [
  { name: 'astro check', cmd: bin('astro'), args: ['check'] },
  { name: 'tsc -p server', cmd: bin('tsc'), args: ['-p', 'server'] },
  { name: 'tsc -p scripts', cmd: bin('tsc'), args: ['-p', 'scripts'] },
];

/** @param {{ name: string, cmd: string, args: string[] }} job @returns {Promise<{ name: string, code: number, out: string, seconds: number }>} */
const run = ({ name, cmd, args }) =>
  new Promise((resolve) => {
    const t = Date.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => resolve({ name, code: 1, out: `${out}\n${name} could not start: ${e.message}\n`, seconds: 0 }));
    child.on('close', (code) => resolve({ name, code: code ?? 1, out, seconds: (Date.now() - t) / 1000 }));
  });

const results = await Promise.all(jobs.map(run));
for (const r of results) {
  process.stdout.write(`\n--- ${r.name} (${r.seconds.toFixed(0)} s): ${r.code === 0 ? 'ok' : `failed, exit ${r.code}`}\n${r.out}`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
