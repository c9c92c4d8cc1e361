/**
 * Closing a thread (issue 15): a chapter's front matter `comments_closed`
 * (true: closed at once; a date: closed from then) must reach the built page as
 * <chancay-comments data-closed-from="…">, which is what the widget reads and
 * what the comment server reads from the build to refuse new comments
 * (server/comments/index.mjs chapterSettings). This ties the three together
 * for every chapter of both editions, and first fails on bad samples.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { chapterSettings } from '../../server/comments/index.mjs';
import { DIST } from './dist';

interface Chapter {
  file: string;
  /** The thread's path: /slug/ or /es/slug/. */
  thread: string;
  /** When the front matter closes it (ms), or null when it stays open. */
  closedFrom: number | null;
}

/** What a chapter file's front matter says, as the build reads it (YAML 1.1 dates, like Astro's loader). */
export function frontMatterClosing(file: string, src: string, locale: '' | 'es'): Chapter | null {
  const m = /^---\n([\s\S]*?)\n---/.exec(src);
  if (!m) throw new Error(`${file}: no front matter`);
  const fm = parse(m[1]!, { schema: 'yaml-1.1' }) as { slug: string; comments?: boolean; comments_closed?: unknown };
  if (fm.comments === false) return null;
  const v = fm.comments_closed;
  let closedFrom: number | null = null;
  if (v === true) closedFrom = 0;
  else if (v instanceof Date || typeof v === 'string') closedFrom = new Date(v).getTime();
  else if (v !== undefined && v !== null && v !== false) throw new Error(`${file}: comments_closed is ${JSON.stringify(v)}`);
  return { file, thread: `${locale ? `/${locale}` : ''}/${fm.slug}/`, closedFrom };
}

/** Every disagreement between the front matter and what the built site says (via the comment server's reader). */
export function closingMismatches(chapters: Chapter[], built: Map<string, number | null>): string[] {
  const out: string[] = [];
  for (const c of chapters) {
    if (!built.has(c.thread)) {
      out.push(`${c.file}: no <chancay-comments data-path="${c.thread}"> in the built page`);
      continue;
    }
    const b = built.get(c.thread) ?? null;
    if (b !== c.closedFrom) out.push(`${c.file}: front matter closes ${c.closedFrom === null ? 'never' : new Date(c.closedFrom).toISOString()}, the built page ${b === null ? 'never' : new Date(b).toISOString()}`);
  }
  return out;
}

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});
/** A built site of one page per thread, each with the given data-closed-from (or none). */
function site(pages: Record<string, string | null>) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'closed-site-'));
  tmp.push(root);
  for (const [p, from] of Object.entries(pages)) {
    mkdirSync(path.join(root, p), { recursive: true });
    writeFileSync(path.join(root, p, 'index.html'), `<chancay-comments data-path="${p}"${from ? ` data-closed-from="${from}"` : ''}></chancay-comments>`);
  }
  return chapterSettings(root);
}

function chapters(): Chapter[] {
  const out: Chapter[] = [];
  for (const [dir, locale] of [['content/chapters', ''], ['content/chapters/es', 'es']] as const) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.mdx')).sort()) {
      const c = frontMatterClosing(path.join(dir, f), readFileSync(path.join(dir, f), 'utf8'), locale);
      if (c) out.push(c);
    }
  }
  return out;
}

describe('comments_closed reaches the built page and the comment server', () => {
  it('reads the front matter as the build does: true, a date, a date and time, nothing', () => {
    const fm = (v: string) => frontMatterClosing('x.mdx', `---\nslug: x\n${v}\n---\nbody`, '')!.closedFrom;
    expect(fm('comments_closed: true')).toBe(0);
    expect(fm('comments_closed: 2027-01-31')).toBe(Date.parse('2027-01-31T00:00:00Z'));
    expect(fm('comments_closed: "2027-01-31T12:00:00-05:00"')).toBe(Date.parse('2027-01-31T17:00:00Z'));
    expect(fm('title: open')).toBeNull();
    expect(frontMatterClosing('x.mdx', '---\nslug: x\ncomments: false\n---\n', '')).toBeNull();
  });

  it('fails on a mismatch: closed in the front matter but not on the page, a different date, a page that never closes, a missing thread', () => {
    const fm: Chapter[] = [
      { file: 'a.mdx', thread: '/a/', closedFrom: 0 },
      { file: 'b.mdx', thread: '/b/', closedFrom: Date.parse('2027-01-31T00:00:00Z') },
      { file: 'c.mdx', thread: '/c/', closedFrom: null },
      { file: 'd.mdx', thread: '/es/d/', closedFrom: null },
    ];
    const bad = site({ '/a/': null, '/b/': '2027-02-01T00:00:00.000Z', '/c/': '1970-01-01T00:00:00.000Z' });
    expect(closingMismatches(fm, bad)).toEqual([
      'a.mdx: front matter closes 1970-01-01T00:00:00.000Z, the built page never',
      'b.mdx: front matter closes 2027-01-31T00:00:00.000Z, the built page 2027-02-01T00:00:00.000Z',
      'c.mdx: front matter closes never, the built page 1970-01-01T00:00:00.000Z',
      'd.mdx: no <chancay-comments data-path="/es/d/"> in the built page',
    ]);
    const good = site({ '/a/': '1970-01-01T00:00:00.000Z', '/b/': '2027-01-31T00:00:00.000Z', '/c/': null, '/es/d/': null });
    expect(closingMismatches(fm, good)).toEqual([]);
  });

  it('every chapter of both editions: the built page closes its thread exactly when its front matter says', () => {
    const list = chapters();
    expect(list.length).toBeGreaterThanOrEqual(10);
    expect(list.filter((c) => c.thread.startsWith('/es/')).length).toBe(list.length / 2);
    expect(closingMismatches(list, chapterSettings(DIST))).toEqual([]);
    // And the page's own attribute reads the same as the server's reading of it.
    for (const c of list) {
      const html = readFileSync(path.join(DIST, c.thread, 'index.html'), 'utf8');
      const attr = /<chancay-comments\b[^>]*\sdata-closed-from="([^"]+)"/.exec(html)?.[1];
      expect(attr === undefined ? null : Date.parse(attr), c.file).toBe(c.closedFrom);
    }
  });
});
