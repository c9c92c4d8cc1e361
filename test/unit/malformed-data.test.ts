/**
 * Every way a data row can be malformed, fed to the function each CSV
 * collection's loader runs at build time (src/lib/data-loader.ts
 * checkCsvText), on the real files: content/data/rail-projects.csv with one
 * edit, checked against the real sources.csv. The error names the file, the
 * line, the row and the field or id. test/build/malformed-content.test.ts
 * proves that the real build fails with this function's message.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkCsvText, DataFileError, SOURCES_FILE } from '../../src/lib/data-loader';
import { railProjectsSchema } from '../../src/viz/rail-costs/schema';

const FILE = 'content/data/rail-projects.csv';
const text = readFileSync(FILE, 'utf8');
const sources = readFileSync(SOURCES_FILE, 'utf8');

/** The loader's check of rail-projects.csv with one edit; the edit must change the file. */
function check(edit: (s: string) => string) {
  const edited = edit(text);
  expect(edited, 'the edit left the file as it was').not.toBe(text);
  return () => checkCsvText(FILE, edited, railProjectsSchema, sources);
}

/** The line of the row with this id in the untouched file. */
const lineOf = (id: string) => text.split('\n').findIndex((l) => l.startsWith(`${id},`)) + 1;

describe('a malformed data row fails the loader naming the file, the line, the row and the field', () => {
  it('the untouched file passes (the failures below are caused by the edits)', () => {
    expect(checkCsvText(FILE, text, railProjectsSchema, sources).length).toBeGreaterThan(0);
  });
  it('a non-numeric cost', () => {
    expect(check((s) => s.replace(',6.5,280,', ',six and a half,280,'))).toThrow(
      new RegExp(`^content/data/rail-projects\\.csv: row at line ${lineOf('lima-ica')} \\(lima-ica\\): cost_usd_bn: expected a number, got "six and a half"`),
    );
  });
  it('a row without a source', () => {
    expect(check((s) => s.replace('andina-2024-11-04;atv-2025-09-25,H,', ',H,'))).toThrow(
      new RegExp(`rail-projects\\.csv: row at line ${lineOf('lima-ica')} \\(lima-ica\\): source: source is required`),
    );
  });
  it('a source id that sources.csv does not have', () => {
    expect(check((s) => s.replace(/^(lima-ica,.*?[,;])andina-2024-11-04([,;])/m, '$1andina-2024-11-40$2'))).toThrow(
      new RegExp(`rail-projects\\.csv: row at line ${lineOf('lima-ica')} \\(lima-ica\\): source: unknown source id "andina-2024-11-40"`),
    );
  });
  it('a confidence mark that is not H, M or L', () => {
    expect(check((s) => s.replace('andina-2024-11-04;atv-2025-09-25,H,', 'andina-2024-11-04;atv-2025-09-25,high,'))).toThrow(
      /rail-projects\.csv: row at line \d+ \(lima-ica\): confidence: confidence must be H, M, L, M-H or L-M/,
    );
  });
  it('a row with a field too many, and a duplicate id', () => {
    expect(check((s) => s.replace(',6.5,280,', ',6.5,280,extra,'))).toThrow(/rail-projects\.csv: row at line \d+: expected \d+ fields/);
    const row = text.split('\n').find((l) => l.startsWith('lima-ica,'))!;
    expect(check((s) => `${s.trimEnd()}\n${row}\n`)).toThrow(/rail-projects\.csv: row at line \d+: duplicate id "lima-ica"/);
  });
  it('throws DataFileError (what the build reports as the failed file)', () => {
    expect(check((s) => s.replace(',6.5,280,', ',x,280,'))).toThrow(DataFileError);
  });
});
