/**
 * Every source can be checked by a reader, and every source id resolves
 * (issue 11). The rules live in ./source-rules.ts and read content/ only; each
 * is first shown to fail on a bad sample, then run on the project's real
 * content. Last, the built Sources pages (dist/, both editions): each row of
 * the table of figures is headed by the figure's label from facts.csv, in the
 * edition's words, never by its data id, which stays the row's anchor.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  SOURCES_CSV,
  checkAll,
  checkSourceLinks,
  checkUnknownIds,
  checkUnused,
  collectUses,
  homepageReason,
  readContent,
  readSources,
  type ContentFile,
} from './source-rules';
import { checkSourceIds, sourceIdsIn, DataFileError } from '../../src/lib/data-loader';
import { parseCsv } from '../../src/lib/csv';
import { html } from './dist';

const header = 'id,publisher,title,url,date,url_note,note\n';
const sourcesFile = (rows: string): ContentFile => ({ path: SOURCES_CSV, text: header + rows });
const good = 'a,Pub,"A headline",https://example.org/2024/05/a-story,2024-05-01,,\nb,Pub,"B report",,2023,"Print only: not online",\n';

describe('the rules fail on bad samples', () => {
  it('a homepage or a section index is not a source link; an article is', () => {
    for (const url of ['https://www.reuters.com/', 'https://apnews.com', 'http://www.news.cn/', 'https://gestion.pe/economia/', 'https://en.mercopress.com/news/', 'https://andina.pe/ingles/']) {
      expect(homepageReason(url), url).not.toBeNull();
    }
    for (const url of [
      'https://gestion.pe/economia/comex-exportaciones-a-china-se-cuadruplicaron-desde-2010-al-2023-noticia/',
      'http://en.people.cn/n3/2025/1213/c90000-20401994.html',
      'https://www.ferrocarrilcentral.com.pe/mapa',
      'https://proactivo.com.pe/?p=720208',
    ]) {
      expect(homepageReason(url), url).toBeNull();
    }
    const rows = readSources(header + 'r,Reuters,"Peru pitches rail",https://www.reuters.com/,2024,,\n');
    expect(checkSourceLinks(rows)).toEqual([`${SOURCES_CSV}:2 (r): url https://www.reuters.com/ is a homepage (no path); link the article or document itself`]);
  });

  it('a source without a url must say why in url_note', () => {
    expect(checkSourceLinks(readSources(header + 'x,Pub,"T",,2020,,\n'))).toEqual([`${SOURCES_CSV}:2 (x): no url and no url_note saying why`]);
    expect(checkSourceLinks(readSources(header + good))).toEqual([]);
  });

  it('an unknown source id is caught in a data file, a JSON file, an MDX prop, an MDX link, front matter and figures.yaml', () => {
    const files: ContentFile[] = [
      sourcesFile(good),
      { path: 'content/data/x.csv', text: 'id,value,source\nrow1,1,a;zz-csv\nrow2,2,b\n' },
      { path: 'content/data/y.json', text: JSON.stringify([{ id: 'route', source: 'a;zz-json' }]) },
      { path: 'content/chapters/01.mdx', text: '---\ntitle: T\nsources: "zz-front"\n---\n\nText ([Pub](/sources/#src-zz-link)).\n\n<Note kind="context" sources="a;zz-prop">x</Note>\n' },
      { path: 'content/figures.yaml', text: '- id: f\n  viz: v\n  sources: "b;zz-yaml"\n' },
    ];
    const problems = checkUnknownIds(readSources(files[0]!.text), collectUses(files));
    // Every planted id is reported once, with its file.
    for (const [id, file] of [['zz-csv', 'x.csv:2'], ['zz-json', 'y.json'], ['zz-link', '01.mdx:6'], ['zz-prop', '01.mdx:8'], ['zz-front', '01.mdx:3'], ['zz-yaml', 'figures.yaml:3']] as const) {
      expect(problems.filter((p) => p.includes(`"${id}"`)), id).toEqual([expect.stringContaining(file)]);
    }
    expect(problems).toHaveLength(6);
  });

  it('a source nothing uses is reported', () => {
    const files: ContentFile[] = [sourcesFile(good), { path: 'content/data/x.csv', text: 'id,source\nr,a\n' }];
    expect(checkUnused(readSources(files[0]!.text), collectUses(files))).toEqual([`${SOURCES_CSV}:3 (b): no data file, figure or page uses this source`]);
  });

  it('the build-time check names the data file, the row and the unknown id', () => {
    const known = sourceIdsIn(header + good);
    expect([...known]).toEqual(['a', 'b']);
    const rows = [{ id: 'ok', line: 2, data: { source: ['a'] } }, { id: 'bad-row', line: 3, data: { source: ['b', 'nope'] } }];
    expect(() => checkSourceIds('content/data/facts.csv', rows, known)).toThrow(DataFileError);
    expect(() => checkSourceIds('content/data/facts.csv', rows, known)).toThrow(
      'content/data/facts.csv: row at line 3 (bad-row): source: unknown source id "nope" (add it to content/data/sources.csv or fix the id)',
    );
    // The glossary's optional ";"-separated string column is checked too; a blank one is fine.
    expect(() => checkSourceIds('content/data/glossary.csv', [{ id: 'teu', line: 2, data: { source: 'a; nope2' } }], known)).toThrow(/"nope2"/);
    expect(() => checkSourceIds('content/data/glossary.csv', [{ id: 'teu', line: 2, data: { source: undefined } }], known)).not.toThrow();
  });
});

describe("the project's sources", () => {
  const files = readContent();

  it('reads every kind of file that names sources', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toContain(SOURCES_CSV);
    expect(paths).toContain('content/figures.yaml');
    expect(paths.some((p) => p.startsWith('content/chapters/') && p.endsWith('.mdx'))).toBe(true);
    expect(paths.some((p) => p.endsWith('.json'))).toBe(true);
    // Sanity: the real content names hundreds of sources, so the rules are not vacuously passing.
    expect(collectUses(files).length).toBeGreaterThan(300);
  });

  it('every source links its document (or says why not), every id used exists, and every source is used', () => {
    expect(checkAll(files)).toEqual([]);
  });

  it('the article under review is listed with its outlet and address', () => {
    const rows = readSources(readFileSync(SOURCES_CSV, 'utf8'));
    const timenews = rows.find((r) => r.id === 'timenews');
    expect(timenews?.url).toMatch(/^https:\/\/time\.news\/.+/);
  });

  it('the research notes are not a source: every figure names the original report', () => {
    const rows = readSources(readFileSync(SOURCES_CSV, 'utf8'));
    expect(rows.map((r) => r.id)).not.toContain('facts');
  });
});

/** The table of figures quoted in the text on a built Sources page: each row's anchor id and its row header's text. */
function factRows(doc: string): { id: string; header: string }[] {
  const decode = (t: string) => t.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return [...doc.matchAll(/<tr id="fact-([^"]+)"[^>]*>\s*<th scope="row"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => ({
    id: m[1]!,
    header: decode(m[2]!.replace(/<[^>]+>/g, '')).trim(),
  }));
}

