/**
 * Interface strings (controls, headers, messages) from content/ui/<locale>.json.
 * Story copy lives in content/chapters and content/figures.yaml; everything
 * else a reader sees comes through here. A missing key is a build error, never
 * a silent fallback to another language.
 */
import en from '../../content/ui/en.json';

const tables: Record<string, Record<string, string>> = { en };

export type Locale = 'en';

/** The edition being built. The Spanish edition (issue 16) will build with its own; code passes this on, never assumes English. */
export const edition: Locale = 'en';

/** The string for `key` in `locale`, with `{name}` placeholders filled from `vars`. */
export function ui(key: string, vars: Record<string, string | number> = {}, locale: Locale = 'en'): string {
  const table = tables[locale];
  if (!table) throw new Error(`[ui] unknown locale "${locale}"`);
  const s = table[key];
  if (typeof s !== 'string' || key.startsWith('$')) throw new Error(`[ui] missing string "${key}" in content/ui/${locale}.json`);
  return s.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!(name in vars)) throw new Error(`[ui] string "${key}" needs a value for {${name}}`);
    return String(vars[name]);
  });
}
