/**
 * Reading a scroll-driven graphic as a reader does (issue 12), on two phones
 * and a laptop: at every step of every section found in the built chapter
 * pages, with the step's card centred at 30, 50 and 70 % of the screen,
 *  - a card hides at most 10 % of the graphic's drawing (laptop: none of it),
 *  - on a phone the drawing fills at least 40 % of the screen height,
 *  - the drawing's pixels are not empty (390 px and 1280 px).
 * Both editions: English at the two phones and the laptop, Spanish (longer
 * labels and notes, the same layout) at the two phones. One page load per
 * chapter per viewport per edition; it prints the table for the note (edition,
 * step, covered %, drawing share of the viewport, ink).
 *   PHONE_SHOTS=/tmp/dir   also saves a screenshot of the phone screens with each step's card in the
 *                          reading band (card centre at 70%), to look at: [es-]<chapter>-<w>x<h>-step<N>.png
 *   PHONE_READING_EDITION=en|es   reads one edition only
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { frames, launch, openPage } from './browser';
import { chapterSlugs, html } from '../build/dist';
import { coverage, inkShare, placeCard, sectionsOnPage, shot, type Coverage } from './reading';

const site = inject('siteUrl');
const SHOTS = process.env.PHONE_SHOTS;
const ONLY = process.env.PHONE_READING_EDITION;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
/** An edition's chapters with at least one scroll-driven section, from its built pages (a missing page fails). */
const chaptersOf = (prefix: string) => chapterSlugs().filter((slug) => html(path.join(prefix, slug)).includes('<scrolly-section'));
const viewports = [
  { width: 360, height: 740, phone: true, pixels: false },
  { width: 390, height: 844, phone: true, pixels: true },
  { width: 1280, height: 800, phone: false, pixels: true },
];
/** The Spanish edition's pages (/es/<chapter>/), read at the phone sizes, where its longer copy is tightest. */
const editions = [
  { id: 'en', prefix: '', viewports },
  { id: 'es', prefix: '/es', viewports: viewports.filter((v) => v.phone) },
].filter((e) => !ONLY || e.id === ONLY);
const POSITIONS = [0.3, 0.5, 0.7];
const MAX_COVERED = 0.1;
const MIN_SHARE = 0.4;
const MIN_INK = 0.01;
/** How long a graphic may take to draw its picture at full size (the 3D scene replaces its poster after its first frame). */
const DRAW_MS = 15_000;

/**
 * Measure until the drawing is big enough or DRAW_MS has passed, paced by
 * rendered frames (no fixed sleep): a graphic that draws asynchronously gets
 * its time, one that is too small is reported with what it measured.
 */
async function measured(page: Page, sectionId: string, phone: boolean): Promise<Coverage> {
  const end = Date.now() + DRAW_MS;
  let c = await coverage(page, sectionId);
  while (phone && c.share < MIN_SHARE && Date.now() < end) {
    await frames(page, 4);
    c = await coverage(page, sectionId);
  }
  return c;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Row {
  edition: string;
  vp: string;
  chapter: string;
  step: number;
  at: number;
  covered: number;
  share: number;
  ink: number | null;
  what: string;
}
const table: Row[] = [];

afterAll(() => {
  if (!table.length) return;
  const lines = ['edition | viewport | chapter | step | card at | covered % | drawing share % | ink % | drawing'];
  for (const r of table)
    lines.push(
      `${r.edition} | ${r.vp} | ${r.chapter} | ${r.step} | ${Math.round(r.at * 100)}% | ${(r.covered * 100).toFixed(1)} | ${(r.share * 100).toFixed(0)} | ${r.ink === null ? '' : (r.ink * 100).toFixed(1)} | ${r.what}`,
    );
  // Per step, the worst of the three card positions: the table for the note.
  lines.push('', 'worst of card centres 30/50/70 %: edition | viewport | chapter | step | covered % | drawing share %');
  const worst = new Map<string, Row[]>();
  for (const r of table) {
    const k = `${r.edition} | ${r.vp} | ${r.chapter} | ${r.step}`;
    worst.set(k, [...(worst.get(k) ?? []), r]);
  }
  for (const [k, rs] of worst) lines.push(`${k} | ${(Math.max(...rs.map((r) => r.covered)) * 100).toFixed(1)} | ${(Math.min(...rs.map((r) => r.share)) * 100).toFixed(0)}`);
  lines.push('');
  for (const e of editions)
    for (const vp of e.viewports) {
      const rows = table.filter((r) => r.edition === e.id && r.vp === `${vp.width}x${vp.height}`);
      if (!rows.length) continue;
      const over = rows.filter((r) => r.covered > MAX_COVERED).length;
      lines.push(`${e.id} ${vp.width}x${vp.height}: ${rows.length} positions, max covered ${(Math.max(...rows.map((r) => r.covered)) * 100).toFixed(1)} %, ${over} over ${MAX_COVERED * 100} %, min drawing share ${(Math.min(...rows.map((r) => r.share)) * 100).toFixed(0)} %`);
    }
  console.log(lines.join('\n'));
});

describe('a reader sees what each step talks about', () => {
  for (const edition of editions) {
    for (const vp of edition.viewports) {
      for (const slug of chaptersOf(edition.prefix)) {
        it(`${edition.id} ${vp.width}x${vp.height} ${slug}`, async () => {
          const { page, errors } = await openPage(browser, [site], { viewport: { width: vp.width, height: vp.height } });
          await page.goto(`${site}${edition.prefix}/${slug}/`, { waitUntil: 'load' });
          const problems: string[] = [];
          for (const section of await sectionsOnPage(page)) {
            for (const [i, n] of section.steps.entries()) {
              for (const at of POSITIONS) {
                await placeCard(page, n, at);
                // The graphic mounts when it nears the viewport: wait for it before judging its picture.
                await page.waitForFunction((id) => document.querySelector(`#${id} chancay-figure`)?.getAttribute('data-mounted') === 'true', section.id, { timeout: 15_000 });
                const c = await measured(page, section.id, vp.phone);
                if (SHOTS && vp.phone && at === 0.7)
                  writeFileSync(path.join(SHOTS, `${edition.prefix ? 'es-' : ''}${slug}-${vp.width}x${vp.height}-step${String(n).padStart(2, '0')}.png`), await page.screenshot());
                let ink: number | null = null;
                if (vp.pixels && c.box) ink = await inkShare(await shot(page, c.box));
                table.push({ edition: edition.id, vp: `${vp.width}x${vp.height}`, chapter: slug, step: n, at, covered: c.covered, share: c.share, ink, what: c.what });
                const where = `${section.id} step ${n} (${i + 1}/${section.steps.length}), card at ${at * 100}%`;
                if (!c.box) problems.push(`${where}: the drawing is not on screen`);
                const limit = vp.phone ? MAX_COVERED : 0;
                if (c.covered > limit) problems.push(`${where}: a card hides ${(c.covered * 100).toFixed(1)}% of the drawing (limit ${limit * 100}%)`);
                if (vp.phone && c.share < MIN_SHARE) problems.push(`${where}: the drawing fills ${(c.share * 100).toFixed(0)}% of the screen height (min ${MIN_SHARE * 100}%)`);
                if (ink !== null && ink < MIN_INK) problems.push(`${where}: the drawing's box is empty (${(ink * 100).toFixed(2)}% ink)`);
              }
            }
          }
          expect(problems).toEqual([]);
          expect(errors).toEqual([]);
          await page.context().close();
        }, 240_000);
      }
    }
  }
});
