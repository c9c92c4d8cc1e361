/**
 * Checks over one built page's HTML for the story's dating, structured data,
 * corrections links and glossary links. Pure functions returning a list of
 * problems (empty = fine), so each can be fed a deliberately broken page to
 * prove it fails (test/build/story-pages.test.ts).
 */
import { parse, walkSync, ELEMENT_NODE, TEXT_NODE } from 'ultrahtml';

// ultrahtml's node shape, as far as these checks need it.
export interface El {
  type: number;
  name: string;
  attributes: Record<string, string>;
  children: El[];
  value: string;
  parent?: El;
}

export const parseHtml = (doc: string): El => parse(doc) as El;

export function all(root: El, pred: (e: El) => boolean): El[] {
  const out: El[] = [];
  walkSync(root as never, (n: unknown) => {
    const e = n as El;
    if (e.type === ELEMENT_NODE && pred(e)) out.push(e);
  });
  return out;
}
export function ancestors(e: El): El[] {
  const out: El[] = [];
  for (let p = e.parent; p; p = p.parent) out.push(p);
  return out;
}
export const attr = (e: El | undefined, name: string): string | undefined => e?.attributes?.[name];
export const hasClass = (e: El, c: string) => (attr(e, 'class') ?? '').split(/\s+/).includes(c);
export const byClass = (root: El, c: string) => all(root, (e) => hasClass(e, c));

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
export const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? m),
  );

/** Text content (entities decoded, white space squeezed). */
export function textOf(e: El): string {
  let s = '';
  walkSync(e as never, (n: unknown) => {
    const t = n as El;
    if (t.type === TEXT_NODE) s += t.value;
  });
  return decode(s).replace(/\s+/g, ' ').trim();
}

/** "27 November 2026" as a reader of `localeTag` expects it, computed independently of the site's code. */
export function humanDate(iso: string, localeTag: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(localeTag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

export interface Story {
  name: string;
  byline: string;
  published: string;
  updated: string;
}

/**
 * The byline-and-dateline under the page's <h1>: the desk byline, and
 * <time datetime> elements for `published` and `updated` whose visible text is
 * that date in the page's locale; nothing else dated in the line.
 */
export function datelineProblems(doc: string, story: Story, localeTag: string): string[] {
  const root = parseHtml(doc);
  const problems: string[] = [];
  const h1 = all(root, (e) => e.name === 'h1');
  if (h1.length !== 1) problems.push(`expected one <h1>, found ${h1.length}`);
  const lines = byClass(root, 'dateline');
  if (lines.length !== 1) return [...problems, `expected one .dateline, found ${lines.length}`];
  const line = lines[0]!;
  // It sits under the title: in the same header as the <h1>, after it.
  const header = line.parent;
  if (!header || !header.children.some((c) => c.name === 'h1')) problems.push('the dateline is not in the same header as the <h1>');
  const text = textOf(line);
  if (!text.includes(story.byline)) problems.push(`the dateline does not name the desk byline "${story.byline}": "${text}"`);
  // The story's dates; the corrections line (dates of changes) is checked separately.
  const times = all(line, (e) => e.name === 'time' && !ancestors(e).some((a) => hasClass(a, 'dateline__corrections')));
  const want = [story.published, ...(story.updated !== story.published ? [story.updated] : [])];
  const got = times.map((t) => attr(t, 'datetime') ?? '');
  if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`dateline <time datetime> values ${JSON.stringify(got)}, expected ${JSON.stringify(want)} (content/site.json)`);
  for (const t of times) {
    const iso = attr(t, 'datetime') ?? '';
    const shown = textOf(t);
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && shown !== humanDate(iso, localeTag)) problems.push(`<time datetime="${iso}"> shows "${shown}", expected "${humanDate(iso, localeTag)}"`);
  }
  if (!text.includes(humanDate(story.updated, localeTag))) problems.push(`the dateline does not show the updated date "${humanDate(story.updated, localeTag)}": "${text}"`);
  return problems;
}

