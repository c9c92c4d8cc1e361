/**
 * Every data file behind a figure names where each row comes from and how
 * sure we are: a `source` and a `confidence` column (a field in each JSON
 * record). The files are whatever content/data/ holds: none is listed here.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../src/lib/csv';

const DIR = 'content/data';
/** Not figure data: the source list itself, and the corrections log and glossary (text about the story, with optional sources). */
const NOT_FIGURES = new Set(['sources.csv', 'corrections.csv', 'glossary.csv']);

/** The columns a data file lacks, by file text. */
export function missingColumns(file: string, text: string): string[] {
  const need = ['source', 'confidence'];
  if (file.endsWith('.csv')) {
    const { header } = parseCsv(text, file);
    return need.filter((c) => !header.includes(c));
  }
  const records = JSON.parse(text) as Record<string, unknown>[];
  return need.filter((c) => records.some((r) => !(c in r)));
}

describe('data files', () => {
  const files = readdirSync(DIR).filter((f) => /\.(csv|json)$/.test(f) && !NOT_FIGURES.has(f));

  it('there are data files to check', () => expect(files.length).toBeGreaterThan(0));

  for (const f of files) {
    it(`${f} has source and confidence columns`, () => {
      expect(missingColumns(f, readFileSync(path.join(DIR, f), 'utf8'))).toEqual([]);
    });
  }

  it('the check names a missing column (CSV and JSON)', () => {
    expect(missingColumns('x.csv', 'id,label,source\na,A,facts\n')).toEqual(['confidence']);
    expect(missingColumns('x.json', '[{"id":"a","source":"facts"}]')).toEqual(['confidence']);
  });
});
