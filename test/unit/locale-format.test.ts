// The table formatter (src/lib/locale-format.ts) writes what Intl writes, for
// every locale in its table: numbers over a wide sample at every precision the
// graphics use, and every month at day and month precision. A CLDR change in
// Node fails here, naming the value, instead of drifting from Intl.
import { describe, expect, it } from 'vitest';
import { LOCALE_TABLES, formatDecimal, formatShortDate } from '../../src/lib/locale-format';
import { formatNumber, formatFixed, formatDate } from '../../src/lib/text';

const tags = Object.keys(LOCALE_TABLES);

// Deterministic sample: edge cases, halves at every digit, and pseudo-random values across magnitudes.
const sample: number[] = [0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 1.005, 1.045, 2.675, 9.95, 9.995, 99.5, 999.5, 999.95,
  1000, 9999.5, 12345.678, 1234567.891, -1234.5, -0.4, -0.04, 0.000123, 123456789012, 4.4, 23.156, 813, 270000, 0.1 + 0.2];
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < 3000; i++) {
  const mag = 10 ** Math.floor(rand() * 10 - 3);
  const v = (rand() - 0.3) * mag;
  sample.push(i % 3 === 0 ? Math.round(v * 1000) / 1000 : i % 3 === 1 ? Math.round(v * 2) / 2 : v);
}

describe('locale-format: the same text as Intl', () => {
  it.each(tags)('numbers in %s', (tag) => {
    const misses: string[] = [];
    for (const [min, max] of [[0, 0], [0, 1], [0, 2], [1, 1], [2, 2], [0, 3]] as const) {
      const intl = new Intl.NumberFormat(tag, { minimumFractionDigits: min, maximumFractionDigits: max });
      for (const n of sample) {
        const want = intl.format(n);
        const got = formatDecimal(n, tag, min, max);
        if (got !== want) misses.push(`${n} (${min}-${max} decimals): ${got} instead of ${want}`);
      }
    }
    expect(misses.slice(0, 10)).toEqual([]);
  });

  it.each(tags)('every month in %s, at day and month precision, short and long', (tag) => {
    for (let m = 0; m < 12; m++) {
      for (const day of [1, 9, 28]) {
        const date = new Date(Date.UTC(2024, m, day));
        const iso = date.toISOString().slice(0, 10);
        const dayFmt = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
        const monthFmt = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', year: 'numeric', month: 'short' });
        expect(formatShortDate(iso, 'day', tag)).toBe(dayFmt.format(date));
        expect(formatShortDate(iso, 'month', tag)).toBe(monthFmt.format(date));
        const longDay = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
        const longMonth = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', year: 'numeric', month: 'long' });
        expect(formatShortDate(iso, 'day', tag, 'long')).toBe(longDay.format(date));
        expect(formatShortDate(iso, 'month', tag, 'long')).toBe(longMonth.format(date));
      }
    }
  });

  it('a locale outside the table goes through Intl', () => {
    expect(formatDecimal(1234.5, 'de-DE', 1, 1)).toBe('1.234,5');
    expect(formatShortDate('2024-11-14', 'day', 'de-DE')).toBe(new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(Date.UTC(2024, 10, 14))));
  });

  it('the graphics\' helpers use it in both editions', () => {
    expect(formatNumber(4783.4, 'en')).toBe('4,783');
    expect(formatFixed(6, 'es', 1)).toBe('6.0');
    expect(formatDate('2024-11-14', 'day', 'es')).toBe('14 nov. 2024');
    expect(formatDate('2024-09-01', 'month', 'en')).toBe('Sept 2024');
    expect(formatDate('2024-09-01', 'year', 'en')).toBe('2024');
    expect(formatDate('2026-06-07', 'day', 'es', 'long')).toBe('7 de junio de 2026');
  });
});