/** Every JSON-LD block of the page, parsed; a block that does not parse is a problem. */
export function jsonLdBlocks(doc: string): { blocks: unknown[]; problems: string[] } {
  const blocks: unknown[] = [];
  const problems: string[] = [];
  for (const m of doc.matchAll(/<script\b[^>]*type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)) {
    const raw = m[1]!;
    if (/<\//.test(raw) || /<!--/.test(raw)) problems.push('JSON-LD contains an unescaped "</" or "<!--"');
    try {
      blocks.push(JSON.parse(raw));
    } catch (e) {
      problems.push(`JSON-LD does not parse: ${(e as Error).message}`);
    }
  }
  if (blocks.length === 0 && problems.length === 0) problems.push('no <script type="application/ld+json"> on the page');
  return { blocks, problems };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** NewsArticle objects, top-level or inside @graph. */
export function newsArticles(blocks: unknown[]): Obj[] {
  const out: Obj[] = [];
  for (const b of blocks) {
    const nodes = isObj(b) && Array.isArray(b['@graph']) ? (b['@graph'] as unknown[]) : [b];
    for (const n of nodes) if (isObj(n) && n['@type'] === 'NewsArticle') out.push(n);
  }
  return out;
}

/**
 * The page's NewsArticle: headline = the <h1>, description = the meta
 * description, dates from content/site.json, author and publisher named
 * organisations, mainEntityOfPage and url = the canonical link, inLanguage =
 * <html lang>, isPartOf the story.
 */
export function newsArticleProblems(doc: string, story: Story): string[] {
  const { blocks, problems } = jsonLdBlocks(doc);
  const articles = newsArticles(blocks);
  if (articles.length !== 1) return [...problems, `expected one NewsArticle in the JSON-LD, found ${articles.length}`];
  const a = articles[0]!;
  const root = parseHtml(doc);
  const canonical = attr(all(root, (e) => e.name === 'link' && attr(e, 'rel') === 'canonical')[0], 'href');
  const description = attr(all(root, (e) => e.name === 'meta' && attr(e, 'name') === 'description')[0], 'content');
  const lang = attr(all(root, (e) => e.name === 'html')[0], 'lang');
  const h1 = all(root, (e) => e.name === 'h1')[0];
  const expect = (field: string, got: unknown, want: unknown) => {
    if (got !== want) problems.push(`NewsArticle ${field} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  };
  if (a['@context'] !== undefined) expect('@context', a['@context'], 'https://schema.org');
  expect('headline', a['headline'], h1 ? textOf(h1) : undefined);
  expect('description', a['description'], description === undefined ? undefined : decode(description));
  expect('datePublished', a['datePublished'], story.published);
  expect('dateModified', a['dateModified'], story.updated);
  expect('inLanguage', a['inLanguage'], lang);
  expect('url', a['url'], canonical === undefined ? undefined : decode(canonical));
  const main = a['mainEntityOfPage'];
  expect('mainEntityOfPage @id', isObj(main) ? main['@id'] : main, canonical === undefined ? undefined : decode(canonical));
  const author = a['author'];
  if (!isObj(author) || author['name'] !== story.byline) problems.push(`NewsArticle author should be the desk "${story.byline}", got ${JSON.stringify(author)}`);
  const publisher = a['publisher'];
  const publisherNode = isObj(publisher) && publisher['name'] ? publisher : newsPublisher(blocks, publisher);
  if (!publisherNode || publisherNode['name'] !== story.name || publisherNode['@type'] !== 'Organization') problems.push(`NewsArticle publisher should be the organisation "${story.name}", got ${JSON.stringify(publisher)}`);
  if (typeof a['headline'] === 'string' && a['headline'].length > 110) problems.push('NewsArticle headline is longer than 110 characters');
  return problems;
}
/** A publisher given by reference ({"@id": …}) resolved in the page's @graph. */
function newsPublisher(blocks: unknown[], ref: unknown): Obj | undefined {
  if (!isObj(ref) || typeof ref['@id'] !== 'string') return undefined;
  for (const b of blocks) {
    const nodes = isObj(b) && Array.isArray(b['@graph']) ? (b['@graph'] as unknown[]) : [b];
    for (const n of nodes) if (isObj(n) && n['@id'] === ref['@id'] && n['name']) return n;
  }
  return undefined;
}

/** One glossary term as content/data/glossary.csv gives it. */
export interface Term {
  id: string;
  forms: string[];
}

/** Text that is not running prose, or is already a link: a term there is not a "use" to link. */
const NOT_PROSE_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'code', 'pre', 'kbd', 'samp', 'table', 'figure', 'figcaption', 'chancay-figure', 'comparison-table', 'svg', 'script', 'style', 'template', 'textarea', 'button', 'details', 'abbr', 'dfn']);
// Not prose: numbers, note labels, the print-only list of figures' sources (FactNotes) and the steps' picture descriptions (rendered from a Step prop, outside the MDX pipeline that links terms).
const NOT_PROSE_CLASSES = ['fact', 'note__kind', 'note__sources', 'fact-notes', 'step__shows'];
const HEADING = /^h[1-6]$/;

function termRegExp(forms: string[]): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const word = /[\p{L}\p{N}]/u;
  const alts = [...forms]
    .sort((a, b) => b.length - a.length)
    .map((f) => `${word.test(f[0]!) ? '(?<![\\p{L}\\p{N}])' : ''}${esc(f)}${word.test(f.at(-1)!) ? '(?![\\p{L}\\p{N}])' : ''}`);
  return new RegExp(alts.join('|'), 'u');
}

/**
 * Glossary links in a chapter page: for each term used in the chapter's prose
 * (<article class="prose">, outside headings, links, code, tables, figures and
 * <V> numbers), exactly one link to /glossary/#term-<id>, on its first use; no
 * link for a term the prose does not use; no glossary link inside a heading, a
 * link, a figure or a number; every link names a known term.
 */
export function glossaryLinkProblems(doc: string, terms: Term[]): string[] {
  const problems: string[] = [];
  const root = parseHtml(doc);
  const article = all(root, (e) => e.name === 'article' && hasClass(e, 'prose'))[0];
  if (!article) return ['no <article class="prose"> on the page'];
  const known = new Map(terms.map((t) => [t.id, t]));
  const glossHref = /^\/glossary\/#term-([a-z0-9-]+)$/;
  for (const a of all(root, (e) => e.name === 'a' && glossHref.test(attr(e, 'href') ?? ''))) {
    const id = glossHref.exec(attr(a, 'href')!)![1]!;
    if (!known.has(id)) problems.push(`link to unknown glossary term "${id}"`);
    const bad = ancestors(a).find((p) => HEADING.test(p.name) || p.name === 'a' || p.name === 'figure' || p.name === 'chancay-figure' || hasClass(p, 'fact'));
    if (bad) problems.push(`glossary link for "${id}" ("${textOf(a)}") is inside <${bad.name}${hasClass(bad, 'fact') ? ' class="fact"' : ''}>`);
  }
  // The chapter's prose as one string, with the position of each glossary link.
  let prose = '';
  const links: { id: string; at: number }[] = [];
  const walk = (e: El) => {
    for (const c of e.children ?? []) {
      if (c.type === TEXT_NODE) prose += decode(c.value);
      else if (c.type === ELEMENT_NODE) {
        const m = c.name === 'a' ? glossHref.exec(attr(c, 'href') ?? '') : null;
        if (m) {
          links.push({ id: m[1]!, at: prose.length });
          prose += textOf(c);
        } else if (!NOT_PROSE_TAGS.has(c.name) && !NOT_PROSE_CLASSES.some((k) => hasClass(c, k))) walk(c);
      }
    }
  };
  walk(article);
  if (prose.replace(/\s+/g, ' ').length < 200) problems.push(`only ${prose.length} characters of prose found: is the chapter's text still inside <article class="prose">?`);
  for (const t of terms) {
    const first = termRegExp(t.forms).exec(prose);
    const mine = links.filter((l) => l.id === t.id);
    if (!first) {
      if (mine.length) problems.push(`"${t.id}" is linked ${mine.length}× but its forms (${t.forms.join(', ')}) are not in the prose`);
      continue;
    }
    if (mine.length !== 1) problems.push(`"${t.id}" is used in the prose ("…${prose.slice(Math.max(0, first.index - 30), first.index + 30).replace(/\s+/g, ' ')}…") and linked ${mine.length}×, expected exactly once`);
    else if (mine[0]!.at !== first.index) problems.push(`"${t.id}" is linked, but not at its first use ("…${prose.slice(Math.max(0, first.index - 30), first.index + 30).replace(/\s+/g, ' ')}…")`);
  }
  return problems;
}

/** A row of content/data/corrections.csv. */
export interface CorrectionRow {
  id: string;
  date: string;
  chapter: string;
  kind: string;
  was: string;
  now: string;
  source: string;
}

/**
 * /corrections/ lists every row (date, kind, what was wrong, what it says now,
 * a link per source), newest first, under its date and, for a chapter's entry,
 * a link to that chapter; and each chapter page with entries links, next to
 * its dateline, to an anchor on /corrections/ holding them (one per date).
 * Chapters without entries have no such link.
 */
export function correctionsProblems(correctionsDoc: string, chapterDocs: Record<string, string>, rows: CorrectionRow[], kindLabels: Record<string, string>): string[] {
  const problems: string[] = [];
  const root = parseHtml(correctionsDoc);
  const byId = (id: string) => all(root, (e) => attr(e, 'id') === id)[0];
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const entries = all(root, (e) => /^corr-/.test(attr(e, 'id') ?? ''));
  if (entries.length !== rows.length) problems.push(`/corrections/ shows ${entries.length} entries, content/data/corrections.csv has ${rows.length}`);
  // Newest first.
  const dateOfEntry = (e: El) => rows.find((r) => `corr-${r.id}` === attr(e, 'id'))?.date ?? '';
  entries.forEach((e, i) => {
    if (i > 0 && dateOfEntry(e) > dateOfEntry(entries[i - 1]!)) problems.push(`/corrections/: ${attr(e, 'id')} (${dateOfEntry(e)}) comes after an older entry: not newest first`);
  });
  for (const r of rows) {
    const e = byId(`corr-${r.id}`);
    if (!e) {
      problems.push(`/corrections/ has no entry #corr-${r.id}`);
      continue;
    }
    const text = textOf(e);
    if (!text.includes(norm(r.was))) problems.push(`#corr-${r.id} does not say what was wrong: "${r.was}"`);
    if (!text.includes(norm(r.now))) problems.push(`#corr-${r.id} does not say what it now says: "${r.now}"`);
    if (kindLabels[r.kind] && !text.includes(kindLabels[r.kind]!)) problems.push(`#corr-${r.id} does not show its kind "${kindLabels[r.kind]}"`);
    for (const sid of r.source.split(';').map((s) => s.trim()).filter(Boolean)) {
      if (!all(e, (a) => a.name === 'a' && attr(a, 'href') === `/sources/#src-${sid}`).length) problems.push(`#corr-${r.id} does not link its source /sources/#src-${sid}`);
    }
    const up = ancestors(e);
    const dated = up.some((p) => (p.children ?? []).some((c) => /^h[23]$/.test(c.name) && all(c, (t) => t.name === 'time' && attr(t, 'datetime') === r.date).length > 0));
    if (!dated) problems.push(`#corr-${r.id} is not under a heading with <time datetime="${r.date}">`);
    if (r.chapter) {
      const linked = up.some((p) => (p.children ?? []).some((c) => HEADING.test(c.name) && all(c, (a) => a.name === 'a' && attr(a, 'href') === `/${r.chapter}/`).length > 0));
      if (!linked) problems.push(`#corr-${r.id} is not under a heading linking to /${r.chapter}/`);
    }
  }
  for (const [slug, doc] of Object.entries(chapterDocs)) {
    const mine = rows.filter((r) => r.chapter === slug);
    const page = parseHtml(doc);
    const dateline = byClass(page, 'dateline')[0];
    const links = all(page, (a) => a.name === 'a' && /^\/corrections\/#/.test(attr(a, 'href') ?? ''));
    if (!mine.length) {
      if (links.length) problems.push(`/${slug}/ has no corrections but links to ${attr(links[0], 'href')}`);
      continue;
    }
    for (const date of new Set(mine.map((r) => r.date))) {
      const want = mine.filter((r) => r.date === date).map((r) => `corr-${r.id}`);
      const link = links.find((a) => {
        const target = byId(attr(a, 'href')!.slice('/corrections/#'.length));
        return target && want.every((id) => all(target, (x) => attr(x, 'id') === id).length > 0 || attr(target, 'id') === id);
      });
      if (!link) {
        problems.push(`/${slug}/ does not link to its ${date} entries on /corrections/ (${want.join(', ')})`);
        continue;
      }
      if (!dateline || !ancestors(link).includes(dateline)) problems.push(`/${slug}/: the link to its ${date} corrections is not in the dateline under the title`);
    }
  }
  return problems;
}