describe("the Sources page's table of figures: each row is headed by what the figure is", () => {
  const labelsOf = (file: string) => new Map(parseCsv(readFileSync(file, 'utf8'), file).rows.map((r) => [r.values['id']!, r.values['label'] ?? '']));
  const editions = [
    { page: 'sources', file: 'content/data/facts.csv' },
    { page: 'es/sources', file: 'content/data/es/facts.csv' },
  ];

  it('a reader finds the figure by its label (in the edition), and a link to #fact-<id> still lands on its row', () => {
    const ids = new Set(labelsOf('content/data/facts.csv').keys());
    for (const { page, file } of editions) {
      const labels = labelsOf(file);
      const rows = factRows(html(page));
      // Every figure has its row, anchored by its id, in the file's order.
      expect(rows.map((r) => r.id), page).toEqual([...ids]);
      for (const r of rows) {
        expect(r.header, `/${page}/#fact-${r.id}`).toBe(labels.get(r.id));
        expect(r.header, `/${page}/#fact-${r.id}: headed by its data id`).not.toBe(r.id);
        expect(r.header, `/${page}/#fact-${r.id}`).not.toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)+$/);
      }
    }
  });

  it("labels are a reader's words: 2 to 7 words, sentence case, each used once in its edition", () => {
    for (const { file } of editions) {
      const labels = [...labelsOf(file)];
      expect(labels.length, file).toBeGreaterThan(100);
      const seen = new Map<string, string>();
      for (const [id, label] of labels) {
        const words = label.split(/\s+/).filter(Boolean).length;
        expect(words, `${file} ${id}: "${label}"`).toBeGreaterThanOrEqual(2);
        expect(words, `${file} ${id}: "${label}"`).toBeLessThanOrEqual(7);
        expect(label, `${file} ${id}: starts with a capital`).toMatch(/^\p{Lu}/u);
        expect(seen.get(label), `${file}: "${label}" heads two rows`).toBeUndefined();
        seen.set(label, id);
      }
    }
  });
});
