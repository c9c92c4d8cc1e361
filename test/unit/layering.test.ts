/**
 * Layering: src/lib/ is the bottom layer. It imports nothing from
 * src/components/, src/viz/, src/pages/ or src/layouts/ (no arrows back up),
 * and a graphic imports nothing from another graphic's folder except the
 * documented reuse (climb-3d's poster is the climb profile).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve('src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mts|mjs|js|astro)$/.test(n) ? [p] : [];
  });
}

/** Every module specifier a file imports: static, dynamic, re-exports and import.meta.glob patterns. */
export function importsOf(code: string): string[] {
  const out: string[] = [];
  const patterns = [
    /(?:^|[\s;}])import\s+(?:type\s+)?(?:[^'"();]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /(?:^|[\s;}])export\s+(?:type\s+)?(?:\*|\{[^}]*\})\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /import\.meta\.glob(?:<[^>]*>)?\(\s*['"]([^'"]+)['"]/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]!);
  return out;
}

/** The src/ top-level area (lib, components, viz/<name>, …) an import from `file` lands in, or null outside src/. */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const rel = path.relative(SRC, path.resolve(path.dirname(file), spec));
  return rel.startsWith('..') ? null : rel;
}

export function violations(file: string, code: string): string[] {
  const from = path.relative(SRC, file).split(path.sep);
  const bad: string[] = [];
  for (const spec of importsOf(code)) {
    const to = target(file, spec)?.split(path.sep);
    if (!to) continue;
    if (from[0] === 'lib' && ['components', 'viz', 'pages', 'layouts'].includes(to[0]!)) bad.push(`${spec} (src/lib/ must not import from src/${to[0]}/)`);
    if (from[0] === 'viz' && to[0] === 'viz' && to[1] !== from[1] && !(from[1] === 'climb-3d' && to[1] === 'climb-profile'))
      bad.push(`${spec} (a graphic imports another graphic's folder: move what they share to src/lib/)`);
    if (from[0] === 'viz' && ['pages', 'layouts'].includes(to[0]!)) bad.push(`${spec} (a graphic must not import src/${to[0]}/)`);
  }
  return bad;
}

describe('layering', () => {
  it('src/lib imports nothing from components, viz, pages or layouts; graphics do not reach into each other', () => {
    const found = files(SRC).flatMap((f) => violations(f, readFileSync(f, 'utf8')).map((v) => `${path.relative('.', f)}: ${v}`));
    expect(found).toEqual([]);
  });

  it('catches an arrow back up (static, type-only, dynamic and glob imports)', () => {
    const lib = path.join(SRC, 'lib/embed/child.ts');
    expect(violations(lib, "import type { X } from '../../components/scrolly-section';")).toHaveLength(1);
    expect(violations(lib, "const m = await import('../../viz/rail-costs/render');")).toHaveLength(1);
    expect(violations(lib, "const all = import.meta.glob('../../viz/*/render.ts');")).toHaveLength(1);
    expect(violations(lib, "export { y } from '../../pages/index.astro';")).toHaveLength(1);
    expect(violations(lib, "import { esc } from '../svg';")).toEqual([]);
    const viz = path.join(SRC, 'viz/road-ahead/geometry.ts');
    expect(violations(viz, "import { wrap } from '../funding-models/text';")).toHaveLength(1);
    expect(violations(viz, "import { wrap } from '../../lib/text';")).toEqual([]);
  });
});
