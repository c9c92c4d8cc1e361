/**
 * A malformed data file or chapter front matter must fail the real build with
 * a message naming the file and the row or field. Builds a copy of the project
 * with one file broken.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyProject, type ProjectCopy } from './project-copy';

let project: ProjectCopy;
let work: string;

beforeAll(() => {
  project = copyProject('chancay-malformed-');
  work = project.dir;
});
afterAll(() => project.remove());

const build = (tag: string) => project.build(tag);

function withFile(rel: string, edit: (s: string) => string, fn: () => void) {
  const p = path.join(work, rel);
  const orig = readFileSync(p, 'utf8');
  writeFileSync(p, edit(orig));
  try {
    fn();
  } finally {
    writeFileSync(p, orig);
  }
}

describe('the build refuses malformed content', () => {
  it('a data row with a non-numeric cost fails naming the file, the line, the row and the field', () => {
    withFile('content/data/rail-projects.csv', (s) => s.replace(',6.5,280,', ',six and a half,280,'), () => {
      const r = build('csv');
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/content\/data\/rail-projects\.csv: row at line \d+ \(lima-ica\): cost_usd_bn: expected a number, got "six and a half"/);
    });
  });
  it('a data row without a source fails', () => {
    withFile('content/data/rail-projects.csv', (s) => s.replace('andina-2024-11-04;atv-2025-09-25,H,', ',H,'), () => {
      const r = build('nosource');
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/rail-projects\.csv: row at line \d+ \(lima-ica\): source: source is required/);
    });
  });
  it('chapter front matter with a bad field fails naming the chapter file and the field', () => {
    withFile('content/chapters/01-the-announcement.mdx', (s) => s.replace(/^order: 1$/m, 'order: first'), () => {
      const r = build('frontmatter');
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/01-the-announcement/);
      expect(r.out).toMatch(/order/);
    });
  });
  it('a figure naming a graphic that does not exist fails naming the name and the graphics there are', () => {
    withFile('content/figures.yaml', (s) => s.replace(/^  viz: rail-costs$/m, '  viz: rail-cost'), () => {
      const r = build('viz');
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/unknown graphic "rail-cost": no src\/viz\/rail-cost\/render\.ts \(graphics: [^)]*rail-costs/);
    });
  });
  it('an untouched copy builds (the failures above are caused by the edits)', () => {
    const r = build('clean');
    expect(r.out).not.toMatch(/DataFileError/);
    expect(r.status).toBe(0);
  }, 120_000);
}, 180_000);
