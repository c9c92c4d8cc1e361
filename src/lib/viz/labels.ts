/**
 * Replace {name} placeholders in copy from content/ (figures.yaml labels); a missing value fails
 * loudly, naming the graphic (`where`) and the template: the one filler every graphic uses, so a
 * label that asks for a value its code does not give fails the build instead of printing "{km}"
 * or nothing on the page (the graphics each had their own, some leaving the placeholder, one an
 * empty string, until 7 Dec 2026).
 */
export function fill(tpl: string, vars: Record<string, string | number>, where = 'label'): string {
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in vars)) throw new Error(`[${where}] "${tpl}" needs a value for {${k}}`);
    return String(vars[k]);
  });
}

/** Copy for graphics comes from content/figures.yaml `labels`; a missing key fails loudly, never falls back to English. */
export function label(labels: Record<string, string>, key: string, graphic: string): string {
  const v = labels[key];
  if (typeof v !== 'string') throw new Error(`[${graphic}] label "${key}" is missing from content/figures.yaml`);
  return v;
}
