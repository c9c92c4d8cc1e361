/**
 * The real build refuses a data file that names a source id sources.csv does
 * not have, and says which file, which row and which id (src/lib/data-loader.ts,
 * checkSourceIds). Builds a copy of the project with one id misspelt, as
 * malformed-content.test.ts does for other errors.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { copyProject, type ProjectCopy } from './project-copy';
import path from 'node:path';

let copy: ProjectCopy;
let work: string;
beforeAll(() => {
  copy = copyProject('chancay-source-ids-');
  work = copy.dir;
});
afterAll(() => copy.remove());
const build = (tag: string) => copy.build(tag);

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
