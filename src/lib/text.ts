/**
 * Text helpers shared by the graphics: measuring, wrapping, dodging labels,
 * dates and amounts. Pure: no DOM, so the same layout runs at build time and
 * in the browser. Layout code measures text only through `measureText`, which
 * adds up the real glyph advances of the chart label font (Source Sans 3,
 * self-hosted, subset by scripts/fonts.mjs; the advance table is
 * src/lib/chart-font.json, generated from the same subset the browser
 * loads). Chart text is drawn without kerning or ligatures (global.css), so
 * the width drawn is exactly the sum of advances, at build time and in the
 * browser alike (ARCHITECTURE.md, "Text").
 * Dates, numbers and amounts are formatted in the locale passed in, as Intl
 * writes them, through src/lib/locale-format.ts (no Intl in the browser);
 * unit words come from content/ui/<locale>.json.
 */
import { ui, localeTag, type Locale } from './ui';
import chartFont from './chart-font.json';
import { formatDecimal, formatShortDate } from './locale-format';

/** How a label is set, beyond its size: what changes its width. */
export interface TextStyle {
  /** CSS font-weight; 600 and up is drawn with the bold face (the CSS maps 600-900 to the one bold file). */
  weight?: number;
  /** CSS letter-spacing in em, added after every character. */
  letterSpacing?: number;
  /** CSS text-transform: uppercase. */
  uppercase?: boolean;
}

type Face = Map<string, number>;
const faceOf = (f: { chars: string; advances: number[] }): Face => {
  const m: Face = new Map();
  [...f.chars].forEach((ch, i) => m.set(ch, f.advances[i]! / chartFont.unitsPerEm));
  return m;
};
const FACES = { regular: faceOf(chartFont.faces.regular), bold: faceOf(chartFont.faces.bold) };

/**
 * A character the chart font does not have (the subset has no ‰ or arrows) is
 * drawn by a system fallback font whose width we cannot know: counted as
 * 1.5 em, wider than such a glyph in common system fonts, so the layout
 * leaves it room (the browser test checks it is never drawn wider).
 */
export const MISSING_ADVANCE = 1.5;

/** The chart font's family name, as the stylesheet declares it. */
export const CHART_FONT_FAMILY = chartFont.family;

/** Width in px of `s` set at `fontSize` px in the chart label font: the one function layout code measures text with. */
export function measureText(s: string, fontSize: number, style: TextStyle = {}): number {
  const face = (style.weight ?? 400) >= 600 ? FACES.bold : FACES.regular;
  // As SVG and HTML draw it: runs of white space collapse to one space, none at the ends.
  const plain = s.replace(/\s+/g, ' ').trim();
  const text = style.uppercase ? plain.toUpperCase() : plain;
  let em = 0;
  let n = 0;
  for (const ch of text) {
    em += face.get(ch) ?? MISSING_ADVANCE;
    n++;
  }
  return (em + n * (style.letterSpacing ?? 0)) * fontSize;
}

/** The characters of `s` the chart font lacks (drawn in a fallback font): none, for every label in content (test/unit/chart-font.test.ts). */
export function missingGlyphs(s: string, style: TextStyle = {}): string[] {
  const face = (style.weight ?? 400) >= 600 ? FACES.bold : FACES.regular;
  return [...new Set([...s])].filter((ch) => !face.has(ch) && !/\s/.test(ch));
}

/**
 * A word that stays on the line of the number before it: a unit of one or two letters (m, km, bn, Mt) or a percent
 * sign, with any closing punctuation ("m)", "m,"); or a word that closes a phrase after the number ("millones)",
 * "millones;"). Wrapped between them, a label left "m)" alone on its last line ("… US$200" / "m)").
 */
const UNIT_AFTER_NUMBER = /^(?:(?:\p{L}{1,2}|%)[)\]}.,;:]*|\p{L}{1,8}[)\]},;:.]+)$/u;

/**
 * A word of one letter that a line should not end on: in Spanish the preposition and conjunctions a, e, o, u, y
 * ("… de Chancay a" / "Pucallpa"). The English ones this also catches ("a") read better kept with the next word too.
 * Matched at the end of what is already joined, so "y a Lima" stays together.
 */
const ONE_LETTER_WORD = /(?:^|\s)[aeouyAEOUY]$/;

/**
 * Greedy word wrap to `maxWidth` px, measured with `measureText`; a single over-long word keeps its own line.
 * A number keeps its short unit on its line (UNIT_AFTER_NUMBER), and a one-letter word (ONE_LETTER_WORD) goes to
 * the line of the word after it, when the two fit the width together.
 */
export function wrap(s: string, maxWidth: number, fontSize: number, style: TextStyle = {}): string[] {
  const words: string[] = [];
  const fits = (a: string, b: string) => measureText(`${a} ${b}`, fontSize, style) <= maxWidth;
  for (const w of s.split(/\s+/).filter(Boolean)) {
    const prev = words[words.length - 1];
    if (prev !== undefined && ((/\d$/.test(prev) && UNIT_AFTER_NUMBER.test(w)) || ONE_LETTER_WORD.test(prev)) && fits(prev, w)) words[words.length - 1] = `${prev} ${w}`;
    else words.push(w);
  }
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && measureText(next, fontSize, style) > maxWidth) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

