/** Copy for graphics comes from content/figures.yaml `labels`; a missing key fails loudly, never falls back to English. */
export function label(labels: Record<string, string>, key: string, graphic: string): string {
  const v = labels[key];
  if (typeof v !== 'string') throw new Error(`[${graphic}] label "${key}" is missing from content/figures.yaml`);
  return v;
}
