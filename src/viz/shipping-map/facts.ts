/** The facts the days chart draws beside its computed bars (prep.ts REPORTED_FACTS), read at build time in English: their numbers are the English display's. */
import { rowIn } from '../../lib/i18n/content';
import { DEFAULT_LOCALE } from '../../lib/i18n';
import { REPORTED_FACTS, type FactLike } from './prep';

export async function reportedFacts(): Promise<FactLike[]> {
  const ids = Object.values(REPORTED_FACTS);
  const rows = await Promise.all(ids.map((id) => rowIn('facts', id, DEFAULT_LOCALE)));
  return rows.flatMap((e) => (e ? [{ id: e.data.id, display: e.data.display, source: e.data.source }] : []));
}
