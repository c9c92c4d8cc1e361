/**
 * The plain article's per-step stills in the built site: every step of every
 * chapter and chapter embed has exactly one still, a standalone SVG file under
 * /stills/ that exists, parses as an SVG document with its graphic's styles,
 * and differs from its neighbours; no build-time <template> is left behind.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, chapterSlugs, html } from './dist';
import { cssFor } from '../../src/integrations/step-stills.mjs';

const pages = chapterSlugs().flatMap((slug) => [slug, `embed/${slug}`]).filter((p) => html(p).includes('<scrolly-section'));

describe('step stills', () => {
  for (const p of pages) {
    it(`${p}: one still per step, each file present and its own`, () => {
      const doc = html(p);
      expect(doc).not.toContain('step-still-src');
      const steps = [...doc.matchAll(/<div class="step" id="(step-\d+)"[\s\S]*?(?=<div class="step" id=|<\/scrolly-section>)/g)];
      expect(steps.length).toBeGreaterThan(0);
      const seen = new Map<string, string>();
      for (const [block, id] of steps) {
        const srcs = [...block.matchAll(/<div class="step__still"><img src="([^"]+)"[^>]*>/g)].map((m) => m[1]!);
        expect(srcs, id).toHaveLength(1);
        const file = path.join(DIST, srcs[0]!);
        expect(existsSync(file), `${id}: ${srcs[0]}`).toBe(true);
        const svg = readFileSync(file, 'utf8');
        expect(svg, `${id}: a standalone SVG`).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="[\d. ]+" width="[\d.]+" height="[\d.]+"><title>[^<]+<\/title><desc>[^<]+<\/desc><style>/);
        expect(svg.length, `${id}: has a drawing`).toBeGreaterThan(1500);
        seen.set(id!, svg);
      }
      // Within a section consecutive steps show different pictures (else a step would repeat the last one's still).
      const svgs = [...seen.values()];
      expect(new Set(svgs).size, 'distinct pictures').toBeGreaterThan(svgs.length / 2);
    });
  }
});

describe('cssFor (the styles a still carries)', () => {
  const css = '.rail-costs .bar__rect{fill:red}.bar__label{fill:blue}.other .x{fill:green}.tick text{fill:grey}.comments{color:red}';
  it('keeps the rules whose classes the picture uses, its scope and the shared chart marks', () => {
    const out = cssFor(css, 'rail-costs', '<g class="bar"><rect class="bar__rect"/><text class="bar__label"/></g>');
    expect(out).toBe('.rail-costs .bar__rect{fill:red}.bar__label{fill:blue}.tick text{fill:grey}');
  });
  it('drops everything else (a picture that uses no class keeps only the chart marks)', () => {
    expect(cssFor(css, 'funding-models', '<rect/>')).toBe('.tick text{fill:grey}');
  });
});
