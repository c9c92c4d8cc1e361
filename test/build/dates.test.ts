/**
 * Dated, not stale: every dated event in the data is compared with the story's
 * `updated` date (content/site.json), and every sentence in the content that
 * mentions the event (by its date written out, or by its fact id in `<V id>`)
 * must be worded for the right side of that date. A past event may not be
 * "scheduled", "upcoming" or happening "this year"; a future one may not have
 * "taken place". Reads content/ only, so it needs no build.
 *
 * Events come from facts.csv (rows whose value is an ISO date, YYYY-MM or
 * YYYY-MM-DD, or whose unit is `year`), milestones.csv and project-timelines.csv.
 * Passages are MDX prose (front matter included), every text field of
 * figures.yaml, and the label/note/finding/status fields of the data CSVs.
 * corrections.csv and sources.csv are left out on purpose: the corrections log
 * quotes what the page used to say, and headlines are historical.
 *
 * Both editions: the Spanish copy (content/chapters/es, pages/es, figures.es.*.yaml,
 * data/es/*.csv) is read with Spanish wording and Spanish dates ("18 y 19 de
 * noviembre de 2026"), its facts shown as the Spanish page shows them.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseCsv } from '../../src/lib/csv';
import { factDisplay } from '../../src/lib/i18n/facts';

export type Lang = 'en' | 'es';

export type Precision = 'day' | 'month' | 'year';
export interface DatedEvent {
  /** Where it comes from, e.g. "facts.csv:apec-2026-dates". */
  ref: string;
  /** ISO start of the event (YYYY-MM-DD; month and year precision start on the 1st). */
  date: string;
  precision: Precision;
  /** A `<V id>` fact id that stands for this event in prose, if any. */
  factId?: string;
  /** Text bound to the event itself (a milestone's label and note), checked whatever it says. */
  ownText?: string[];
  /** Last day of a multi-day event such as "18–19 November 2026" (defaults to the end of the period). */
  endDate?: string;
}
export interface Passage {
  /** File and field, for the error message. */
  where: string;
  text: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Spanish months as es-PE writes them (setiembre, set.), and as Spain does (septiembre, sept.). */
const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'];
const MES_RE = ['enero|ene', 'febrero|feb', 'marzo|mar', 'abril|abr', 'mayo|may', 'junio|jun', 'julio|jul', 'agosto|ago', 'se(?:p)?tiembre|sept?|set', 'octubre|oct', 'noviembre|nov', 'diciembre|dic'];

/** Wording that puts an event in the future or the present: wrong for an event that is over. */
const FUTURE_WORDING =
  /\b(scheduled|will (?:be held|host|take place|meet|open|be hosted|run)|is (?:being )?hosted|is to be held|upcoming|this year(?:'s)?|today|so far|next (?:month|week|year)|(?:is|are) due (?:to|on|in)|(?:is|are) set to|(?:is|are) expected to (?:be held|take place|open|meet))\b/i;
/** Wording that puts an event in the past: wrong for an event that has not happened. */
const PAST_WORDING = /\b(was held|were held|took place|has (?:already )?(?:opened|happened|taken place)|already happened|came and went|was completed|was inaugurated|began operating|came into service)\b/i;
/** Relative dates rot wherever they stand: the reader cannot tell which year "this year" was. */
const ROTTING = /\b(this year(?:'s)?|last year(?:'s)?|next year(?:'s)?)\b/i;
/** A hard-coded "today (27 Nov 2026)" or "as of 27 Nov 2026" must be the updated date. */
const HARD_TODAY = /\b(?:today|as of)\s*\(?\s*(\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4})/gi;

/** The same rules in Spanish (\b does not see accented letters as word letters: words are bounded by hand). */
const W = (alts: string) => new RegExp(`(?<![\\p{L}])(?:${alts})(?![\\p{L}])`, 'iu');
const FUTURE_WORDING_ES = W(
  'programad[oa]s?|se (?:celebrará|realizará|reunirá|reunirán|inaugurará|abrirá)|tendrá lugar|será (?:la )?sede|está previst[oa]|están previst[oa]s|próxim[oa]s? (?:mes|semana|año)|este año|hoy|hasta ahora',
);
const PAST_WORDING_ES = W('se celebró|se realizó|tuvo lugar|ya (?:se )?(?:abrió|inauguró|ocurrió|celebró)|fue inaugurad[oa]|se inauguró|empezó a operar|entró en (?:servicio|operación)|se completó');
const ROTTING_ES = W('este año|el año pasado|el (?:próximo año|año próximo|año que viene)');
const HARD_TODAY_ES = /(?<![\p{L}])(?:hoy|a la fecha)\s*\(?\s*(\d{1,2}\s+de\s+\p{L}+\s+de\s+\d{4})/giu;

const WORDING: Record<Lang, { future: RegExp; past: RegExp; rotting: RegExp; today: RegExp }> = {
  en: { future: FUTURE_WORDING, past: PAST_WORDING, rotting: ROTTING, today: HARD_TODAY },
  es: { future: FUTURE_WORDING_ES, past: PAST_WORDING_ES, rotting: ROTTING_ES, today: HARD_TODAY_ES },
};
/** A written-out date ("2 Dec 2026", "2 de diciembre de 2026") as ISO, or undefined. */
function parseShown(d: string, lang: Lang): string | undefined {
  if (lang === 'es') {
    const m = /^(\d{1,2})\s+de\s+(\p{L}+)\s+de\s+(\d{4})$/u.exec(d);
    const month = m ? MESES.indexOf(m[2]!.toLowerCase().replace(/^septiembre$/, 'setiembre')) : -1;
    return m && month >= 0 ? iso(Number(m[3]), month + 1, Number(m[1])) : undefined;
  }
  const parsed = new Date(`${d} UTC`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().slice(0, 10);
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
/** First and last day covered by the event. */
export function period(e: DatedEvent): [string, string] {
  const [y, m = 1, d = 1] = e.date.split('-').map(Number) as [number, number?, number?];
  if (e.precision === 'year') return [iso(y, 1, 1), iso(y, 12, 31)];
  if (e.precision === 'month') return [iso(y, m!, 1), e.endDate ?? iso(y, m!, lastDay(y, m!))];
  return [iso(y, m!, d!), e.endDate ?? iso(y, m!, d!)];
}
/** past: over before `updated`; future: starts after it; current: `updated` falls inside it. */
export function tense(e: DatedEvent, updated: string): 'past' | 'future' | 'current' {
  const [start, end] = period(e);
  if (end < updated) return 'past';
  if (start > updated) return 'future';
  return 'current';
}

/** The ways an event's date is written out in copy ("18 November 2026", "18–19 Nov 2026", "November 2026"…). */
export function datePatterns(e: DatedEvent, lang: Lang = 'en'): RegExp[] {
  if (e.precision === 'year') return []; // a bare year matches too much; year events are found by fact id
  const [y, m, d] = e.date.split('-').map(Number) as [number, number, number];
  if (lang === 'es') {
    // "noviembre de 2026"; "18 de noviembre de 2026", "18 y 19 de noviembre", "18–19 de nov. de 2026"; the ISO date.
    const mesRe = `(?:${MES_RE[m - 1]!})(?![\\p{L}])\\.?`;
    if (e.precision === 'month') return [new RegExp(`(?<![\\p{L}])${mesRe}\\s+de\\s+${y}\\b`, 'iu'), new RegExp(`\\b${y}-${String(m).padStart(2, '0')}\\b`)];
    return [new RegExp(`\\b${d}(?:\\s*(?:[–-]|y|al)\\s*\\d{1,2})?\\s+de\\s+${mesRe}(?:\\s+de\\s+${y}\\b|(?![\\s\\p{L}]*\\d{4}))`, 'iu'), new RegExp(`\\b${e.date}\\b`)];
  }
  const month = MONTHS[m - 1]!;
  const mon = month.slice(0, 3);
  const monthRe = `(?:${month}|${mon}\\b\\.?)`;
  if (e.precision === 'month') return [new RegExp(`\\b${monthRe}\\s+${y}\\b`), new RegExp(`\\b${y}-${String(m).padStart(2, '0')}\\b`)];
  return [
    new RegExp(`\\b${d}(?:\\s*[–-]\\s*\\d{1,2})?\\s+${monthRe}(?:\\s+${y}\\b|(?![\\s\\d]*\\d{4}))`),
    new RegExp(`\\b${monthRe}\\s+${d}(?:\\s*[–-]\\s*\\d{1,2})?,?\\s+${y}\\b`),
    new RegExp(`\\b${e.date}\\b`),
  ];
}

/** Sentences, then clauses: a past date and a future plan in one sentence ("awarded in February 2024; operation is expected about 2031") are judged apart. */
export function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡«*"“(<])|\n+/)
    .flatMap((s) => s.split(/;|\s[—–]\s/))
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface Problem {
  where: string;
  event: string;
  text: string;
  why: string;
}

/**
 * The checker. Pure: events, passages and the `updated` date in, a list of problems out.
 * `facts` maps a fact id to its display text, so `<V id>` reads as the page reads.
 */
export function checkDates(events: DatedEvent[], passages: Passage[], updated: string, facts: Map<string, string> = new Map(), lang: Lang = 'en'): Problem[] {
  const problems: Problem[] = [];
  const words = WORDING[lang];
  const judge = (e: DatedEvent, where: string, clause: string) => {
    const t = tense(e, updated);
    const shown = clause.replace(/<V id="([^"]+)"\s*\/>/g, (_, id: string) => facts.get(id) ?? id);
    if (t === 'past') {
      const m = words.future.exec(shown);
      if (m) problems.push({ where, event: e.ref, text: shown, why: `"${m[0]}" about an event that was over before ${updated} (${period(e)[1]})` });
    } else if (t === 'future') {
      const m = words.past.exec(shown);
      if (m) problems.push({ where, event: e.ref, text: shown, why: `"${m[0]}" about an event that has not happened by ${updated} (${period(e)[0]})` });
    }
  };
  for (const e of events) {
    for (const t of e.ownText ?? []) for (const c of clauses(t)) judge(e, e.ref, c);
    const patterns = datePatterns(e, lang);
    for (const p of passages) {
      for (const c of clauses(p.text)) {
        // Within a clause, judge the comma-separated phrase that mentions the event and its neighbours,
        // so a long list ("…opened in November 2024, …, to today and the targets of 2028") is not read as one claim.
        const parts = c.split(/,\s+/);
        parts.forEach((part, i) => {
          const byId = e.factId !== undefined && part.includes(`<V id="${e.factId}"`);
          const shown = part.replace(/<V id="([^"]+)"\s*\/>/g, (_, id: string) => facts.get(id) ?? id);
          const byDate = patterns.some((re) => re.test(shown));
          if (byId || byDate) judge(e, p.where, parts.slice(Math.max(0, i - 1), i + 2).join(', '));
        });
      }
    }
  }
  for (const p of passages) {
    for (const c of clauses(p.text)) {
      const m = words.rotting.exec(c);
      if (m) problems.push({ where: p.where, event: '-', text: c, why: `"${m[0]}" goes stale: write the year` });
      for (const [, d] of c.matchAll(words.today)) {
        if (parseShown(d!, lang) !== updated) {
          problems.push({ where: p.where, event: '-', text: c, why: `hard-coded "today" date ${d}: take it from content/site.json (${updated})` });
        }
      }
    }
  }
  // One entry per place and text, even when several events point at it.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.where}|${p.text}|${p.why}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------- reading the real content ----------

function rows(file: string): Record<string, string>[] {
  return parseCsv(readFileSync(file, 'utf8'), file).rows.map((r) => r.values as Record<string, string>);
}

const ISO = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** Multi-day events written "18–19 November 2026" end on the last day. */
function endFromDisplay(display: string, date: string): string | undefined {
  const m = /^(\d{1,2})\s*[–-]\s*(\d{1,2})\s+[A-Z]/.exec(display);
  if (!m) return undefined;
  return `${date.slice(0, 8)}${m[2]!.padStart(2, '0')}`;
}

/** A Spanish data file's text columns by id (content/data/es/<file>), merged over the English row. */
function esText(dir: string, file: string): Map<string, Record<string, string>> {
  return new Map(rows(path.join(dir, 'es', file)).map((r) => [String(r['id']), r]));
}

export function loadEvents(dir = 'content/data', lang: Lang = 'en'): DatedEvent[] {
  const events: DatedEvent[] = [];
  for (const r of rows(path.join(dir, 'facts.csv'))) {
    const v = String(r['value'] ?? '');
    const m = ISO.exec(v);
    if (m) {
      const precision: Precision = m[3] ? 'day' : 'month';
      const date = m[3] ? v : `${v}-01`;
      events.push({ ref: `facts.csv:${r['id']}`, date, precision, factId: r['id'], endDate: m[3] ? endFromDisplay(String(r['display']), v) : undefined });
    } else if (r['unit'] === 'year' && /^\d{4}$/.test(v)) {
      events.push({ ref: `facts.csv:${r['id']}`, date: `${v}-01-01`, precision: 'year', factId: r['id'] });
    }
  }
  for (const [file, textCols] of [
    ['milestones.csv', ['label', 'note']],
    ['project-timelines.csv', ['event', 'note']],
  ] as const) {
    const es = lang === 'es' ? esText(dir, file) : undefined;
    for (const en of rows(path.join(dir, file))) {
      const r = { ...en, ...(es?.get(String(en['id'])) ?? {}) };
      const precision = (r['precision'] as Precision) || 'day';
      events.push({
        ref: `${file}:${r['id']}`,
        date: String(r['date']),
        precision,
        ownText: textCols.map((c) => String(r[c] ?? '')).filter(Boolean),
      });
    }
  }
  return events;
}

/** Every string under a YAML value, with its path. */
function strings(v: unknown, at: string, out: Passage[]): void {
  if (typeof v === 'string') out.push({ where: at, text: v });
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${at}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'asOf') strings(x, `${at}.${k}`, out);
}

export function loadPassages(root = 'content', lang: Lang = 'en'): Passage[] {
  const out: Passage[] = [];
  const ed = (sub: string) => (lang === 'en' ? sub : path.join(sub, lang));
  for (const sub of [ed('chapters'), ed('pages')]) {
    for (const f of readdirSync(path.join(root, sub)).filter((f) => f.endsWith('.mdx'))) {
      const file = path.join(root, sub, f);
      const src = readFileSync(file, 'utf8')
        .replace(/^import .*$/gm, '')
        // Component props are not copy (a step's `shows` is: it becomes a sentence), but a figure's <V id> stays, so the
        // checker can read it as the page shows it (stripping every id="…" hid every figure from the by-id check).
        .replace(/<V id="[^"]*"\s*\/>|\b(?:shows|sources|figure|id|caption|kind)="[^"]*"/g, (a) => (a.startsWith('<V') ? a : a.startsWith('shows=') ? `. ${a.slice(7, -1)}.` : ''));
      out.push({ where: file, text: src });
    }
  }
  const figureFiles = lang === 'en' ? ['figures.yaml'] : readdirSync(root).filter((f) => f.startsWith(`figures.${lang}.`) && f.endsWith('.yaml'));
  for (const file of figureFiles) {
    const figures = parse(readFileSync(path.join(root, file), 'utf8')) as { id: string }[];
    for (const f of figures) strings(f, `${file}:${f.id}`, out);
  }
  const textCols = ['label', 'note', 'finding', 'status', 'event', 'concern', 'feature', 'china', 'us', 'station'];
  const data = lang === 'en' ? path.join(root, 'data') : path.join(root, 'data', lang);
  for (const f of readdirSync(data).filter((f) => f.endsWith('.csv') && !['corrections.csv', 'sources.csv', 'glossary.csv', 'facts.csv'].includes(f))) {
    for (const r of rows(path.join(data, f))) {
      for (const c of textCols) if (r[c]) out.push({ where: `${lang === 'en' ? '' : `${lang}/`}${f}:${r['id'] ?? '?'}.${c}`, text: String(r[c]) });
    }
  }
  return out;
}

// ---------- the tests ----------

const site = JSON.parse(readFileSync('content/site.json', 'utf8')) as { updated: string };
const facts = new Map(rows('content/data/facts.csv').map((r) => [String(r['id']), String(r['display'])]));
/** The Spanish page's figures: content/data/es/facts.csv's templates filled from the English rows, as the build does. */
const enFacts = new Map(rows('content/data/facts.csv').map((r) => [String(r['id']), r]));
const factsEs = new Map(
  rows('content/data/es/facts.csv').map((r) => {
    const en = enFacts.get(String(r['id']))!;
    return [String(r['id']), factDisplay(String(r['display']), { id: String(en['id']), display: String(en['display']), value: en['value'], unit: en['unit'] }, 'es')];
  }),
);

describe('dated copy against the updated date', () => {
  it('reads the updated date and a set of dated events from the data', () => {
    expect(site.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const events = loadEvents();
    // The summit that is now past must be among them, with its two days.
    const apec = events.find((e) => e.ref === 'facts.csv:apec-2026-dates');
    expect(apec, 'facts.csv has apec-2026-dates').toBeDefined();
    expect(period(apec!)).toEqual(['2026-11-18', '2026-11-19']);
    expect(events.filter((e) => e.ref.startsWith('milestones.csv')).length).toBeGreaterThan(3);
  });

  it('no copy words a past event as future, or a future one as past', () => {
    // The prose quotes dates only through <V id>: the passages must keep them, or the check could not fail on prose.
    expect(loadPassages().some((p) => p.text.includes('<V id="apec-2026-dates" />'))).toBe(true);
    const problems = checkDates(loadEvents(), loadPassages(), site.updated, facts);
    expect(problems.map((p) => `${p.where} [${p.event}]: ${p.why}\n    “${p.text}”`)).toEqual([]);
  });

  it('nor does the Spanish edition (its copy, its figures as the page shows them, its milestone labels)', () => {
    const passages = loadPassages('content', 'es');
    // It reads what it should: every Spanish chapter, the figures' Spanish copy and the data files' Spanish text.
    expect(passages.filter((p) => p.where.includes(`chapters${path.sep}es`)).length).toBeGreaterThanOrEqual(5);
    expect(passages.some((p) => p.where.startsWith('figures.es.'))).toBe(true);
    expect(passages.some((p) => p.where.startsWith('es/milestones.csv'))).toBe(true);
    expect(factsEs.get('apec-2026-dates')).toMatch(/noviembre de 2026/);
    expect(passages.some((p) => p.text.includes('<V id="apec-2026-dates" />'))).toBe(true);
    const problems = checkDates(loadEvents('content/data', 'es'), passages, site.updated, factsEs, 'es');
    expect(problems.map((p) => `${p.where} [${p.event}]: ${p.why}\n    “${p.text}”`)).toEqual([]);
  });
});

describe('the checker itself', () => {
  const apec: DatedEvent = { ref: 'sample:apec', date: '2026-11-18', endDate: '2026-11-19', precision: 'day', factId: 'apec-2026-dates' };
  const rail: DatedEvent = { ref: 'sample:rail', date: '2028-01-01', precision: 'year', factId: 'powerchina-year' };
  const sampleFacts = new Map([
    ['apec-2026-dates', '18–19 November 2026'],
    ['powerchina-year', '2028'],
  ]);

  it('fails on a past summit written as scheduled, by date or by fact id', () => {
    const byDate = checkDates([apec], [{ where: 'bad.mdx', text: 'APEC 2026 is scheduled for 18–19 November 2026 in Shenzhen.' }], '2026-12-02');
    expect(byDate).toHaveLength(1);
    expect(byDate[0]!.why).toMatch(/scheduled/);
    const byId = checkDates([apec], [{ where: 'bad.mdx', text: 'Leaders will meet in Shenzhen on <V id="apec-2026-dates" />.' }], '2026-12-02', sampleFacts);
    expect(byId.map((p) => p.why)).toEqual([expect.stringMatching(/will meet/)]);
    const hosted = checkDates([apec], [{ where: 'bad.mdx', text: 'APEC in 2026 is hosted by China, on 18–19 Nov 2026.' }], '2026-12-02');
    expect(hosted).toHaveLength(1);
  });

  it('passes the same summit written as past, and the same wording before the date', () => {
    const good = checkDates([apec], [{ where: 'good.mdx', text: 'Leaders met in Shenzhen on 18–19 November 2026. Our sources stop before that meeting.' }], '2026-12-02');
    expect(good).toEqual([]);
    const before = checkDates([apec], [{ where: 'old.mdx', text: 'APEC 2026 is scheduled for 18–19 November 2026.' }], '2026-11-01');
    expect(before).toEqual([]);
  });

  it('fails on a future target written as done', () => {
    const bad = checkDates([rail], [{ where: 'bad.mdx', text: 'The line took place in <V id="powerchina-year" />.' }, { where: 'ok.mdx', text: 'It is meant to run from <V id="powerchina-year" />.' }], '2026-12-02', sampleFacts);
    expect(bad.map((p) => p.where)).toEqual(['bad.mdx']);
  });

  it('judges the phrase around a mention, not a whole list', () => {
    const lima: DatedEvent = { ref: 'sample:lima', date: '2024-11-01', precision: 'month' };
    const list = 'A timeline from the deal, the opening during APEC Lima in November 2024, the first ship, the next summits, to today and the targets of 2028.';
    expect(checkDates([lima], [{ where: 'alt', text: list }], '2026-12-02')).toEqual([]);
    const near = 'APEC Lima, in November 2024, is scheduled to open the port.';
    expect(checkDates([lima], [{ where: 'bad', text: near }], '2026-12-02')).toHaveLength(1);
  });

  it('judges clauses apart, so a past date and a future plan can share a sentence', () => {
    const study: DatedEvent = { ref: 'sample:study', date: '2024-02-01', precision: 'month' };
    const ok = checkDates([study], [{ where: 'ok.mdx', text: 'Its study was awarded in February 2024; operation is scheduled for about 2031.' }], '2026-12-02');
    expect(ok).toEqual([]);
  });

  it('fails on a milestone whose own label is stale, on rotting relative dates, and on a hard-coded today', () => {
    const m: DatedEvent = { ref: 'milestones.csv:apec-shenzhen', date: '2026-11-18', precision: 'day', ownText: ["APEC 2026 Leaders' Meeting: Shenzhen (China) — scheduled 18–19 Nov"] };
    expect(checkDates([m], [], '2026-12-02').map((p) => p.event)).toEqual(['milestones.csv:apec-shenzhen']);
    const rot = checkDates([], [{ where: 'dek', text: "This year's summit was held in China." }], '2026-12-02');
    expect(rot.map((p) => p.why)).toEqual([expect.stringMatching(/write the year/)]);
    const today = checkDates([], [{ where: 'figures.yaml', text: 'then today (27 Nov 2026).' }, { where: 'fine', text: 'today (2 Dec 2026)' }], '2026-12-02');
    expect(today.map((p) => p.where)).toEqual(['figures.yaml']);
  });

  it('in Spanish: fails on a past summit written as scheduled or as to come, passes it written as past, and fails on a stale relative date', () => {
    const bad = [
      { where: 'a.mdx', text: 'La Reunión de Líderes del APEC está programada para el 18 y 19 de noviembre de 2026 en Shenzhen.' },
      { where: 'b.mdx', text: 'Los líderes se reunirán en Shenzhen el <V id="apec-2026-dates" />.' },
      { where: 'c.mdx', text: 'El APEC de 2026 se celebrará en China, el 18–19 de nov. de 2026.' },
    ];
    const esFacts = new Map([['apec-2026-dates', '18 y 19 de noviembre de 2026']]);
    expect(checkDates([apec], bad, '2026-12-02', esFacts, 'es').map((p) => p.where)).toEqual(['a.mdx', 'b.mdx', 'c.mdx']);
    const good = checkDates([apec], [{ where: 'ok.mdx', text: 'Los líderes se reunieron en Shenzhen el 18 y 19 de noviembre de 2026. Nuestras fuentes terminan antes.' }], '2026-12-02', esFacts, 'es');
    expect(good).toEqual([]);
    expect(checkDates([apec], [bad[0]!], '2026-11-01', esFacts, 'es')).toEqual([]);
    const done = checkDates([rail], [{ where: 'd.mdx', text: 'La línea entró en operación en <V id="powerchina-year" />.' }], '2026-12-02', sampleFacts, 'es');
    expect(done.map((p) => p.where)).toEqual(['d.mdx']);
    const rot = checkDates([], [{ where: 'dek', text: 'La cumbre de este año se celebró en China.' }, { where: 'hoy', text: 'hasta hoy (27 de noviembre de 2026).' }], '2026-12-02', new Map(), 'es');
    expect(rot.map((p) => p.where)).toEqual(['dek', 'hoy']);
    const [byDay, byIso] = datePatterns({ ref: 'x', date: '2024-11-14', precision: 'day' }, 'es');
    expect(byDay!.test('se inauguró el 14 de noviembre de 2024')).toBe(true);
    expect(byDay!.test('el 14 de noviembre de 2025')).toBe(false);
    // es-PE writes setiembre (Intl, src/lib/locale-format.ts); Spain's septiembre is read too.
    const [sep] = datePatterns({ ref: 'y', date: '2025-09-25', precision: 'day' }, 'es');
    expect(['el 25 de setiembre de 2025', 'el 25 de septiembre de 2025', 'el 25 de set. de 2025'].map((t) => sep!.test(t))).toEqual([true, true, true]);
    expect(datePatterns({ ref: 'z', date: '2025-05-01', precision: 'month' }, 'es')[0]!.test('la mayoría de 2025')).toBe(false);
    expect(byIso!.test('2024-11-14')).toBe(true);
  });

  it('finds the real content’s dated events by date text as well as by id', () => {
    const e: DatedEvent = { ref: 'x', date: '2024-11-14', precision: 'day' };
    const [p1, p2, p3] = datePatterns(e);
    expect(p1!.test('opened on 14 November 2024')).toBe(true);
    expect(p2!.test('on November 14, 2024')).toBe(true);
    expect(p3!.test('date 2024-11-14')).toBe(true);
    expect(p1!.test('on 14 November 2025')).toBe(false);
  });
});
