/** Translated data text (src/lib/i18n/data-text.ts): a missing or stray id, column or string fails naming the file and row; numbers never come from a translation. */
import { describe, it, expect } from 'vitest';
import { readTranslation, textColumns, rowTextColumns, mergeJsonTranslation } from '../../src/lib/i18n/data-text';
import { localePath, splitPath, alternates } from '../../src/lib/i18n';

const english = {
  header: ['id', 'label', 'value', 'source', 'confidence'],
  rows: [
    { values: { id: 'a', label: 'Peru exports to China', value: '23.2', source: 'x', confidence: 'H' } },
    { values: { id: 'b', label: 'China share of exports', value: '36', source: 'x', confidence: 'H' } },
  ],
};
const F = 'content/data/es/t.csv';

describe('translated CSV text', () => {
  it('finds the text columns (words, not numbers, sources or marks)', () => {
    expect(textColumns(english.header, english.rows.map((r) => r.values))).toEqual(['label']);
  });
  it('merges a complete translation by id', () => {
    expect(readTranslation(F, 'id,label\nb,Participación de China\na,Exportaciones del Perú a China\n', english, ['a', 'b'])).toEqual({
      a: { label: 'Exportaciones del Perú a China' },
      b: { label: 'Participación de China' },
    });
  });
  it('refuses a missing row, a missing string, a stray id, a number column and a broken row, naming file and row', () => {
    expect(() => readTranslation(F, 'id,label\na,Exportaciones\n', english, ['a', 'b'])).toThrow(/t\.csv: missing row for id "b"/);
    expect(() => readTranslation(F, 'id,label\na,Exportaciones\nb,\n', english, ['a', 'b'])).toThrow(/line 3 \(b\): label: missing the Spanish text/);
    expect(() => readTranslation(F, 'id,label\na,x y\nb,x y\nc,x y\n', english, ['a', 'b'])).toThrow(/line 4: id "c" is not in the English file/);
    expect(() => readTranslation(F, 'id,label,value\na,x y,1\nb,x y,2\n', english, ['a', 'b'])).toThrow(/column "value" holds numbers/);
    expect(() => readTranslation(F, 'id,label\na,US$4,000 millones\nb,x y\n', english, ['a', 'b'])).toThrow(/t\.csv: row at line 2/);
  });
});

describe('sources: the publisher is translated, the title is not', () => {
  // content/data/sources.csv: "Wikipedia (English)", "time.news (news aggregator)" showed on /es/ pages until the publisher column was translated.
  const sources = {
    header: ['id', 'publisher', 'title', 'url', 'date', 'url_note', 'note'],
    rows: [
      { values: { id: 'w', publisher: 'Wikipedia (English)', title: 'Galera railway station', url: 'https://en.wikipedia.org/wiki/Galera', date: '', url_note: '', note: '' } },
      { values: { id: 'r', publisher: 'Reuters', title: 'Heavy rains in Peru', url: 'https://reuters.com/x', date: '2017-03-20', url_note: '', note: 'Wire copy from Lima' } },
    ],
  };
  const S = 'content/data/es/sources.csv';
  it('asks a Spanish publisher for every source, names kept as they are', () => {
    expect(textColumns(sources.header, sources.rows.map((r) => r.values))).toEqual(['publisher', 'note']);
    expect(readTranslation(S, 'id,publisher,note\nw,Wikipedia (en inglés),\nr,Reuters,Despacho desde Lima\n', sources, ['w', 'r'])).toEqual({
      w: { publisher: 'Wikipedia (en inglés)' },
      r: { publisher: 'Reuters', note: 'Despacho desde Lima' },
    });
  });
  it('refuses a Spanish file without the publisher column, or a source without its Spanish publisher (no fallback to English)', () => {
    expect(() => readTranslation(S, 'id,note\nw,\nr,Despacho\n', sources, ['w', 'r'])).toThrow(/sources\.csv: missing column "publisher"/);
    expect(() => readTranslation(S, 'id,publisher,note\nw,,\nr,Reuters,Despacho\n', sources, ['w', 'r'])).toThrow(/line 2 \(w\): publisher: missing the Spanish text/);
    expect(() => readTranslation(S, 'id,publisher,title,note\nw,W,Estación,\nr,Reuters,Lluvias,Despacho\n', sources, ['w', 'r'])).toThrow(/column "title" holds numbers, dates, codes or sources/);
  });
});

