/**
 * Text helpers shared by the graphics: measuring, wrapping, dodging labels,
 * dates and amounts. Pure: no DOM, so the same layout runs at build time and
 * in the browser. Layout code measures text only through `measureText`.
 * Widths are still estimates from an average glyph width, deliberately
 * generous so labels never collide (real glyph advances: ARCHITECTURE.md, "Text").
 * Dates, numbers and amounts are formatted with Intl in the locale passed in;
 * unit words come from content/ui/<locale>.json.
 */
import { ui, type Locale } from './ui';

/** Average advance of Inter glyphs as a share of the font size, rounded up. */
export const CHAR_W = 0.6;

/** Estimated width of a string in px. */
export function textWidth(s: string, fontSize: number): number {
  return s.length * fontSize * CHAR_W;
}

/** Width of `s` set at `fontSize` px in the chart label font: the one interface layout code measures text through. */
export function measureText(s: string, fontSize: number): number {
  return textWidth(s, fontSize);
}

/** Greedy word wrap to `maxWidth` px; a single over-long word keeps its own line. */
export function wrap(s: string, maxWidth: number, fontSize: number): string[] {
  const words = s.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && textWidth(next, fontSize) > maxWidth) {
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

/** The BCP 47 tag Intl formats with for an edition (content/ui/<locale>.json, key `date.locale`, shared with the datelines). */
export function localeTag(locale: Locale): string {
  return ui('date.locale', {}, locale);
}

/** A date at the precision it is known, in the edition's language: "14 Nov 2024", "Nov 2024", "2021" in English. */
export function formatDate(iso: string, precision: 'day' | 'month' | 'year', locale: Locale): string {
  const [y, m = 1, d = 1] = iso.split('-').map(Number) as [number, number?, number?];
  if (precision === 'year') return String(y);
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', month: 'short' };
  if (precision === 'day') opts.day = 'numeric';
  return new Intl.DateTimeFormat(localeTag(locale), opts).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A number with the edition's grouping and decimal marks, at most `digits` decimals: "4,783". */
export function formatNumber(n: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(localeTag(locale), { maximumFractionDigits: digits }).format(n);
}

/** Billions to show: whole from 10 up, else one decimal (a trailing .0 dropped). */
const bnDigits = (bn: number) => (bn >= 10 ? 0 : 1);

/** "US$600 bn", "US$2.9 bn", "US$813 m": the unit words come from content/ui (`unit.usd_bn`, `unit.usd_m`). */
export function formatUsd(bn: number, locale: Locale): string {
  if (bn < 1) return ui('unit.usd_m', { n: formatNumber(Math.round(bn * 1000), locale) }, locale);
  return ui('unit.usd_bn', { n: formatNumber(bn, locale, bnDigits(bn)) }, locale);
}

/** A range of billions, "US$14–14.3 bn" (`unit.usd_bn_range`): one decimal kept at any size, so the ends never round together. */
export function formatUsdRange(low: number, high: number, locale: Locale): string {
  return ui('unit.usd_bn_range', { low: formatNumber(low, locale, 1), high: formatNumber(high, locale, 1) }, locale);
}

/**
 * Like `dodge`, but a crowd of labels spreads around its wanted positions
 * (up and down) instead of only downwards: overlapping labels are merged
 * into clusters centred on the mean of what they want, the least-squares
 * placement. No label starts above `min`. Returns tops in input order.
 */
export function dodgeCentred(spans: Span[], gap: number, min = -Infinity): number[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.y - spans[b]!.y);
  interface Cluster {
    members: number[];
    /** Offsets of members from the cluster top. */
    offsets: number[];
    h: number;
    top: number;
  }
  const place = (c: Cluster) => {
    const mean = c.members.reduce((s, m, k) => s + spans[m]!.y - c.offsets[k]!, 0) / c.members.length;
    c.top = Math.max(min, mean);
  };
  const stack: Cluster[] = [];
  for (const i of order) {
    let c: Cluster = { members: [i], offsets: [0], h: spans[i]!.h, top: 0 };
    place(c);
    // Merge with the previous cluster while they overlap.
    for (let prev = stack[stack.length - 1]; prev && prev.top + prev.h + gap > c.top; prev = stack[stack.length - 1]) {
      stack.pop();
      const shift = prev.h + gap;
      c = { members: [...prev.members, ...c.members], offsets: [...prev.offsets, ...c.offsets.map((o) => o + shift)], h: prev.h + gap + c.h, top: 0 };
      place(c);
    }
    stack.push(c);
  }
  const out = new Array<number>(spans.length);
  for (const c of stack) c.members.forEach((m, k) => (out[m] = c.top + c.offsets[k]!));
  return out;
}
