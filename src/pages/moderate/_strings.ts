/**
 * The moderators' page's words, from content/moderate/en.json (the page is
 * English-only staff tooling; a Spanish file can sit beside it). m(key, vars)
 * fills {placeholders}; with a number `n` and no plain `key`, it picks
 * `key_one` / `key_other` by Intl.PluralRules. A missing key throws: at build
 * for the template, and test/comments/moderate-strings.test.ts checks every key
 * the script asks for.
 */
import table from '../../../content/moderate/en.json';

const T: Record<string, string> = table;
const rules = new Intl.PluralRules('en');

/** Which key m() reads for `key` (the plural form when there is no plain one). */
export function resolveKey(key: string, vars: Record<string, string | number> = {}): string {
  if (key in T || typeof vars.n !== 'number') return key;
  return `${key}_${rules.select(vars.n)}`;
}

export function m(key: string, vars: Record<string, string | number> = {}): string {
  const k = resolveKey(key, vars);
  const s = T[k];
  if (typeof s !== 'string' || k.startsWith('$')) throw new Error(`[moderate] content/moderate/en.json has no "${k}"`);
  return s.replace(/\{(\w+)\}/g, (x, name: string) => (name in vars ? String(vars[name]) : x));
}

/** A string with {slots} split for markup: text, then slot names, alternating ("a {x} b" -> ['a ', 'x', ' b']). */
export function slots(key: string): string[] {
  return m(key).split(/\{(\w+)\}/);
}
