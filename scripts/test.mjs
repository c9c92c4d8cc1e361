// `npm test`: type check, build, unit + build-output + browser tests (vitest,
// Debian's Chromium), then Lighthouse CI budgets on every page. Every stage
// runs; the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const bin = path.join(root, 'node_modules/.bin');
// Tests build for this machine (loopback links): BUILD_MODE=local, see scripts/site-url.mjs.
const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1', BUILD_MODE: process.env.BUILD_MODE ?? 'local' };
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(chromium)) {
  console.error(`\nChromium is needed for the browser tests and Lighthouse, and was not found at ${chromium}.\nInstall Debian's package:  apt-get update && apt-get install -y chromium\n(or set CHROMIUM_PATH). Never 'npx playwright install': it cannot download here.\n`);
  process.exit(1);
}
if (!process.version.startsWith('v22') && !process.version.startsWith('v24')) {
  console.error(`Node ${process.version} found; run through npm (npm test), which uses the project's pinned Node 22.`);
  process.exit(1);
}

// CI (.ci/run sets TEST_REQUIRE_SERVICES=1) installs PostgreSQL, nginx and Java, and the
// suites that need them skip where they are missing (a developer's machine): in CI a
// missing one is an error, so a PostgreSQL, nginx or Nu checker suite can never pass by skipping.
if (process.env.TEST_REQUIRE_SERVICES === '1') {
  const { findPgBin } = await import('../server/comments/dev-postgres.mjs');
  const java = spawnSync(process.env.JAVA ?? 'java', ['-version'], { stdio: 'ignore' });
  const missing = [
    !findPgBin() && 'PostgreSQL (initdb, pg_ctl; Debian postgresql)',
    !existsSync('/usr/sbin/nginx') && 'nginx (/usr/sbin/nginx; Debian nginx)',
    (java.error || java.status !== 0) && 'Java (java; Debian default-jre-headless)',
  ].filter(Boolean);
  if (missing.length) {
    console.error(`TEST_REQUIRE_SERVICES=1 and missing: ${missing.join(', ')}. Their suites would be skipped, not run.`);
    process.exit(1);
  }
}

const only = new Set((process.env.TEST_STAGES ?? 'check,build,vitest,lhci').split(','));
/** @type {{ stage: string, ok: boolean, seconds: number }[]} */
const results = [];
/** @param {string} name @param {string} cmd @param {string[]} args */
function stage(name, cmd, args) {
  if (!only.has(name)) return;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  const ok = r.status === 0;
  results.push({ stage: name, ok, seconds: +((Date.now() - t) / 1000).toFixed(1) });
  return ok;
}

// astro check beside the comment server's and the scripts' JavaScript (tsc -p server, tsc -p scripts): `npm run check` (scripts/check.mjs).
stage('check', 'npm', ['run', 'check', '--silent']);
const built = stage('build', 'npm', ['run', 'build', '--silent']);
if (built === false) {
  console.error('Build failed: skipping the tests that need dist/.');
} else {
  stage('vitest', 'vitest', ['run']);
  stage('lhci', process.execPath, ['scripts/lhci.mjs']);
}
console.log('\n=== npm test summary');
console.table(results);
process.exit(results.every((r) => r.ok) && results.length > 0 ? 0 : 1);
