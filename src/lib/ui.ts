/**
 * Interface strings (controls, headers, messages) from content/ui/<locale>.json.
 * Story copy lives in content/chapters and content/figures.yaml; everything
 * else a reader sees comes through here. A missing key is a build error, never
 * a silent fallback to another language.
 */
import { edition, type Locale } from './i18n';

export { edition, type Locale } from './i18n';

const files = import.meta.glob<Record<string, string>>('../../content/ui/*.json', { eager: true, import: 'default' });
const tables: Partial<Record<string, Record<string, string>>> = Object.fromEntries(
  Object.entries(files).map(([p, t]) => [p.split('/').pop()!.replace(/\.json$/, ''), t]),
);

/** Whether content/ui/<locale>.json exists (the Spanish edition is built once it does). */
export const hasStrings = (locale: Locale): boolean => Boolean(tables[locale]);

/** Keys of content/ui/en.json that content/ui/<locale>.json lacks. */
export const missingStrings = (locale: Locale): string[] => {
  const table = tables[locale];
  return Object.keys(tables['en'] ?? {}).filter((k) => !k.startsWith('$') && typeof table?.[k] !== 'string');
};

/** The string for `key` in `locale` (default: the edition being rendered), with `{name}` placeholders filled from `vars`. */
export function ui(key: string, vars: Record<string, string | number> = {}, locale: Locale = edition): string {
  const table = tables[locale];
  if (!table) throw new Error(`[ui] unknown locale "${locale}": content/ui/${locale}.json is missing`);
  const s = table[key];
  if (typeof s !== 'string' || key.startsWith('$')) throw new Error(`[ui] missing string "${key}" in content/ui/${locale}.json`);
  return s.replace(/\{(\w+)\}/g, (m, name: string, at: number) => {
    if (!(name in vars)) throw new Error(`[ui] string "${key}" needs a value for {${name}}`);
    return nested(String(vars[name]), s[at - 1], s[at + m.length]);
  });
}

/**
 * A value the string sets inside its own quotation marks («{title}», “{title}”) has its own quotes
 * turned to the inner pair, so a quoted title that quotes a figure reads «El ferrocarril de “US$4,000
 * millones” y…», not «El ferrocarril de «US$4,000 millones» y…».
 */
function nested(value: string, before: string | undefined, after: string | undefined): string {
  if (before === '«' && after === '»') return value.replace(/«/g, '“').replace(/»/g, '”');
  if (before === '“' && after === '”') return value.replace(/“/g, '‘').replace(/”/g, '’');
  return value;
}

/**
 * A confidence mark (H, M, L, M-H, L-M in the data files) as the edition writes it: the same letters in
 * English, A (alta), M (media), B (baja) in Spanish, which the Sources page's caption explains.
 */
export function confidenceMark(code: string, locale: Locale = edition): string {
  return ui(`confidence.${code}`, {}, locale);
}

/** The BCP 47 tag an edition's numbers, dates, plurals and sorting use (`locale.intl`: en-GB, es-PE). */
export function localeTag(locale: Locale = edition): string {
  return ui('locale.intl', {}, locale);
}
