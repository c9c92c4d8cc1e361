/**
 * The chart font and the measuring built on it (src/lib/text.ts):
 * - the committed advance table (src/lib/chart-font.json) is the font the
 *   build ships: regenerated from @fontsource/source-sans-3 through the same
 *   subsetter, it is identical (a stale table fails here);
 * - measureText adds up those advances, with weight, letter-spacing,
 *   uppercase and white-space collapsing as the browser draws them;
 * - every character the content gives a graphic to draw is in the face, or
 *   in the short list of symbols the face lacks (drawn by a fallback font and
 *   measured generously);
 * - wrap keeps every line within its width with the real metrics.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { parseCsv } from '../../src/lib/csv';
import { measureText, missingGlyphs, wrap, MISSING_ADVANCE } from '../../src/lib/text';
import table from '../../src/lib/chart-font.json';
// @ts-ignore: plain ESM build script without types
import { chartMetrics, formatMetrics } from '../../scripts/fonts.mjs';

/**
 * Characters content may use that the face does not have (Fontsource's latin
 * subset drops them): symbols, and the Ō, ō of Japanese place names (Ōsumi Strait, a
 * shipping-map waypoint). The fallback font draws them; measureText gives them
 * MISSING_ADVANCE, and the browser test checks they are never drawn wider.
 */
const FALLBACK_OK = new Set(['‰', '→', '←', '↑', '↓', '≈', '≤', '≥', 'Ō', 'ō']);

