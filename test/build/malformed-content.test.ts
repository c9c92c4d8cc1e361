/**
 * A malformed data file or chapter front matter must fail the real build with
 * a message naming the file and the row or field. Builds a copy of the project
 * with one file broken, once per kind of check the build wires in:
 *  - a data file's row (src/lib/data-loader.ts checkCsvText, run by every
 *    CSV collection's loader): the build fails with its message. Every other
 *    malformed row (no source, an unknown source id, ...) goes through the
 *    same function, and test/unit/malformed-data.test.ts feeds it each one;
 *  - a chapter's front matter (Astro's schema check of the chapters collection);
 *  - a figure naming a graphic that does not exist (figures.yaml's schema);
 *  - a figure quoted in the text without its label, in English (facts.csv's
 *    schema) and in Spanish (the translation check, src/lib/i18n/data-text.ts).
 * Each message is matched with the edited value in it, so a build that failed
 * for another reason cannot pass; the untouched content builds in `npm test`'s
 * build stage.
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
  const edited = edit(orig);
  expect(edited, `the edit left ${rel} as it was`).not.toBe(orig);
  writeFileSync(p, edited);
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
  it("a figure without its label, in either edition, fails naming the file, the line and the row", () => {
    // The label heads the figure's row on the Sources page (never its data id): facts.csv's schema requires it,
    // and each edition's facts.csv must give it (src/lib/i18n/data-text.ts), with no fallback to the id or to English.
    withFile('content/data/facts.csv', (s) => s.replace(/^claimed-cost,Cost claimed in the article,/m, 'claimed-cost,,'), () => {
      const r = build('label-en');
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/content\/data\/facts\.csv: row at line 2 \(claimed-cost\): label: must not be empty/);
    });
    withFile('content/data/es/facts.csv', (s) => s.replace(/^claimed-cost,Costo que afirma el artículo,/m, 'claimed-cost,,'), () => {
      const r = build('label-es');
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/content\/data\/es\/facts\.csv: row at line 2 \(claimed-cost\): label: missing the Spanish text/);
    });
  });
  it('chapter front matter with a bad field fails naming the chapter file and the field', () => {
    withFile('content/chapters/01-the-announcement.mdx', (s) => s.replace(/^order: 1$/m, 'order: first'), () => {
      const r = build('frontmatter');
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/order\W+Expected type\W+"?number"?\W+received\W+"?string/);
      expect(r.out).toMatch(/content\/chapters\/01-the-announcement\.mdx/);
    });
  });
  it('a figure naming a graphic that does not exist fails naming the name and the graphics there are', () => {
    withFile('content/figures.yaml', (s) => s.replace(/^  viz: rail-costs$/m, '  viz: rail-cost'), () => {
      const r = build('viz');
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/unknown graphic "rail-cost": no src\/viz\/rail-cost\/render\.ts \(graphics: [^)]*rail-costs/);
    });
  });
}, 180_000);
