/**
 * Numbers and dates in an edition's locale, from a small table instead of Intl.
 *
 * Why not Intl: the first Intl formatter a page makes loads the browser's ICU
 * data, one indivisible task of 350-750 ms on a 4x-slowed CPU (measured on
 * these machines, Chromium 156). Every graphic formats its ticks and labels
 * when it mounts, so that task landed in the middle of page load and was the
 * largest single part of the chapter embed's Total Blocking Time. The table
 * below holds what Intl (CLDR) says for the editions' locales; the unit test
 * test/unit/locale-format.test.ts compares every function here with Intl over
 * thousands of numbers and every month, so a CLDR change fails the test
 * instead of drifting. The build (Node) and the browser use this same code,
 * so a graphic redrawn in the browser writes exactly what the build wrote.
 * A locale the table lacks is formatted by Intl.
 */

interface LocaleTable {
  /** Grouping separator (every three digits, from the first thousand). */
  group: string;
  decimal: string;
  minus: string;
  /** Month names, January first, as Intl writes them in a date with `month: 'short'` and `month: 'long'`. */
  months: readonly string[];
  longMonths: readonly string[];
  /** "{d} {m} {y}" for a day, "{m} {y}" for a month, as Intl orders them, short and long. */
  day: string;
  month: string;
  longDay: string;
  longMonth: string;
}

export const LOCALE_TABLES: Readonly<Record<string, LocaleTable>> = {
  'en-GB': {
    group: ',',
    decimal: '.',
    minus: '-',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
    longMonths: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    day: '{d} {m} {y}',
    month: '{m} {y}',
    longDay: '{d} {m} {y}',
    longMonth: '{m} {y}',
  },
  'es-PE': {
    group: ',',
    decimal: '.',
    minus: '-',
    months: ['ene.', 'feb.', 'mar.', 'abr.', 'may.', 'jun.', 'jul.', 'ago.', 'set.', 'oct.', 'nov.', 'dic.'],
    longMonths: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'],
    day: '{d} {m} {y}',
    month: '{m} {y}',
    longDay: '{d} de {m} de {y}',
    longMonth: '{m} de {y}',
  },
};

const intlNumbers = new Map<string, Intl.NumberFormat>();
function viaIntl(n: number, tag: string, minDigits: number, maxDigits: number): string {
  const key = `${tag}|${minDigits}|${maxDigits}`;
  let f = intlNumbers.get(key);
  if (!f) intlNumbers.set(key, (f = new Intl.NumberFormat(tag, { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits })));
  return f.format(n);
}

/** Adds one to a string of decimal digits ("199" -> "200", "99" -> "100"). */
function increment(digits: string): string {
  const d = digits.split('');
  let i = d.length - 1;
  for (; i >= 0; i--) {
    if (d[i] === '9') d[i] = '0';
    else {
      d[i] = String(Number(d[i]) + 1);
      break;
    }
  }
  return i < 0 ? `1${d.join('')}` : d.join('');
}

/**
 * `n` with `minDigits` to `maxDigits` decimals, grouped, as
 * `new Intl.NumberFormat(tag, { minimumFractionDigits, maximumFractionDigits }).format(n)`
 * writes it: the shortest decimal that reads back as `n`, rounded half away
 * from zero, trailing zeros dropped down to `minDigits`.
 */
export function formatDecimal(n: number, tag: string, minDigits: number, maxDigits: number): string {
  const t = LOCALE_TABLES[tag];
  const plain = String(Math.abs(n));
  if (!t || !Number.isFinite(n) || plain.includes('e')) return viaIntl(n, tag, minDigits, maxDigits);
  const [whole = '0', frac = ''] = plain.split('.');
  let digits = whole + frac.slice(0, maxDigits).padEnd(maxDigits, '0');
  if (frac.length > maxDigits && frac.charCodeAt(maxDigits) >= 53 /* '5' */) digits = increment(digits);
  let int = digits.slice(0, digits.length - maxDigits) || '0';
  let dec = digits.slice(digits.length - maxDigits);
  while (dec.length > minDigits && dec.endsWith('0')) dec = dec.slice(0, -1);
  int = int.replace(/^0+(?=\d)/, '');
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, t.group);
  const sign = n < 0 || Object.is(n, -0) ? t.minus : '';
  return sign + grouped + (dec ? t.decimal + dec : '');
}

/** An ISO date (YYYY-MM-DD) at day or month precision, as Intl's `{ day: 'numeric', month: style, year: 'numeric' }` (UTC) writes it. */
export function formatShortDate(iso: string, precision: 'day' | 'month', tag: string, style: 'short' | 'long' = 'short'): string {
  const [y, m = 1, d = 1] = iso.split('-').map(Number) as [number, number?, number?];
  const t = LOCALE_TABLES[tag];
  if (!t) {
    const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', month: style };
    if (precision === 'day') opts.day = 'numeric';
    return new Intl.DateTimeFormat(tag, opts).format(new Date(Date.UTC(y, m - 1, d)));
  }
  const long = style === 'long';
  const vars: Record<string, string> = { d: String(d), m: (long ? t.longMonths : t.months)[m - 1] ?? '', y: String(y) };
  const pattern = long ? (precision === 'day' ? t.longDay : t.longMonth) : t[precision];
  return pattern.replace(/\{(\w)\}/g, (_, k: string) => vars[k] ?? '');
}
