/**
 * Page scripts load after the first paint (src/integrations/after-paint-scripts.mjs):
 * the build moves every reader-facing page's module scripts into
 * <html data-modules>, and BaseLayout's head script loads them.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listPages } from '../../scripts/pages.mjs';
// @ts-ignore: plain ESM module
import { deferModules, LOADER } from '../../src/integrations/after-paint-scripts.mjs';
import { html, DIST } from './dist';

const page = (head: string, body: string) => `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
const loader = `<script>${LOADER}</script>`;

describe('deferModules', () => {
  it('moves module scripts into data-modules, in document order, once each', () => {
    const r = deferModules(page(loader, '<p>a</p><script type="module" src="/_astro/a.js"></script><p>b</p><script type="module" src="/_astro/b.js"></script><script type="module" src="/_astro/a.js"></script>'));
    expect(r.modules).toEqual(['/_astro/a.js', '/_astro/b.js']);
    expect(r.html).toContain('<html lang="en" data-modules="/_astro/a.js /_astro/b.js">');
    expect(r.html).not.toMatch(/<script type="module"/);
    expect(r.html).toContain('<p>a</p><p>b</p>');
  });
  it('leaves a page without the loader, or without module scripts, unchanged', () => {
    const noLoader = page('', '<script type="module" src="/_astro/a.js"></script>');
    expect(deferModules(noLoader)).toEqual({ html: noLoader, modules: [] });
    const noScripts = page(loader, '<p>a</p><script type="application/json" class="figure__data" data-src="/_data/x.json"></script>');
    expect(deferModules(noScripts)).toEqual({ html: noScripts, modules: [] });
  });
  it('refuses a page whose <html> already has data-modules', () => {
    expect(() => deferModules(page(loader, '<script type="module" src="/a.js"></script>').replace('<html ', '<html data-modules="/x.js" '))).toThrow(/already has data-modules/);
  });
});

describe('the built site', () => {
  const pages = (listPages(DIST) as string[]).filter((p) => !p.startsWith('/moderate'));
  it('finds the built pages', () => expect(pages.length).toBeGreaterThanOrEqual(7));
  for (const p of pages) {
    it(`${p}: no module script in the HTML; the loader runs first; every listed module exists`, () => {
      const doc = html(p);
      expect(doc, `${p} still has a <script type="module" src>`).not.toMatch(/<script type="module"/);
      const scripts = [...doc.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].filter((m) => !/type="application\/(ld\+)?json"/.test(m[0]));
      expect(scripts[0]?.[1], `${p}: the first executable script is not the loader`).toBe(LOADER);
      expect(doc.indexOf(LOADER)).toBeLessThan(doc.indexOf('</head>'));
      const modules = /<html\b[^>]*\sdata-modules="([^"]*)"/.exec(doc)?.[1]?.split(' ') ?? [];
      for (const m of modules) expect(existsSync(path.join(DIST, m)), `${p}: ${m} is missing from ${DIST}`).toBe(true);
      // Every page with a graphic or a comment section has scripts to load.
      if (/<chancay-figure|class="comments"/.test(doc)) expect(modules.length, `${p}: has interactive parts but no data-modules`).toBeGreaterThan(0);
    });
  }
});