describe('chart font', () => {
  it('the committed advance table is the shipped subset (run `node scripts/fonts.mjs` after changing the font or its characters)', async () => {
    const fresh = formatMetrics(await chartMetrics());
    expect(readFileSync('src/lib/chart-font.json', 'utf8')).toBe(fresh);
  }, 60_000);

  it('measures with the real advances: weight, size, letter-spacing, case, collapsed white space', () => {
    const adv = (face: 'regular' | 'bold', s: string) => [...s].reduce((sum, ch) => sum + table.faces[face].advances[[...table.faces[face].chars].indexOf(ch)]!, 0) / table.unitsPerEm;
    expect(measureText('Huancayo', 12)).toBeCloseTo(adv('regular', 'Huancayo') * 12, 9);
    expect(measureText('Huancayo', 12, { weight: 700 })).toBeCloseTo(adv('bold', 'Huancayo') * 12, 9);
    expect(measureText('Huancayo', 12, { weight: 600 })).toBe(measureText('Huancayo', 12, { weight: 800 }));
    expect(measureText('Huancayo', 12, { weight: 700 })).toBeGreaterThan(measureText('Huancayo', 12));
    expect(measureText('Lima', 24)).toBeCloseTo(2 * measureText('Lima', 12), 9);
    // Proportional, not a character count: "iiii" is far narrower than "MMMM".
    expect(measureText('iiii', 12)).toBeLessThan(measureText('MMMM', 12) / 2);
    expect(measureText('Lima', 10, { letterSpacing: 0.1 })).toBeCloseTo(measureText('Lima', 10) + 4 * 0.1 * 10, 9);
    expect(measureText('lima', 11, { uppercase: true })).toBe(measureText('LIMA', 11));
    expect(measureText('1  Primary\tfunding ', 11)).toBe(measureText('1 Primary funding', 11));
    // A glyph the face lacks: measured at the generous fallback width.
    expect(missingGlyphs('36‰ Chinchán')).toEqual(['‰']);
    expect(measureText('‰', 10)).toBe(MISSING_ADVANCE * 10);
  });

  it('has a glyph for every character content gives a graphic (labels, data text, interface strings)', () => {
    const figures = parse(readFileSync('content/figures.yaml', 'utf8')) as { labels?: Record<string, string>; title?: string }[];
    const texts: string[] = figures.flatMap((f) => Object.values(f.labels ?? {}).map(String));
    for (const f of readdirSync('content/data').filter((f) => /\.(csv|json)$/.test(f))) texts.push(readFileSync(`content/data/${f}`, 'utf8'));
    // Interface strings a chart draws: units and dates (the rest is page text, in the body and UI faces).
    for (const f of readdirSync('content/ui').filter((f) => f.endsWith('.json')))
      texts.push(...Object.entries(JSON.parse(readFileSync(`content/ui/${f}`, 'utf8')) as Record<string, string>).filter(([k]) => /^(unit|date)\./.test(k)).map(([, v]) => v));
    const missing = new Set<string>();
    for (const t of texts) for (const ch of [...missingGlyphs(t), ...missingGlyphs(t, { weight: 700 })]) if (!FALLBACK_OK.has(ch)) missing.add(ch);
    expect([...missing].map((c) => `${c} U+${c.codePointAt(0)!.toString(16).toUpperCase()}`)).toEqual([]);
    // The check can fail: a letter outside Latin-1 is reported.
    expect(missingGlyphs('Łódź')).toContain('Ł');
  });

  it('wraps to the width with real metrics, at the widths graphics use', () => {
    const s = 'Chancay–Sierra Central: Chinese builder reported; financing undisclosed, studies under way';
    for (const w of [80, 120, 200, 320]) {
      for (const weight of [400, 700]) {
        const lines = wrap(s, w, 12, { weight });
        for (const l of lines) if (l.includes(' ')) expect(measureText(l, 12, { weight }), `${w}px: ${l}`).toBeLessThanOrEqual(w);
        expect(lines.join(' ')).toBe(s);
      }
    }
    // Bold wraps sooner than regular.
    expect(wrap(s, 120, 12, { weight: 700 }).length).toBeGreaterThanOrEqual(wrap(s, 120, 12).length);
  });

  it('keeps a number with its unit: no wrapped line starts with "m)" or "millones)" alone, at any width, in either edition', () => {
    // Chapter 3's timeline at 390 px ended "(US DFC US$553 m, DBSA US$200" / "m)" (review, 390×844).
    const texts = ['content/data/project-timelines.csv', 'content/data/es/project-timelines.csv', 'content/data/funding-flows.csv', 'content/data/es/funding-flows.csv']
      .flatMap((f) => parseCsv(readFileSync(f, 'utf8')).rows.flatMap((r) => [r.values['event'], r.values['label'], r.values['note']]))
      .filter((t): t is string => Boolean(t && /\d/.test(t)));
    texts.push('Lobito railway upgrade: loans, US DFC (US$553 m) + Development Bank of Southern Africa (US$200 m)', 'no railway: 55 km from the line\'s end');
    const alone = /^(?:\p{L}{1,2}|%)[)\]}.,;:]*$|^\p{L}+[)\]},;:.]+$/u;
    const found: string[] = [];
    for (const t of texts)
      for (let w = 40; w <= 400; w += 2) {
        const lines = wrap(t, w, 11);
        expect(lines.join(' ')).toBe(t.replace(/\s+/g, ' ').trim());
        lines.forEach((l, i) => {
          // A number's unit (or the word closing its phrase) alone on a line, when the number ended the line before
          // and the two would have fitted on one line.
          const number = lines[i - 1]?.split(' ').pop() ?? '';
          if (i > 0 && alone.test(l) && /\d$/.test(number) && measureText(`${number} ${l}`, 11) <= w) found.push(`${w}px: "${lines[i - 1]}" / "${l}"`);
        });
      }
    expect(found).toEqual([]);
    // Only when the two fit together: a width narrower than "US$200 m)" still breaks it rather than overflow.
    const narrow = measureText('US$200 m)', 11) - 1;
    expect(wrap('DBSA US$200 m)', narrow, 11)).toEqual(['DBSA', 'US$200', 'm)']);
    expect(wrap('DBSA US$200 m)', narrow + 2, 11)).toEqual(['DBSA', 'US$200 m)']);
  });

  it('ends no line on a one-letter word (Spanish a, e, o, u, y) when it fits with the next, at any width, in every label and note', () => {
    // The locator map's Spanish note ended a line on "a" (review, 390 px).
    const ONE = /^[aeouy]$/i;
    const yaml = (f: string) => parse(readFileSync(f, 'utf8')) as { labels?: Record<string, string> }[];
    const texts = [...yaml('content/figures.yaml'), ...yaml('content/figures.es.a.yaml'), ...yaml('content/figures.es.b.yaml')]
      .flatMap((f) => Object.values(f.labels ?? {}))
      .filter((t) => typeof t === 'string' && / [aeouy] /i.test(t));
    expect(texts.length, 'labels with a one-letter word').toBeGreaterThan(20);
    const found: string[] = [];
    for (const t of texts)
      for (let w = 60; w <= 400; w += 3) {
        const lines = wrap(t, w, 11);
        expect(lines.join(' ')).toBe(t.replace(/\s+/g, ' ').trim());
        lines.forEach((l, i) => {
          const last = l.split(' ').pop()!;
          const next = lines[i + 1]?.split(' ')[0];
          if (next !== undefined && ONE.test(last) && measureText(`${last} ${next}`, 11) <= w) found.push(`${w}px: "${l}" / "${lines[i + 1]}"`);
        });
      }
    expect(found.slice(0, 20)).toEqual([]);
    // The word goes down with the next, and a run of them with it ("y a Lima"); too narrow for the pair, it stays.
    const w = measureText('del Callao a', 11) + 1;
    expect(wrap('del Callao a Lima', w, 11)).toEqual(['del Callao', 'a Lima']);
    expect(wrap('Callao y a Lima', measureText('Callao y a', 11) + 1, 11)).toEqual(['Callao', 'y a Lima']);
    expect(wrap('a Huancavelica', measureText('Huancavelica', 11), 11)).toEqual(['a', 'Huancavelica']);
  });
});
