/**
 * The Spanish text files beside the data (content/data/es/<name>.csv) parse as
 * CSV with every row whole (a comma inside a Spanish number, "US$4,000 millones",
 * must sit inside quotes), hold only `id` plus columns of the English file, and
 * have one row per English id in the English order. Files only: no build.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parseCsv } from '../../src/lib/csv';

const ES = 'content/data/es';
const files = existsSync(ES) ? readdirSync(ES).filter((f) => f.endsWith('.csv')).sort() : [];

/** Problems of one Spanish data file against its English original. */
function check(name: string, esText: string, enText: string): string[] {
  const problems: string[] = [];
  let es, en;
  try {
    es = parseCsv(esText, `${ES}/${name}`);
    en = parseCsv(enText, `content/data/${name}`);
  } catch (e) {
    return [(e as Error).message];
  }
  if (es.header[0] !== 'id') problems.push(`${ES}/${name}: first column is "${es.header[0]}", not "id"`);
  for (const h of es.header) if (!en.header.includes(h)) problems.push(`${ES}/${name}: column "${h}" is not in the English file`);
  const idCol = en.header.includes('id') ? 'id' : en.header[0]!;
  const enIds = en.rows.map((r) => String(r.values[idCol]));
  const esIds = es.rows.map((r) => String(r.values['id']));
  if (enIds.join('\n') !== esIds.join('\n')) problems.push(`${ES}/${name}: ids differ from the English file's (${esIds.length} rows, English ${enIds.length})`);
  return problems;
}

describe('Spanish data text files', () => {
  for (const f of files) {
    it(`${f}: parses, whole rows, only English columns, one row per English id`, () => {
      expect(check(f, readFileSync(`${ES}/${f}`, 'utf8'), readFileSync(`content/data/${f}`, 'utf8'))).toEqual([]);
    });
  }

  it('would notice an unquoted comma, a foreign column or a missing row (the check fails on bad input)', () => {
    const en = 'id,label,value\na,Exports,4000\nb,Imports,12\n';
    expect(check('x.csv', 'id,label\na,Exportaciones\nb,Importaciones\n', en)).toEqual([]);
    expect(check('x.csv', 'id,label\na,US$4,000 millones\nb,Importaciones\n', en).join(' ')).toMatch(/x\.csv/);
    expect(check('x.csv', 'id,label,value\na,Exportaciones,4000\nb,Importaciones,12\n', en)).toEqual([]); // value exists in English: the loader decides which columns are text
    expect(check('x.csv', 'id,etiqueta\na,Exportaciones\nb,Importaciones\n', en).join(' ')).toMatch(/column "etiqueta" is not in the English file/);
    expect(check('x.csv', 'id,label\na,Exportaciones\n', en).join(' ')).toMatch(/ids differ/);
  });
});
