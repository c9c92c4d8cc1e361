/**
 * The Spanish edition's house style, one way everywhere (issue 16: "written, not
 * machine-literal"): quotations in « » (the form the edition used most, 36 to 9,
 * when it was made one: a quotation inside one takes “ ”), "financiamiento" (the
 * Peruvian word; "financiación" is Spain's), "setiembre" as es-PE writes it, "primera etapa" for Chancay's first
 * phase (never also "primera fase"), and one Spanish name for the PGII. Reads every
 * Spanish copy file (chapters, pages, data text, figures, interface strings) as a
 * reader sees its words: MDX prose without components' attributes, YAML/CSV/JSON
 * values. Files only: no build.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseCsv } from '../../src/lib/csv';

const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
const values = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(values) : v && typeof v === 'object' ? Object.values(v).flatMap(values) : [];

/** The reader-visible strings of one Spanish copy file, with where they come from. */
function copyOf(file: string, text: string): { where: string; text: string }[] {
  if (file.endsWith('.mdx')) {
    const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const front = m ? values(parseYaml(m[1]!)) : [];
    // Prose without components' tags and attributes (ids, sources) or links' addresses.
    const prose = text.slice(m ? m[0].length : 0).replace(/<\/?[A-Za-z][^>]*>/g, ' ').replace(/\]\([^)]*\)/g, ']');
    return [...front, prose].map((t) => ({ where: file, text: t }));
  }
  if (file.endsWith('.csv')) return parseCsv(text, file).rows.flatMap((r) => Object.entries(r.values).map(([k, v]) => ({ where: `${file}:${r.line} (${r.values['id'] ?? ''}) ${k}`, text: v })));
  if (file.endsWith('.json')) return values(JSON.parse(text)).map((t) => ({ where: file, text: t }));
  if (/\.ya?ml$/.test(file)) return values(parseYaml(text)).map((t) => ({ where: file, text: t }));
  return [];
}

/** The style rules; each returns what it finds wrong in a piece of Spanish copy. */
export const RULES: { name: string; find: (t: string) => string[] }[] = [
  {
    name: 'quotations in « » (a quotation inside « » takes “ ”)',
    find: (t) => {
      // Curly quotes are allowed only inside « … ».
      const outside = t.replace(/«[^»]*»/g, '');
      return [...outside.matchAll(/“[^”]*”|(?<![=\w])"[^"\n<>{}]{1,200}"/g)].map((m) => m[0]);
    },
  },
  { name: '"financiamiento", not "financiación"', find: (t) => t.match(/financiaci[oó]n(?:es)?/gi) ?? [] },
  { name: '"primera etapa", not "primera fase"', find: (t) => t.match(/primera fase/gi) ?? [] },
  // Peru's papers and Intl's es-PE write "setiembre" (src/lib/locale-format.ts); a quotation keeps its own spelling.
  { name: '"setiembre" (es-PE), not "septiembre"', find: (t) => t.replace(/«[^»]*»/g, '').match(/septiembre/gi) ?? [] },
  {
    name: 'the PGII as "Asociación para la Infraestructura y la Inversión Global"',
    find: (t) => t.match(/(?:Alianza|Asociación) (?:Global )?(?:para|de) (?:la )?(?:Infraestructura|Inversión)[^,.()]*/g)?.filter((x) => !x.startsWith('Asociación para la Infraestructura y la Inversión Global')) ?? [],
  },
];

export function styleProblems(pieces: { where: string; text: string }[]): string[] {
  return pieces.flatMap((p) => RULES.flatMap((r) => r.find(p.text).map((bad) => `${p.where}: ${r.name}: ${bad.slice(0, 80)}`)));
}

const spanishFiles = [
  ...walk('content/chapters/es'),
  ...walk('content/pages/es'),
  ...walk('content/data/es'),
  ...readdirSync('content').filter((f) => /^figures\.es.*\.ya?ml$/.test(f)).map((f) => `content/${f}`),
  'content/ui/es.json',
  'content/site.es.json',
];

describe('the Spanish edition writes one way', () => {
  it('catches each slip on bad copy (the check can fail)', () => {
    const bad = [
      { where: 'a', text: 'El artículo habla de una "transformación ferroviaria".' },
      { where: 'b', text: 'La “última milla” del puerto; «una cita con “otra” dentro» está bien.' },
      { where: 'c', text: 'La financiación de la primera fase no se reveló.' },
      { where: 'd', text: 'el G7 lanzó la Alianza para la Infraestructura y la Inversión Globales (PGII)' },
      { where: 'e', text: 'La Asociación para la Infraestructura y la Inversión Global (PGII) y un atributo id="x"' },
      { where: 'f', text: 'ATV (25 de septiembre de 2025); «el 3 de septiembre», dijo, y en setiembre.' },
    ];
    const found = styleProblems(bad);
    expect(found).toEqual([
      'a: quotations in « » (a quotation inside « » takes “ ”): "transformación ferroviaria"',
      'b: quotations in « » (a quotation inside « » takes “ ”): “última milla”',
      'c: "financiamiento", not "financiación": financiación',
      'c: "primera etapa", not "primera fase": primera fase',
      'd: the PGII as "Asociación para la Infraestructura y la Inversión Global": Alianza para la Infraestructura y la Inversión Globales ',
      'f: "setiembre" (es-PE), not "septiembre": septiembre',
    ]);
  });

  it('every Spanish copy file follows the house style', () => {
    expect(spanishFiles.length).toBeGreaterThan(20);
    const pieces = spanishFiles.flatMap((f) => copyOf(f, readFileSync(f, 'utf8')));
    expect(pieces.length).toBeGreaterThan(1000);
    expect(styleProblems(pieces)).toEqual([]);
  });
});
