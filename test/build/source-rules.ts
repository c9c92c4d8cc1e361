/**
 * Rules every source and every source reference in content/ must pass, as pure
 * functions over file texts (test/build/sources.test.ts runs them on the real
 * content and proves each one fails on a bad sample).
 *
 * - A source's url points at the article or document, not a homepage or a
 *   section index ("https://gestion.pe/", "https://gestion.pe/economia/").
 * - A source without a url says why in url_note.
 * - Every source id used anywhere in content/ exists in sources.csv: data
 *   files' `source` columns (CSV and JSON), chapter and page front matter,
 *   MDX `sources="a;b"` props, `/sources/#src-<id>` links, and figures.yaml's
 *   `sources:` lists.
 * - Every source in sources.csv is used somewhere (an unused row is either a
 *   figure that lost its source or a stale entry).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../src/lib/csv';

export interface ContentFile {
  /** Path relative to the project root, e.g. content/data/facts.csv. */
  path: string;
  text: string;
}

export interface SourceRow {
  id: string;
  url: string;
  url_note: string;
  line: number;
}

/** A place a source id is named: "content/data/facts.csv:12 (service-speed)". */
export interface Use {
  id: string;
  where: string;
}

export const SOURCES_CSV = 'content/data/sources.csv';

/**
 * Path segments that, alone, make a section index rather than a document:
 * a url whose every segment is one of these lists articles, it is not one.
 */
const SECTION_WORDS = new Set([
  'news', 'noticias', 'noticia', 'economia', 'economy', 'business', 'world', 'mundo', 'politica', 'politics', 'opinion', 'sociedad',
  'en', 'es', 'pt', 'zh', 'ingles', 'english', 'espanol', 'home', 'inicio', 'index', 'index.html', 'index.htm', 'index.php', 'index.aspx',
  'article', 'articles', 'articulos', 'category', 'categoria', 'tag', 'tags', 'section', 'sections', 'latest', 'archive', 'archivo',
  'wires', 'reuters', 'international', 'internacional', 'shipping', 'ports', 'peru', 'lima', 'china', 'americas', 'latin-america', 'latinoamerica',
]);

/** Why a url is a homepage or a section index, or null when it names a page. */
export function homepageReason(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  const segments = u.pathname.split('/').filter(Boolean);
  if (segments.length === 0) return u.search ? null : 'is a homepage (no path)';
  if (segments.every((s) => SECTION_WORDS.has(decodeURIComponent(s).toLowerCase()))) return `is a section index (/${segments.join('/')}/)`;
  return null;
}

export function readSources(text: string): SourceRow[] {
  return parseCsv(text, SOURCES_CSV).rows.map((r) => ({
    id: String(r.values['id'] ?? '').trim(),
    url: String(r.values['url'] ?? '').trim(),
    url_note: String(r.values['url_note'] ?? '').trim(),
    line: r.line,
  }));
}

/** Rule 1 and 2: homepage urls, and blank urls without a url_note. */
export function checkSourceLinks(rows: readonly SourceRow[]): string[] {
  const problems: string[] = [];
  for (const r of rows) {
    const where = `${SOURCES_CSV}:${r.line} (${r.id})`;
    if (!r.url) {
      if (!r.url_note) problems.push(`${where}: no url and no url_note saying why`);
      continue;
    }
    const reason = homepageReason(r.url);
    if (reason) problems.push(`${where}: url ${r.url} ${reason}; link the article or document itself`);
  }
  return problems;
}

const splitIds = (s: string) => s.split(';').map((x) => x.trim()).filter(Boolean);

function frontMatter(text: string): string {
  return /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
}

/** Every place a content file names a source id. */
export function collectUses(files: readonly ContentFile[]): Use[] {
  const uses: Use[] = [];
  const add = (value: string, where: string) => {
    for (const id of splitIds(value)) uses.push({ id, where });
  };
  for (const f of files) {
    if (f.path === SOURCES_CSV) continue;
    if (f.path.endsWith('.csv')) {
      const table = parseCsv(f.text, f.path);
      if (!table.header.includes('source')) continue;
      for (const r of table.rows) add(String(r.values['source'] ?? ''), `${f.path}:${r.line} (${String(r.values['id'] ?? '?')})`);
    } else if (f.path.endsWith('.json')) {
      const walk = (v: unknown, trail: string) => {
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${trail}[${i}]`));
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          const label = typeof o['id'] === 'string' ? ` (${o['id']})` : '';
          for (const [k, x] of Object.entries(o)) {
            if ((k === 'source' || k === 'sources') && typeof x === 'string') add(x, `${f.path} ${trail}${label}`);
            else walk(x, `${trail}.${k}`);
          }
        }
      };
      walk(JSON.parse(f.text), '');
    } else if (/\.(mdx|md|ya?ml)$/.test(f.path)) {
      const lineOf = (index: number) => f.text.slice(0, index).split('\n').length;
      // MDX props: <Note sources="a;b">
      for (const m of f.text.matchAll(/\bsources="([^"]*)"/g)) add(m[1]!, `${f.path}:${lineOf(m.index!)} sources="…"`);
      // Links to a source's entry: /sources/#src-<id>
      for (const m of f.text.matchAll(/\/sources\/#src-([a-z0-9-]+)/g)) add(m[1]!, `${f.path}:${lineOf(m.index!)} link`);
      // YAML fields (figures.yaml, front matter): sources: "a;b" / source: a
      const yaml = /\.ya?ml$/.test(f.path) ? f.text : frontMatter(f.text);
      const offset = /\.ya?ml$/.test(f.path) ? 0 : f.text.indexOf(yaml);
      for (const m of yaml.matchAll(/^\s*-?\s*sources:\s*["']?([^"'\n]*)["']?\s*$/gm)) add(m[1]!, `${f.path}:${lineOf(offset + m.index!)} sources:`);
    }
  }
  return uses;
}

/** Rule 3: ids used in content that sources.csv does not have. */
export function checkUnknownIds(rows: readonly SourceRow[], uses: readonly Use[]): string[] {
  const known = new Set(rows.map((r) => r.id));
  return uses.filter((u) => !known.has(u.id)).map((u) => `${u.where}: unknown source id "${u.id}" (not in ${SOURCES_CSV})`);
}

/** Rule 4: sources nothing in content/ uses. */
export function checkUnused(rows: readonly SourceRow[], uses: readonly Use[]): string[] {
  const used = new Set(uses.map((u) => u.id));
  return rows.filter((r) => !used.has(r.id)).map((r) => `${SOURCES_CSV}:${r.line} (${r.id}): no data file, figure or page uses this source`);
}

/** All four rules over a set of content files (one of them sources.csv). */
export function checkAll(files: readonly ContentFile[]): string[] {
  const sources = files.find((f) => f.path === SOURCES_CSV);
  if (!sources) return [`${SOURCES_CSV} is missing`];
  const rows = readSources(sources.text);
  const uses = collectUses(files);
  return [...checkSourceLinks(rows), ...checkUnknownIds(rows, uses), ...checkUnused(rows, uses)];
}

/** The project's content files that can name sources (data, chapters, pages, figures.yaml). */
export function readContent(root = 'content'): ContentFile[] {
  const out: ContentFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(csv|json|mdx|ya?ml)$/.test(name) && !p.includes(`${path.sep}ui${path.sep}`)) out.push({ path: p.split(path.sep).join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  return out;
}
