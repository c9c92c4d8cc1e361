// `npm test`: type check, build, unit + build-output + browser tests (vitest,
// Debian's Chromium), then Lighthouse CI budgets on every page. Every stage
// runs; the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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

const vitestReport = path.join(root, 'test-results/vitest.json');
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
  // A JSON report beside the console's, so the summary at the end can name each failed test:
  // CI keeps only the tail of a long log, and vitest's own list of failures is far above it.
  mkdirSync('test-results', { recursive: true });
  rmSync(vitestReport, { force: true });
  stage('vitest', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
  stage('lhci', process.execPath, ['scripts/lhci.mjs']);
}
console.log('\n=== npm test summary');
console.table(results);
if (results.some((r) => r.stage === 'vitest' && !r.ok)) console.log(failedTests(vitestReport));
process.exit(results.every((r) => r.ok) && results.length > 0 ? 0 : 1);

/** The failed tests in vitest's JSON report, a line or two each (file, name, the error's first lines without its stack). @param {string} file */
function failedTests(file) {
  /** @type {{ testResults: { name: string, status: string, message?: string, assertionResults: { fullName: string, status: string, failureMessages: string[] }[] }[] }} */
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return `vitest failed and wrote no report at ${path.relative(root, file)}: see its output above.`;
  }
  const lines = [];
  for (const f of report.testResults) {
    const rel = path.relative(root, f.name);
    const failed = f.assertionResults.filter((a) => a.status === 'failed');
    // vitest writes message '' when the error is not the file's own (a describe block's hook, a worker that ended).
    if (f.status === 'failed' && !failed.length) lines.push(`FAIL ${rel}: ${firstLines(f.message || 'failed outside any test (a hook in a describe block, or its worker ended): see vitest\'s output above')}`);
    for (const a of failed) lines.push(`FAIL ${rel} > ${a.fullName}\n    ${firstLines(a.failureMessages[0] ?? '')}`);
  }
  return lines.length ? `Failed tests (${lines.length}):\n${lines.join('\n')}` : 'vitest failed, but its report lists no failed test: see its output above.';
}
/** @param {string} message */
function firstLines(message) {
  return message.split('\n').filter((l) => l.trim() && !/^\s*at /.test(l)).slice(0, 3).join('\n    ').slice(0, 600);
}
