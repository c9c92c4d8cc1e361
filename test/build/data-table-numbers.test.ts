/**
 * "Show the data" tables print each number as its data file records it, with the
 * edition's marks: a loan of US$0.2 bn must not read 0, nor US$2.9 bn read 3.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/lib/csv';
import { html } from './dist';

describe('data tables keep the recorded precision', () => {
  it('the funding-flows amounts on chapter 3 read as in funding-flows.csv', () => {
    const doc = html('why-washington-is-sidelined');
    const rows = parseCsv(readFileSync('content/data/funding-flows.csv', 'utf8'), 'funding-flows.csv').rows;
    for (const { values } of rows) {
      const low = Number(values['value_usd_bn']).toLocaleString('en-GB', { maximumFractionDigits: 6 });
      const high = values['high_usd_bn'] ? Number(values['high_usd_bn']).toLocaleString('en-GB', { maximumFractionDigits: 6 }) : '';
      const cell = high ? `${low}–${high}` : low;
      const label = String(values['label']).replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
      expect(doc, `${values['id']}: expected the cell "${cell}"`).toContain(`<th scope="row">${label}</th><td class="num">${cell}</td>`);
    }
  });

  it('a gradient computed from an approximate elevation says so, in both editions', () => {
    // The climb table's gradient column: each row's average from the previous drawn station. A row's own
    // confidence (H) must not vouch for a gradient whose other end is approximate (Infiernillo, 42‰).
    const rows = parseCsv(readFileSync('content/data/central-railway.csv', 'utf8'), 'central-railway.csv').rows.map((r) => r.values);
    const drawn = rows.filter((r) => r['elev_m'] !== '' && r['elev_m'] !== undefined);
    const marks = { en: ' (from an approximate elevation)', es: ' (con una altitud aproximada)' } as const;
    const esNames = new Map(parseCsv(readFileSync('content/data/es/central-railway.csv', 'utf8'), 'es/central-railway.csv').rows.map((r) => [r.values['id'], r.values['station']]));
    let marked = 0;
    for (const [ed, page] of [['en', 'beyond-the-tracks'], ['es', 'es/beyond-the-tracks']] as const) {
      const doc = html(page);
      const name = (r: Record<string, unknown>) => String(ed === 'es' ? esNames.get(String(r['id'])) : r['station']);
      for (let i = 1; i < drawn.length; i++) {
        const a = drawn[i - 1]!;
        const b = drawn[i]!;
        const cell = new RegExp(`<th scope="row">${name(b).replace(/[()]/g, '\\$&')}</th>(?:<td[^>]*>[^<]*</td>){2}<td class="num">([^<]*)</td>`).exec(doc);
        expect(cell, `${page}: ${name(b)} has no gradient cell`).not.toBeNull();
        const approximate = a['confidence'] !== 'H' || b['confidence'] !== 'H';
        expect(cell![1]!.endsWith(marks[ed]), `${page}: ${a['station']}–${b['station']} gradient "${cell![1]}"`).toBe(approximate);
        if (approximate) marked++;
      }
    }
    expect(marked).toBeGreaterThan(0);
  });
});
