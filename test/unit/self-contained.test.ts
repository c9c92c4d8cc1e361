/**
 * Whoever clones the project must find its conventions and its facts' sources in it:
 * no tracked file may point to notes outside the repository (the team's shared
 * folder, its research notes or style guide). Sources are cited by id from
 * content/data/sources.csv instead.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SELF = path.relative(ROOT, __filename);
/** Names of things that live only outside this repository. */
const OUTSIDE = [/\.\.\/shared\b/, /\bfacts\.md\b/, /\bSTYLE\.md\b/, /\breview-2026-\d\d\.md\b/, /\barticle\.md\b/];

function trackedTextFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  return out
    .split('\0')
    .filter(Boolean)
    .filter((f) => f !== SELF && !/\.(woff2?|png|jpe?g|gif|ico|webp|db|sqlite)$/i.test(f) && !f.startsWith('node_modules'));
}

describe('the repository is self-contained', () => {
  it('lists files to check (git ls-files works here)', () => {
    expect(trackedTextFiles().length).toBeGreaterThan(100);
  });

  it('no file refers to notes outside the repository', () => {
    const hits: string[] = [];
    for (const f of trackedTextFiles()) {
      let text: string;
      try {
        text = readFileSync(path.join(ROOT, f), 'utf8');
      } catch {
        continue; // deleted in the working tree but still in the index
      }
      text.split('\n').forEach((line, i) => {
        for (const re of OUTSIDE) if (re.test(line)) hits.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(hits, hits.join('\n')).toEqual([]);
  });

  it('the check can fail: a line naming the shared notes is caught', () => {
    const line = 'see ../shared/research/facts.md §3';
    expect(OUTSIDE.some((re) => re.test(line))).toBe(true);
  });
});
