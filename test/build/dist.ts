/** Helpers for tests that read the built site (dist/) as text. */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const DIST = process.env.DIST_DIR ?? 'dist';

export function html(page: string): string {
  const file = path.join(DIST, page, 'index.html');
  if (!existsSync(file)) throw new Error(`${file} is missing: was the site built?`);
  return readFileSync(file, 'utf8');
}

/** Chapter slugs from the built chapter pages' <h1> pages: read from content front matter. */
export function chapterSlugs(): string[] {
  return readdirSync('content/chapters')
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => /^slug:\s*(\S+)/m.exec(readFileSync(path.join('content/chapters', f), 'utf8'))![1]!);
}

export function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** Static (non-dynamic) imports of a built ES module chunk. */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\s}])import\s*(?:[^"'();]*?from\s*)?["']([^"']+)["']/g;
  for (let m; (m = re.exec(code)); ) out.push(m[1]!);
  return out;
}

/** All JavaScript a page loads before any lazy import: module scripts (in the HTML or in <html data-modules>), modulepreloads and their static imports. */
export function initialJs(page: string): { file: string; gzip: number }[] {
  const doc = html(page);
  const entries = new Set<string>();
  for (const m of doc.matchAll(/<script\b[^>]*\ssrc="([^"]+)"[^>]*>/g)) entries.add(m[1]!); // not data-src
  // Module scripts loaded after the first paint (src/integrations/after-paint-scripts.mjs).
  for (const src of /<html\b[^>]*\sdata-modules="([^"]*)"/.exec(doc)?.[1]?.split(' ').filter(Boolean) ?? []) entries.add(src);
  for (const m of doc.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) entries.add(m[1]!);
  const inline: string[] = [];
  for (const m of doc.matchAll(/<script\b(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g)) {
    inline.push(m[1]!);
    for (const i of staticImports(m[1]!)) entries.add(i);
  }
  const seen = new Map<string, number>();
  const visit = (url: string, from = '/') => {
    const abs = new URL(url, `http://x${from}`).pathname;
    if (seen.has(abs)) return;
    const file = path.join(DIST, abs);
    if (!existsSync(file)) throw new Error(`${page}: script ${abs} is referenced but missing from ${DIST}`);
    seen.set(abs, gzipSize(file));
    for (const i of staticImports(readFileSync(file, 'utf8'))) visit(i, abs);
  };
  for (const e of entries) visit(e, `/${page}`);
  const list = [...seen].map(([file, gzip]) => ({ file, gzip }));
  for (const code of inline) if (code.trim()) list.push({ file: `${page} (inline script)`, gzip: gzipSync(code).length });
  return list;
}
