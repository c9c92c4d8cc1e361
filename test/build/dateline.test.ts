/**
 * Dated, not stale (issue 11): every chapter page and the cover carry the desk
 * byline and "Published … · Updated …" from content/site.json, and each
 * chapter's JSON-LD NewsArticle has dateModified = site.json's `updated`.
 * The checks are fed broken pages too, to prove they fail.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { html, chapterSlugs } from './dist';
import { humanDate, datelineProblems, newsArticleProblems, jsonLdBlocks, newsArticles, type Story } from './story-checks';

const story = JSON.parse(readFileSync('content/site.json', 'utf8')) as Story;
const localeTag = (JSON.parse(readFileSync('content/ui/en.json', 'utf8')) as Record<string, string>)['locale.intl']!;
const chapters = chapterSlugs();

describe('byline and dateline', () => {
  for (const slug of chapters) {
    it(`/${slug}/: desk byline, published and updated dates from content/site.json under the title`, () => {
      expect(datelineProblems(html(slug), story, localeTag)).toEqual([]);
    });
    it(`/embed/${slug}/: the embedded chapter is dated too`, () => {
      expect(datelineProblems(html(`embed/${slug}`), story, localeTag)).toEqual([]);
    });
  }
  it('the cover is dated', () => {
    expect(datelineProblems(html(''), story, localeTag)).toEqual([]);
  });
  it('shows the updated date as a reader reads it, e.g. "Updated 2 December 2026"', () => {
    // A literal anchor for the computed expectations above: if site.json says 2026-12-02, the page says so in words.
    if (story.updated === '2026-12-02') expect(html(chapters[0]!)).toMatch(/Updated <time datetime="2026-12-02"[^>]*>2 December 2026<\/time>/);
  });

  it('fails on a page whose dateline shows another date', () => {
    const good = html(chapters[0]!);
    const other = '2026-11-30';
    const stale = good.replaceAll(`datetime="${story.updated}"`, `datetime="${other}"`);
    expect(datelineProblems(stale, story, localeTag).join('\n')).toMatch(/expected .*site\.json/);
    // Right datetime, wrong words.
    const words = good.replace(`>${humanDate(story.updated, localeTag)}</time>`, '>30 November 2026</time>');
    expect(words).not.toBe(good);
    expect(datelineProblems(words, story, localeTag).length).toBeGreaterThan(0);
    // No dateline at all, or no byline.
    expect(datelineProblems(good.replace(/class="dateline"/, 'class="x"'), story, localeTag)).toContain('expected one .dateline, found 0');
    expect(datelineProblems(good.replaceAll(story.byline, 'Someone'), story, localeTag).join('\n')).toMatch(/byline/);
  });
});

describe('JSON-LD NewsArticle', () => {
  for (const slug of chapters) {
    it(`/${slug}/: parses, has the required fields, dateModified = content/site.json updated`, () => {
      expect(newsArticleProblems(html(slug), story)).toEqual([]);
    });
  }
  it('the cover describes the site and the story, with every chapter as a part', () => {
    const doc = html('');
    expect(newsArticleProblems(doc, story)).toEqual([]);
    const { blocks } = jsonLdBlocks(doc);
    const graph = (blocks[0] as { '@graph': { '@type': string }[] })['@graph'];
    expect(graph.map((n) => n['@type'])).toContain('WebSite');
    const parts = newsArticles(blocks)[0]!['hasPart'] as { url: string }[];
    expect(parts.map((p) => new URL(p.url).pathname)).toEqual(chapters.map((s) => `/${s}/`));
  });
  it('each chapter is part of the story the cover describes', () => {
    const storyId = (newsArticles(jsonLdBlocks(html('')).blocks)[0]!['@id'] as string) ?? '';
    expect(storyId).toMatch(/#story$/);
    for (const slug of chapters) {
      const a = newsArticles(jsonLdBlocks(html(slug)).blocks)[0]!;
      expect((a['isPartOf'] as { '@id': string })['@id']).toBe(storyId);
    }
  });

  it('fails on a stale dateModified, a broken block, an unescaped "</" and a missing article', () => {
    const good = html(chapters[0]!);
    expect(newsArticleProblems(good.replace(`"dateModified":"${story.updated}"`, '"dateModified":"2026-11-27"'), story).join('\n')).toMatch(/dateModified/);
    expect(newsArticleProblems(good.replace('"@type":"NewsArticle",', '"@type":"NewsArticle",,'), story).join('\n')).toMatch(/does not parse/);
    expect(newsArticleProblems(good.replace('"headline":"', '"headline":"</b>'), story).join('\n')).toMatch(/unescaped/);
    expect(newsArticleProblems(good.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, ''), story).join('\n')).toMatch(/no <script type="application\/ld\+json">|found 0/);
    expect(newsArticleProblems(good.replace(`"name":"${story.byline}"`, '"name":"A. Person"'), story).join('\n')).toMatch(/author/);
  });
});