describe('sources: a title that is our description is translated; a headline never is', () => {
  // content/data/sources.csv: `title` is a document's headline, kept as published in every edition, except in rows
  // whose title_kind is "description" (our own words, no headline recorded), which each edition gives in its language.
  const sources = {
    header: ['id', 'publisher', 'title', 'title_kind', 'url', 'note'],
    rows: [
      { values: { id: 'h', publisher: 'Reuters (news agency)', title: 'Peru pitches rail lines to six countries', title_kind: '', url: 'https://reuters.com/x', note: '' } },
      { values: { id: 'd', publisher: 'Reuters (news agency)', title: 'Reuters wire from Lima, quoted by its first sentence', title_kind: 'description', url: '', note: '' } },
    ],
  };
  const ids = ['h', 'd'];
  const S = 'content/data/es/sources.csv';
  const P = 'Reuters (agencia de noticias)';
  const q = (t: string) => (t ? `"${t}"` : '');
  const es = (h: string, d: string) => `id,publisher,title\nh,${P},${q(h)}\nd,${P},${q(d)}\n`;

  it('finds title as a column translated in some rows only (it has a title_kind beside it)', () => {
    expect(rowTextColumns(sources.header)).toEqual(['title']);
    expect(textColumns(sources.header, sources.rows.map((r) => r.values))).not.toContain('title');
  });
  it('takes the Spanish description and leaves the headline out (it stays as published)', () => {
    expect(readTranslation(S, es('', 'Cable de Reuters desde Lima, citado por su primera frase'), sources, ids)).toEqual({
      h: { publisher: P },
      d: { publisher: P, title: 'Cable de Reuters desde Lima, citado por su primera frase' },
    });
  });
  it('refuses a Spanish file without the title column while a description needs it', () => {
    expect(() => readTranslation(S, `id,publisher\nh,${P}\nd,${P}\n`, sources, ids)).toThrow(
      `${S}: missing column "title" (the English rows whose title_kind is "description" hold our own words, which each edition gives in its language)`,
    );
    // With no description row there is nothing to translate: no title column is needed.
    const headlinesOnly = { header: sources.header, rows: [sources.rows[0]!] };
    expect(readTranslation(S, `id,publisher\nh,${P}\n`, headlinesOnly, ['h'])).toEqual({ h: { publisher: P } });
  });
  it('refuses a description left blank, naming the file, line, row and the English words', () => {
    expect(() => readTranslation(S, es('', ''), sources, ids)).toThrow(
      `${S}: row at line 3 (d): title: missing the Spanish text (the English title is our own description, "Reuters wire from Lima, quoted by its first sentence")`,
    );
  });
  it('refuses a description still in English', () => {
    expect(() => readTranslation(S, es('', 'Reuters wire from Lima, quoted by its first sentence'), sources, ids)).toThrow(
      `${S}: row at line 3 (d): title: still the English description; give it in the edition's language`,
    );
  });
  it('refuses a Spanish title for a headline (a document keeps its own title)', () => {
    expect(() => readTranslation(S, es('El Perú ofrece líneas férreas a seis países', 'Cable de Reuters desde Lima'), sources, ids)).toThrow(
      `${S}: row at line 2 (h): title: a document's own title stays as published, in its language (leave it blank, or mark the English row's title_kind "description" if the words are ours)`,
    );
  });
});

describe('translated JSON text', () => {
  const en = [{ id: 'r', label: 'Chancay to Shanghai, direct', nm: 9237, stops: [{ at: 'Callao', what: 'transshipment' }], source: 'x;y' }];
  const J = 'content/data/es/r.json';
  it('replaces strings in place and keeps numbers and sources', () => {
    const out = mergeJsonTranslation(J, JSON.stringify([{ id: 'r', label: 'Chancay a Shanghái, directo', stops: [{ what: 'transbordo' }] }]), en, ['r']);
    expect(out[0]).toEqual({ id: 'r', label: 'Chancay a Shanghái, directo', nm: 9237, stops: [{ at: 'Callao', what: 'transbordo' }], source: 'x;y' });
  });
  it('refuses a missing phrase, a number and a changed source', () => {
    expect(() => mergeJsonTranslation(J, '[{"id":"r"}]', en, ['r'])).toThrow(/r\.label: missing the translated text/);
    expect(() => mergeJsonTranslation(J, '[{"id":"r","label":"x y z","nm":1}]', en, ['r'])).toThrow(/r\.nm: numbers and flags come from the English file/);
    expect(() => mergeJsonTranslation(J, '[{"id":"r","label":"x y z","source":"z"}]', en, ['r'])).toThrow(/r\.source: .* kept from the English file/);
  });
});

describe('edition paths', () => {
  it('prefixes Spanish paths and finds a page in both editions', () => {
    expect(localePath('es', '/sources/#src-a')).toBe('/es/sources/#src-a');
    expect(localePath('en', '/sources/')).toBe('/sources/');
    expect(splitPath('/es/the-announcement/')).toEqual({ locale: 'es', path: '/the-announcement/' });
    expect(splitPath('/estimates/')).toEqual({ locale: 'en', path: '/estimates/' });
    expect(alternates('/es/')).toEqual([{ locale: 'en', path: '/' }, { locale: 'es', path: '/es/' }]);
  });
});
