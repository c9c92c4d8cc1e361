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
import { drawnChars } from '../../src/integrations/figure-files.mjs';

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
        // The still, its picture for a phone held sideways (laid out for the card's column there, to fit the
        // screen's height) and its phone picture (laid out for a phone's column), in that order: the first match is shown.
        const m =
          /<div class="step__still"><picture><source media="\(orientation: landscape\) and \(max-height: 500px\)" srcset="([^"]+)" width="\d+" height="(\d+)"><source media="\(max-width: 480px\)" srcset="([^"]+)" width="\d+" height="\d+"><img src="([^"]+)"[^>]*><\/picture><\/div>/.exec(
            block,
          );
        expect(m, `${id}: a still with its short-screen and phone pictures`).not.toBeNull();
        const [, short, shortHeight, narrow, wide] = m!;
        expect(narrow, id).toBe(wide!.replace(/\.svg$/, '-narrow.svg'));
        expect(short, id).toBe(wide!.replace(/\.svg$/, '-short.svg'));
        // Inside a phone held sideways (360 px tall at 740 px wide), its border included.
        expect(Number(shortHeight) + 2, `${id}: ${short} is ${shortHeight} px tall`).toBeLessThanOrEqual(360);
        for (const src of [wide!, narrow!, short!]) {
          const file = path.join(DIST, src);
          expect(existsSync(file), `${id}: ${src}`).toBe(true);
          const svg = readFileSync(file, 'utf8');
          expect(svg, `${id}: a standalone SVG`).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="[\d. ]+" width="[\d.]+" height="[\d.]+"><title>[^<]+<\/title><desc>[^<]+<\/desc><style>/);
          expect(svg.length, `${id}: has a drawing`).toBeGreaterThan(1500);
          // Its own subset of the chart face (stillFace): the labels are laid out for it.
          expect(svg, `${id}: ${src} carries the chart face`).toMatch(/@font-face\{font-family:'Source Sans 3';font-weight:400;font-style:normal;src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{800,}\)/);
        }
        seen.set(id!, readFileSync(path.join(DIST, wide!), 'utf8'));
      }
      // Within a section consecutive steps show different pictures (else a step would repeat the last one's still).
      const svgs = [...seen.values()];
      expect(new Set(svgs).size, 'distinct pictures').toBeGreaterThan(svgs.length / 2);
    });
  }
});

describe('drawnChars (the glyphs a still needs)', () => {
  it('is the text drawn, entities decoded, without the style, title or description', () => {
    const doc = '<svg><title>Zz</title><desc>Qq</desc><style>text{x:y}</style><text>Ab &amp; b</text><text><tspan>&#233;&#x2013;</tspan></text></svg>';
    expect(drawnChars(doc)).toBe('&Abbé–'.split('').filter((c, i, a) => a.indexOf(c) === i).sort().join('') + ' ');
  });
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
