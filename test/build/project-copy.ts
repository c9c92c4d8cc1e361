/**
 * A throwaway copy of the project (sources, content, config; node_modules
 * linked) for tests that prove the real build refuses bad content.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = process.cwd();

export interface ProjectCopy {
  dir: string;
  /** `astro build` (local mode) in the copy; each tag gets its own output and cache. */
  build(tag: string): { status: number | null; out: string };
  remove(): void;
}

export function copyProject(prefix: string): ProjectCopy {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const p of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'content', 'public', 'scripts', 'deploy']) {
    cpSync(path.join(root, p), path.join(dir, p), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return {
    dir,
    build(tag) {
      const r = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, BUILD_MODE: 'local', ASTRO_TELEMETRY_DISABLED: '1', OUT_DIR: path.join(dir, `dist-${tag}`), CACHE_DIR: path.join(dir, `cache-${tag}`), NO_COLOR: '1' },
      });
      return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
