/**
 * Spanish figures in prose (<V>) are formatted from the English file (issue 16:
 * no number typed twice). content/data/es/facts.csv holds words and placeholders;
 * src/lib/i18n/facts.ts fills them from content/data/facts.csv with es-PE's Intl.
 * Here: every Spanish fact renders, shows exactly the English display's figures
 * (scale words read: "US$4 billion" is "US$4,000 millones"), and the English
 * value among them; a typed figure, a bad placeholder or a wrong number fails.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parseCsv } from '../../src/lib/csv';
import { factDisplay, shownNumbers, type FactRow } from '../../src/lib/i18n/facts';

const rows = (f: string) => parseCsv(readFileSync(f, 'utf8'), f).rows.map((r) => r.values);
const en = new Map(rows('content/data/facts.csv').map((r) => [r['id']!, r as unknown as FactRow & { unit: string }]));
const es = rows('content/data/es/facts.csv');

/** A display's figures as quantities, scale words applied: English "billion"/"million", Spanish "millones"/"millón". */
function quantities(s: string, lang: 'en' | 'es'): number[] {
  // Both editions group with commas and use a decimal point (es-PE, README): one pattern reads both.
  const num = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/g;
  const scale: Record<string, number> = lang === 'en' ? { billion: 1e9, million: 1e6 } : { millones: 1e6, millón: 1e6 };
  const words = Object.keys(scale).join('|');
  return [...s.matchAll(num)].map((m) => {
    const after = s.slice(m.index! + m[0].length);
    const w = new RegExp(`^(?:\\s*[–-]\\s*\\d[\\d,]*(?:\\.\\d+)?)?\\s+(${words})(?![\\p{L}])`, 'u').exec(after)?.[1];
    return Number((Number(m[0].replace(/,/g, '')) * (w ? (scale[w] ?? 1) : 1)).toPrecision(6));
  });
}
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);

/** What is wrong with a Spanish display against the English row: figures that differ, or the English value missing. */
function mismatch(enRow: FactRow & { unit: string }, shown: string): string | undefined {
  const want = sorted(quantities(enRow.display, 'en'));
  const got = sorted(quantities(shown, 'es'));
  if (JSON.stringify(want) !== JSON.stringify(got)) return `figures ${JSON.stringify(got)} where English shows ${JSON.stringify(want)}`;
  // The English value (a number) is shown as English shows it: within the display's rounding of it.
  const v = Number(enRow.value);
  if (enRow.value && Number.isFinite(v) && !/year|decade|period/.test(enRow.unit)) {
    const scaled = v * (/\bbn\b/.test(enRow.unit) ? 1e9 : /^M/.test(enRow.unit) ? 1e6 : 1);
    const near = (x: number) => Math.abs(x - scaled) <= Math.max(0.051 * Math.abs(scaled), 1e-9);
    if (want.some(near) && !got.some(near)) return `the English value ${enRow.value} ${enRow.unit} is not shown`;
  }
  return undefined;
}

describe('Spanish facts: figures from the English file', () => {
  it('has a Spanish display for every English fact, with no typed figure, and each renders', () => {
    expect(es.map((r) => r['id'])).toEqual([...en.keys()]);
    for (const r of es) expect(() => factDisplay(r['display']!, en.get(r['id']!)!, 'es'), r['id']).not.toThrow();
  });

  it('shows exactly the English figures (and value) in es-PE form', () => {
    const bad = es.flatMap((r) => {
      const e = en.get(r['id']!)!;
      const m = mismatch(e, factDisplay(r['display']!, e, 'es'));
      return m ? [`${r['id']}: ${m}`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('writes money, dates and counts as the Spanish edition does', () => {
    const show = (id: string) => factDisplay(es.find((r) => r['id'] === id)!['display']!, en.get(id)!, 'es');
    expect(show('claimed-cost')).toBe('US$4,000 millones');
    expect(show('chancay-phase1')).toBe('US$1,300–1,400 millones');
    expect(show('exports-china-2023')).toBe('US$23,200 millones');
    expect(show('powerchina-cost')).toBe('US$420 millones');
    expect(show('chancay-total-investment')).toBe('US$3,000–3,600 millones');
    expect(show('route-first-year-value')).toBe('5,350 millones de yuanes');
    // A range in billions, in millions ({1:mill}–{2:mill}).
    expect(show('route-first-year-usd')).toBe('US$730–760 millones');
    expect(show('chancay-opened')).toBe('14 de noviembre de 2024');
    expect(show('chancay-deal')).toBe('enero de 2019');
    expect(show('apec-2026-dates')).toBe('18 y 19 de noviembre de 2026');
    expect(show('fcca-summit')).toBe('4,783 m');
    expect(show('chancay-opened-year')).toBe('2024');
    expect(show('chancay-deal-to-open')).toBe('unos 5.8 años');
    expect(show('chancay-target-teu')).toBe('1.5 millones de TEU');
  });

  it('fails on a typed figure, an unknown placeholder, a number the English display lacks, a date that is not one', () => {
    const row = en.get('claimed-cost')!;
    expect(() => factDisplay('US$4,000 millones', row, 'es')).toThrow(/content\/data\/es\/facts\.csv: fact "claimed-cost": display "US\$4,000 millones" types a figure/);
    expect(() => factDisplay('{1:eur}', row, 'es')).toThrow(/unknown placeholder/);
    expect(() => factDisplay('{2:usd}', row, 'es')).toThrow(/has 1 number/);
    expect(() => factDisplay('{date}', row, 'es')).toThrow(/needs an ISO date/);
    expect(() => factDisplay('{date}', en.get('chancay-deal')!, 'es')).not.toThrow();
    expect(() => factDisplay('{date}', en.get('lima-barranca-profile')!, 'es')).toThrow(/use \{month\}/);
    expect(() => factDisplay('{1:usd}', en.get('fcca-summit')!, 'es')).toThrow(/not in billions or millions/);
  });

  it('the comparison catches a wrong Spanish figure or a missing English value', () => {
    const row = en.get('claimed-cost')!;
    expect(mismatch(row, 'US$4,000 millones')).toBeUndefined();
    expect(mismatch(row, 'US$4,100 millones')).toMatch(/figures/);
    expect(mismatch(row, 'US$4 millones')).toMatch(/figures/);
    expect(mismatch(en.get('fcca-summit')!, '4,873 m')).toMatch(/figures/);
    expect(mismatch(en.get('chancay-opened')!, '15 de noviembre de 2024')).toMatch(/figures/);
  });

  it('reads the English numbers with their scale words', () => {
    expect(shownNumbers('US$3.0–3.6 billion')).toEqual([
      { n: 3, decimals: 1, grouped: false, scale: 1e9 },
      { n: 3.6, decimals: 1, grouped: false, scale: 1e9 },
    ]);
    expect(shownNumbers('"18,000-TEU ships up to 400 metres long"').map((x) => [x.n, x.grouped, x.scale])).toEqual([
      [18000, true, 1],
      [400, false, 1],
    ]);
  });
});
