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
});
