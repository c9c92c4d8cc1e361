/**
 * Counts in words (src/lib/plural.ts): the plural category from
 * Intl.PluralRules picks `<key>.one` / `<key>.other` in content/ui, so a
 * count never reads "1 days"; every counted family in every ui file has its
 * `.other`; Spanish picks the same way.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { uiCount, pluralCategory } from '../../src/lib/plural';

describe('plural-aware strings', () => {
  it('says "1 day", "5 days", "1.5 days", "0 days" in English', () => {
    expect(uiCount('unit.days', 1)).toBe('1 day');
    expect(uiCount('unit.days', 5)).toBe('5 days');
    expect(uiCount('unit.days', 1.5)).toBe('1.5 days');
    expect(uiCount('unit.days', 0)).toBe('0 days');
    expect(uiCount('corrections.count', 1)).toBe('1 change');
    expect(uiCount('corrections.count', 3)).toBe('3 changes');
  });

  it('uses the language rules, not English ones', () => {
    expect(pluralCategory(1)).toBe('one');
    expect(pluralCategory(2)).toBe('other');
    // Spanish: "one" for 1, "many" for round millions (which falls back to `.other`).
    expect(new Intl.PluralRules('es-PE').select(1)).toBe('one');
    expect(new Intl.PluralRules('es-PE').select(1_000_000)).toBe('many');
  });

  it('fails loudly on a family with no `.other` (the check can fail)', () => {
    expect(() => uiCount('unit.no_such_family', 2)).toThrow(/missing string "unit.no_such_family.other"/);
  });

  it('every counted family in every ui file has `.other`, and each language has the same families', () => {
    const families: Record<string, string[]> = {};
    for (const f of readdirSync('content/ui').filter((f) => f.endsWith('.json'))) {
      const keys = Object.keys(JSON.parse(readFileSync(`content/ui/${f}`, 'utf8')) as Record<string, string>);
      const fam = [...new Set(keys.filter((k) => /\.(zero|one|two|few|many)$/.test(k)).map((k) => k.replace(/\.\w+$/, '')))].sort();
      for (const k of fam) expect(keys, `${f}: ${k}.other`).toContain(`${k}.other`);
      families[f] = fam;
    }
    const all = Object.values(families);
    for (const fam of all) expect(fam).toEqual(all[0]);
  });
});
