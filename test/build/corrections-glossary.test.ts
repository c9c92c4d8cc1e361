/**
 * The corrections log and the glossary (issue 11), checked in the built site:
 * every row of content/data/corrections.csv on /corrections/, newest first,
 * and each corrected chapter linking to its entries; every glossary term on
 * /glossary/ and linked from its first use in each chapter, exactly once,
 * never inside a heading. Each check is also fed a broken page to prove it fails.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/lib/csv';
import { html, chapterSlugs } from './dist';
import { correctionsProblems, glossaryLinkProblems, parseHtml, all, attr, textOf, type CorrectionRow, type Term } from './story-checks';

const chapters = chapterSlugs();
const rows = parseCsv(readFileSync('content/data/corrections.csv', 'utf8')).rows.map((r) => r.values as unknown as CorrectionRow);
const glossary = parseCsv(readFileSync('content/data/glossary.csv', 'utf8')).rows.map((r) => r.values);
const terms: Term[] = glossary.map((g) => ({ id: g['id']!, forms: g['match']!.split('|').map((f) => f.trim()).filter(Boolean) }));
const ui = JSON.parse(readFileSync('content/ui/en.json', 'utf8')) as Record<string, string>;
const kindLabels = Object.fromEntries(['correction', 'update', 'clarification'].map((k) => [k, ui[`corrections.kind.${k}`]!]));
const chapterDocs = () => Object.fromEntries(chapters.map((s) => [s, html(s)]));

describe('/corrections/', () => {
  it('lists every entry of content/data/corrections.csv, newest first, and each corrected chapter links to its entries', () => {
    expect(correctionsProblems(html('corrections'), chapterDocs(), rows, kindLabels)).toEqual([]);
  });
  it('is public: indexable, linked from the cover, every chapter footer, the menu and Sources and methods', () => {
    expect(html('corrections')).not.toMatch(/<meta name="robots"[^>]*noindex/);
    for (const page of ['', 'sources', ...chapters]) expect(html(page), page || 'cover').toMatch(/<a href="\/corrections\/"/);
  });

  // A fixture log, so the failure paths are exercised whatever the live file holds.
  const fixtureRows: CorrectionRow[] = [
    { id: 'new-one', date: '2026-12-02', chapter: 'ch-a', kind: 'correction', was: 'It said X.', now: 'It says Y.', source: 's1;s2' },
    { id: 'old-one', date: '2026-11-28', chapter: '', kind: 'update', was: 'Old A.', now: 'New B.', source: 's3' },
  ];
  const entry = (r: CorrectionRow) =>
    `<li id="corr-${r.id}"><p>${kindLabels[r.kind]}</p><dl><dt>Was</dt><dd>${r.was}</dd><dt>Now</dt><dd>${r.now}</dd><dd>${r.source
      .split(';')
      .map((s) => `<a href="/sources/#src-${s}">${s}</a>`)
      .join('; ')}</dd></dl></li>`;
  const log = (rs: CorrectionRow[]) =>
    `<main>${rs.map((r) => `<section><h2><time datetime="${r.date}">${r.date}</time></h2><section id="g-${r.id}">${r.chapter ? `<h3><a href="/${r.chapter}/">Chapter</a></h3>` : '<h3>Site</h3>'}<ol>${entry(r)}</ol></section></section>`).join('')}</main>`;
  const chapterPage = (link: string) => `<header><h1>T</h1><div class="dateline"><p>By desk</p>${link}</div></header><article class="prose"></article>`;
  const goodChapters = { 'ch-a': chapterPage('<p><a href="/corrections/#g-new-one">2 December 2026</a></p>'), 'ch-b': chapterPage('') };

  it('the check passes a correct log', () => {
    expect(correctionsProblems(log(fixtureRows), goodChapters, fixtureRows, kindLabels)).toEqual([]);
  });
  it('fails on a missing entry, a wrong wording, a missing source link, the wrong order, and chapters that do not link (or link when uncorrected)', () => {
    const p = (doc: string, ch: Record<string, string> = goodChapters) => correctionsProblems(doc, ch, fixtureRows, kindLabels).join('\n');
    expect(p(log([fixtureRows[0]!]))).toMatch(/no entry #corr-old-one/);
    expect(p(log(fixtureRows).replace('It says Y.', 'It says Z.'))).toMatch(/does not say what it now says/);
    expect(p(log(fixtureRows).replace('<a href="/sources/#src-s2">s2</a>', 's2'))).toMatch(/does not link its source \/sources\/#src-s2/);
    expect(p(log([...fixtureRows].reverse()))).toMatch(/not newest first/);
    expect(p(log(fixtureRows), { ...goodChapters, 'ch-a': chapterPage('') })).toMatch(/\/ch-a\/ does not link to its 2026-12-02 entries/);
    expect(p(log(fixtureRows), { ...goodChapters, 'ch-a': chapterPage('<a href="/corrections/#g-old-one">x</a>') })).toMatch(/does not link to its 2026-12-02 entries/);
    expect(p(log(fixtureRows), { ...goodChapters, 'ch-b': chapterPage('<a href="/corrections/#g-new-one">x</a>') })).toMatch(/\/ch-b\/ has no corrections but links/);
    expect(p(log(fixtureRows), { 'ch-a': '<header><h1>T</h1><div class="dateline"></div></header><footer><a href="/corrections/#g-new-one">x</a></footer>' })).toMatch(/not in the dateline/);
  });
});

describe('/glossary/', () => {
  const doc = html('glossary');
  const page = parseHtml(doc);
  for (const g of glossary) {
    it(`#term-${g['id']}: term, expansion, definition and sources`, () => {
      const e = all(page, (x) => attr(x, 'id') === `term-${g['id']}`)[0];
      expect(e, `#term-${g['id']}`).toBeDefined();
      const text = textOf(e!);
      expect(text).toContain(g['term']!.trim());
      if (g['expansion']?.trim()) expect(text).toContain(g['expansion'].trim());
      expect(text).toContain(g['definition']!.replace(/\s+/g, ' ').trim());
      for (const sid of (g['source'] ?? '').split(';').map((s) => s.trim()).filter(Boolean)) {
        expect(all(e!, (a) => a.name === 'a' && attr(a, 'href') === `/sources/#src-${sid}`)).toHaveLength(1);
      }
    });
  }
  it('linked from the cover, every chapter footer, the menu and Sources and methods', () => {
    for (const p of ['', 'sources', ...chapters]) expect(html(p), p || 'cover').toMatch(/<a href="\/glossary\/"/);
  });
});

describe('glossary links in the chapters', () => {
  for (const slug of chapters) {
    for (const page of [slug, `embed/${slug}`]) {
      it(`/${page}/: each term used is linked once, at its first use, never in a heading, a link or a number`, () => {
        expect(glossaryLinkProblems(html(page), terms)).toEqual([]);
      });
    }
  }
  const fixtureTerms: Term[] = [
    { id: 'teu', forms: ['TEU', 'TEUs'] },
    { id: 'permille', forms: ['‰', 'per mille'] },
  ];
  const filler = '<p>' + 'Plain prose with no terms in it. '.repeat(8) + '</p>';
  const article = (body: string) => `<main><h1>T</h1><article class="prose">${body}${filler}</article></main>`;
  const link = (id: string, text: string) => `<a href="/glossary/#term-${id}" class="gloss">${text}</a>`;
  it('the check passes a correctly linked chapter', () => {
    const ok = article(`<h2>TEU counts</h2><p>Ships carry <span class="fact">1 m TEU</span> or 5${link('permille', '‰')}; a ${link('teu', 'TEU')} is a box. More TEUs, and per mille.</p>`);
    expect(glossaryLinkProblems(ok, fixtureTerms)).toEqual([]);
  });
  it('fails on an unlinked term, a second link, a link past the first use, a link in a heading or a number, and an unknown term', () => {
    const p = (body: string) => glossaryLinkProblems(article(body), fixtureTerms).join('\n');
    expect(p('<p>A TEU is a box.</p>')).toMatch(/"teu" is used in the prose .* linked 0×/);
    expect(p(`<p>A ${link('teu', 'TEU')} and a ${link('teu', 'TEU')}.</p>`)).toMatch(/linked 2×/);
    expect(p(`<p>A TEU, then a ${link('teu', 'TEU')}.</p>`)).toMatch(/not at its first use/);
    expect(p(`<h2>${link('teu', 'TEU')}</h2><p>A ${link('teu', 'TEU')}.</p>`)).toMatch(/inside <h2>/);
    expect(p(`<p><span class="fact">3 ${link('teu', 'TEU')}</span> and a ${link('teu', 'TEU')}.</p>`)).toMatch(/inside <span class="fact">/);
    expect(p(`<p>${link('nope', 'nope')}</p>`)).toMatch(/unknown glossary term "nope"/);
    expect(glossaryLinkProblems('<main><h1>T</h1><article class="prose"><p>Short.</p></article></main>', fixtureTerms).join('\n')).toMatch(/prose found/);
    expect(p(`<p>No terms here but ${link('teu', 'a box')}.</p>`)).toMatch(/not in the prose/);
    // Whole words, case-sensitive: "TEUS" and "steu" are not uses.
    expect(p('<p>TEUS and steu.</p>')).toBe('');
  });
});