export interface Span {
  /** Wanted top. */
  y: number;
  /** Height. */
  h: number;
}

/**
 * Push label boxes apart along one axis: sorted by wanted position, each
 * starts no earlier than the previous one's end plus `gap`. Returns the tops
 * in the input order. Never moves a label above its wanted position.
 */
export function dodge(spans: Span[], gap: number): number[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.y - spans[b]!.y);
  const out = new Array<number>(spans.length);
  let end = -Infinity;
  for (const i of order) {
    const top = Math.max(spans[i]!.y, end + gap);
    out[i] = top;
    end = top + spans[i]!.h;
  }
  return out;
}

/** Decimal year of an ISO date (YYYY-MM-DD), e.g. 2024-11-14 -> 2024.87. */
export function decimalYear(iso: string): number {
  const [y, m = 1, d = 1] = iso.split('-').map(Number) as [number, number?, number?];
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  return y + (Date.UTC(y, m - 1, d) - start) / (end - start);
}

/** Years between two ISO dates. */
export function yearsBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (365.2425 * 86400000);
}

export { localeTag };

/**
 * A date at the precision it is known, in the edition's language: "14 Nov 2024", "Nov 2024", "2021" in English
 * (a chart's label); `long` writes it as prose and tables do: "14 November 2024", "14 de noviembre de 2024".
 */
export function formatDate(iso: string, precision: 'day' | 'month' | 'year', locale: Locale, style: 'short' | 'long' = 'short'): string {
  if (precision === 'year') return String(Number(iso.slice(0, 4)));
  return formatShortDate(iso, precision, localeTag(locale), style);
}

/** The precision an ISO date is written at: "2018" a year, "2024-11" a month, "2026-06-07" a day (sources' dates). */
export function isoPrecision(iso: string): 'day' | 'month' | 'year' {
  if (/^\d{4}$/.test(iso)) return 'year';
  if (/^\d{4}-\d{2}$/.test(iso)) return 'month';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return 'day';
  throw new Error(`[formatDate] expected YYYY, YYYY-MM or YYYY-MM-DD, got "${iso}"`);
}

/** A number with the edition's grouping and decimal marks, at most `digits` decimals: "4,783". */
export function formatNumber(n: number, locale: Locale, digits = 0): string {
  return formatDecimal(n, localeTag(locale), 0, digits);
}

/** A number with exactly `digits` decimals in the edition's marks ("5.8", "6.0"): toFixed, through the locale. */
export function formatFixed(n: number, locale: Locale, digits: number): string {
  return formatDecimal(n, localeTag(locale), digits, digits);
}

/** Billions to show: whole from 10 up, else one decimal (a trailing .0 dropped). */
const bnDigits = (bn: number) => (bn >= 10 ? 0 : 1);
const roundTo = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The numbers a money template can use for an amount in US$ billions: `{n}` the
 * billions (at most `digits` decimals) and `{m}` the same amount in whole millions
 * (rounded to the same precision first: 23.156 at one decimal is 23.2, so 23,200).
 * English writes billions ("US$4.4 bn"); the Spanish edition writes millions, as
 * Peruvian papers do ("US$4,400 millones"). Which one an edition uses is its
 * content/ui strings' choice (`unit.usd_*`), never code's.
 */
export function usdVars(bn: number, locale: Locale, digits: number): { n: string; m: string } {
  return { n: formatNumber(bn, locale, digits), m: formatNumber(Math.round(roundTo(bn, digits) * 1000), locale) };
}

/** A bare amount in the edition's money unit, for an axis tick, a table cell or a sum (`unit.usd_amount`): "4.4" / "4,400". */
export function usdAmount(bn: number, locale: Locale, digits = 1): string {
  return ui('unit.usd_amount', usdVars(bn, locale, digits), locale);
}

/** "US$600 bn", "US$2.9 bn", "US$813 m"; "US$600,000 millones" in Spanish: the words come from content/ui (`unit.usd_bn`, `unit.usd_m`). */
export function formatUsd(bn: number, locale: Locale): string {
  if (bn < 1) return ui('unit.usd_m', { n: formatNumber(Math.round(bn * 1000), locale) }, locale);
  return ui('unit.usd_bn', usdVars(bn, locale, bnDigits(bn)), locale);
}

/** A range of billions, "US$14–14.3 bn" / "US$14,000–14,300 millones" (`unit.usd_bn_range`): one decimal kept at any size, so the ends never round together. */
export function formatUsdRange(low: number, high: number, locale: Locale): string {
  const l = usdVars(low, locale, 1);
  const h = usdVars(high, locale, 1);
  return ui('unit.usd_bn_range', { low: l.n, high: h.n, low_m: l.m, high_m: h.m }, locale);
}
