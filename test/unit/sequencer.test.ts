import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { LONGEST, longestFirst } from '../setup/sequencer';

describe('test order: longest files first', () => {
  it('moves the listed files to the front in the listed order and keeps the rest in order', () => {
    const f = (p: string) => ({ moduleId: `/repo/${p}` });
    const given = [f('test/unit/a.test.ts'), f(LONGEST[2]), f('test/build/b.test.ts'), f(LONGEST[0]), f('test/e2e/c.test.ts')];
    expect(longestFirst(given).map((x) => x.moduleId)).toEqual([`/repo/${LONGEST[0]}`, `/repo/${LONGEST[2]}`, '/repo/test/unit/a.test.ts', '/repo/test/build/b.test.ts', '/repo/test/e2e/c.test.ts']);
  });
  it('names only files that exist (a renamed test would silently lose its place)', () => {
    expect(LONGEST.filter((p) => !existsSync(p))).toEqual([]);
  });
});
