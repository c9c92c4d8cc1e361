/**
 * A fact's display in another edition, from the English row (issue 16: no
 * number typed twice). content/data/<locale>/facts.csv holds words only: its
 * `display` is a template whose figures are placeholders filled from the
 * English file, formatted with the edition's Intl tag (es-PE):
 *
 *   {1}, {2} …     the English display's 1st, 2nd … number, as shown there (same
 *                  decimals; a number the English display writes without a
 *                  thousands separator, a year, stays without one)
 *   {1:usd}        that number as money in the edition's form (content/ui
 *                  `unit.usd_*`): "US$4 billion" -> "US$4,000 millones",
 *                  "US$813 million" -> "US$813 millones"
 *   {1:mill}       that number in millions, bare ("US$3.0–3.6 billion" ->
 *                  {1:mill}–{2:mill} -> "3,000–3,600")
 *   {date} {month} the English value (an ISO date) as a day or a month:
 *                  "14 de noviembre de 2024", "noviembre de 2024"
 *
 * A scale word after an English number ("billion", "million") says what it
 * counts. A digit anywhere else in a translated display is refused (file, id):
 * figures come from the English file only. Pure: the build and tests use it.
 */
import { formatNumber, usdVars } from '../text';
import { ui, localeTag, type Locale } from '../ui';

/** A number as the English display shows it, with the scale word that follows it. */
export interface ShownNumber {
  /** The value as written ("4,783" -> 4783). */
  n: number;
  /** Decimals as written ("3.0" -> 1). */
  decimals: number;
  /** Written with a thousands separator ("4,783"), or not (a year, "2024"). */
  grouped: boolean;
  /** What a unit of it is: 1e9 after "billion", 1e6 after "million", else 1. */
  scale: number;
}

const NUMBER = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/g;

/** The numbers of an English display in order, each with its scale word (the first "billion"/"million" after it). */
export function shownNumbers(display: string): ShownNumber[] {
  return [...display.matchAll(NUMBER)].map((m) => {
    const after = display.slice(m.index! + m[0].length);
    // Right after the number, or after the range it starts ("US$3.0–3.6 billion").
    const word = /^(?:\s*[–-]\s*\d[\d,]*(?:\.\d+)?)?\s+(billion|million)\b/.exec(after)?.[1];
    return {
      n: Number(m[0].replace(/,/g, '')),
      decimals: m[2]?.length ?? 0,
      grouped: m[1]!.includes(','),
      scale: word === 'billion' ? 1e9 : word === 'million' ? 1e6 : 1,
    };
  });
}

export interface FactRow {
  id: string;
  display: string;
  value?: string | number | undefined;
  unit?: string | undefined;
}

const PLACEHOLDER = /\{(\d+|date|month)(?::(usd|mill))?\}/g;

/** The edition's display of a fact: `template` (the translation's display) filled from the English row. */
export function factDisplay(template: string, en: FactRow, locale: Locale, file = 'content/data/es/facts.csv'): string {
  const where = `${file}: fact "${en.id}"`;
  const bare = template.replace(PLACEHOLDER, '');
  if (/[{}]/.test(bare)) throw new Error(`${where}: display "${template}" has an unknown placeholder (known: {N}, {N:usd}, {N:mill}, {date}, {month})`);
  if (/\d/.test(bare)) throw new Error(`${where}: display "${template}" types a figure: write {1}, {1:usd}, {date}… (the English display's numbers, formatted for the edition), never the number itself`);
  const nums = shownNumbers(en.display);
  const tag = localeTag(locale);
  return template.replace(PLACEHOLDER, (m, what: string, fmt?: string) => {
    if (what === 'date' || what === 'month') {
      if (fmt) throw new Error(`${where}: ${m}: a date takes no format`);
      const iso = String(en.value ?? '');
      const d = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
      if (!d) throw new Error(`${where}: ${m} needs an ISO date as the English value (found "${iso}")`);
      if (what === 'date' && !d[3]) throw new Error(`${where}: {date} needs a day in the English value (found "${iso}"): use {month}`);
      const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', month: 'long', ...(what === 'date' ? { day: 'numeric' } : {}) };
      return new Intl.DateTimeFormat(tag, opts).format(new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3] ?? 1))));
    }
    const k = Number(what);
    const x = nums[k - 1];
    if (!x) throw new Error(`${where}: ${m}: the English display "${en.display}" has ${nums.length} number(s)`);
    if (fmt === 'usd' || fmt === 'mill') {
      if (x.scale === 1) throw new Error(`${where}: ${m}: the English display's number ${k} ("${en.display}") is not in billions or millions`);
      const bn = (x.n * x.scale) / 1e9;
      // The English number's precision, in billions: "23.2 billion" is 1 decimal, "813 million" is 3.
      const digits = x.decimals + (x.scale === 1e6 ? 3 : 0);
      const v = usdVars(bn, locale, digits);
      if (fmt === 'mill') return v.m;
      return bn < 1 ? ui('unit.usd_m', { n: v.m }, locale) : ui('unit.usd_bn', v, locale);
    }
    if (!x.grouped) return new Intl.NumberFormat(tag, { useGrouping: false, minimumFractionDigits: x.decimals, maximumFractionDigits: x.decimals }).format(x.n);
    return formatNumber(x.n, locale, x.decimals);
  });
}
