/**
 * Counts in words, plural-aware: a counted string is a family of keys in
 * content/ui/<locale>.json named `<key>.<category>`, one per CLDR plural
 * category the language uses (English: `.one`, `.other`; Spanish adds
 * `.many` for round millions), chosen by Intl.PluralRules for the edition's
 * locale. `.other` is required; a category with no key of its own uses it.
 * `{n}` is filled with the count in the edition's number format.
 *   "unit.days.one": "{n} day", "unit.days.other": "{n} days"
 *   uiCount('unit.days', 1) -> "1 day"; uiCount('unit.days', 5) -> "5 days"
 * Never print a count next to a fixed word ("{n} days"): "1 days" is what that gives.
 */
import { ui, edition, type Locale } from './ui';
import { formatNumber, localeTag } from './text';

/** The plural category of `n` in the edition's language ('one', 'other', ...). */
export function pluralCategory(n: number, locale: Locale = edition): Intl.LDMLPluralRule {
  return new Intl.PluralRules(localeTag(locale)).select(n);
}

/** The string of the `key` family for the count `n`, `{n}` filled in (up to `digits` decimals), other placeholders from `vars`. */
export function uiCount(key: string, n: number, vars: Record<string, string | number> = {}, locale: Locale = edition, digits = 1): string {
  const filled = { n: formatNumber(n, locale, digits), ...vars };
  const category = pluralCategory(n, locale);
  if (category !== 'other') {
    try {
      return ui(`${key}.${category}`, filled, locale);
    } catch (e) {
      if (!String(e).includes('missing string')) throw e;
    }
  }
  return ui(`${key}.other`, filled, locale);
}
