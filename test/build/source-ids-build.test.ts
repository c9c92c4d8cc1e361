/**
 * The real build refuses a data file that names a source id sources.csv does
 * not have, and says which file, which row and which id (src/lib/data-loader.ts,
 * checkSourceIds). Builds a copy of the project with one id misspelt, as
 * malformed-content.test.ts does for other errors.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = process.cwd();
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'chancay-source-ids-'));
  for (const p of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'content', 'public', 'scripts', 'deploy']) {
    cpSync(path.join(root, p), path.join(work, p), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(tag: string) {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, BUILD_MODE: 'local', ASTRO_TELEMETRY_DISABLED: '1', OUT_DIR: path.join(work, `dist-${tag}`), CACHE_DIR: path.join(work, `cache-${tag}`), NO_COLOR: '1' },
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('the build refuses an unknown source id', () => {
  it('a data row naming a source that is not in sources.csv fails, naming the file, the row and the id', () => {
    const file = path.join(work, 'content/data/rail-projects.csv');
    const orig = readFileSync(file, 'utf8');
    // lima-ica cites andina-2024-11-04; misspell it.
    const edited = orig.replace(/^(lima-ica,.*?[,;])andina-2024-11-04([,;])/m, '$1andina-2024-11-40$2');
    expect(edited).not.toBe(orig);
    writeFileSync(file, edited);
    try {
      const r = build('unknown-source');
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/content\/data\/rail-projects\.csv: row at line \d+ \(lima-ica\): source: unknown source id "andina-2024-11-40"/);
    } finally {
      writeFileSync(file, orig);
    }
  }, 120_000);
});
