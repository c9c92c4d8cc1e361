import { describe, it, expect } from 'vitest';
import { z } from 'astro/zod';
import { parseCsv } from '../../src/lib/csv';
import { loadCsvText, num, optNum, text, sourceIds, DataFileError } from '../../src/lib/data-loader';

const schema = z.object({ station: text(), km: num(), elev_m: optNum(), source: sourceIds() });
const file = 'content/data/test.csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, and CRLF', () => {
    const t = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\r\n');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows.map((r) => r.values)).toEqual([
      { a: 'x, y', b: 'say "hi"' },
      { a: 'multi\nline', b: '2' },
    ]);
    expect(t.rows.map((r) => r.line)).toEqual([2, 3]);
  });
  it('names the line of a row with the wrong number of fields', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', file)).toThrow(/content\/data\/test.csv: row at line 3: expected 2 fields/);
  });
  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a\n"open\n', file)).toThrow(/unterminated/);
  });
});

describe('loadCsvText', () => {
  it('turns valid rows into typed entries; blank optional numbers stay unknown, not zero', () => {
    const rows = loadCsvText(file, 'station,km,elev_m,source\nCallao,0,3,eswiki-fcc\nTornamesa,74,,fcca;eswiki-fcc\n', schema, (r) => String(r['station']));
    expect(rows).toEqual([
      { id: 'Callao', data: { station: 'Callao', km: 0, elev_m: 3, source: ['eswiki-fcc'] } },
      { id: 'Tornamesa', data: { station: 'Tornamesa', km: 74, elev_m: undefined, source: ['fcca', 'eswiki-fcc'] } },
    ]);
  });
  it('fails naming file, line, row and field for a non-number', () => {
    const bad = 'station,km,elev_m,source\nCallao,0,3,x\nChosica,fifty-four,860,x\n';
    let err: unknown;
    try {
      loadCsvText(file, bad, schema);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFileError);
    expect(String((err as Error).message)).toMatch(/content\/data\/test.csv: row at line 3 \(Chosica\): km: expected a number, got "fifty-four"/);
  });
  it('fails when a row has no source', () => {
    expect(() => loadCsvText(file, 'station,km,elev_m,source\nCallao,0,3,\n', schema)).toThrow(/line 2.*source: source is required/);
  });
  it('fails on duplicate ids', () => {
    expect(() => loadCsvText(file, 'station,km,elev_m,source\nA,0,1,s\nA,1,2,s\n', schema, (r) => String(r['station']))).toThrow(
      /line 3: duplicate id "A"/,
    );
  });
});
