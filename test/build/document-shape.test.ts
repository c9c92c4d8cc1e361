/**
 * Every built page is one well-formed document: nothing after </html> (a
 * <script> placed outside a layout's root lands there), and no CSS selector
 * that only a component compiler understands (`:global(…)` in a plain
 * stylesheet is invalid CSS: browsers drop the whole rule).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { listPages } from '../../scripts/pages.mjs';
import { html, DIST } from './dist';

/** Problems with a page's document shape; pure, so a bad sample can prove it fails. */
export function documentProblems(doc: string): string[] {
  const out: string[] = [];
  const end = doc.lastIndexOf('</html>');
  if (end < 0) out.push('no </html>');
  else if (doc.slice(end + '</html>'.length).trim()) out.push(`content after </html>: ${doc.slice(end + 7, end + 87).trim()}`);
  for (const m of doc.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) out.push(...cssProblems(m[1]!));
  return out;
}

export function cssProblems(css: string): string[] {
  return [...css.matchAll(/:global\(/g)].map((m) => `":global(" in CSS: ${css.slice(Math.max(0, m.index! - 40), m.index! + 40)}`);
}

describe('document shape', () => {
  it('catches a script after </html> and a :global() selector (bad sample)', () => {
    const bad = '<!doctype html><html><head><style>:global(.js) .x{color:red}</style></head><body></body></html><script src="/a.js"></script>';
    const found = documentProblems(bad);
    expect(found.some((p) => p.startsWith('content after </html>'))).toBe(true);
    expect(found.some((p) => p.includes(':global('))).toBe(true);
    expect(documentProblems('<!doctype html><html><head><style>.js .x{color:red}</style></head><body></body></html>\n')).toEqual([]);
  });

  for (const page of listPages(DIST) as string[]) {
    it(`${page}: nothing after </html>, no :global() in its styles`, () => {
      expect(documentProblems(html(page))).toEqual([]);
    });
  }

  it('no built stylesheet contains :global()', () => {
    const dir = path.join(DIST, '_astro');
    const css = readdirSync(dir).filter((f) => f.endsWith('.css'));
    for (const f of css) expect(cssProblems(readFileSync(path.join(dir, f), 'utf8')), f).toEqual([]);
  });
});
