/**
 * The Sources page's table of every figure quoted in the text, as a reader
 * sees it: on a phone each figure is a card whose five cells all sit on the
 * screen (the five-column table used to push Confidence and Note off its
 * right edge), and it is still a table to a screen reader (Chromium's own
 * accessibility tree: headings and row headers); on a laptop it is a table
 * with its columns side by side. Each row is headed by the figure's label
 * (facts.csv `label`, in the edition's words), not by its data id, which
 * stays the row's anchor (#fact-<id>).
 */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { parseCsv } from '../../src/lib/csv';
import { launch, openPage } from './browser';

/** A figure's label (facts.csv `label`, its Spanish in es/facts.csv): what heads its row, in place of its data id. */
const labelOf = (id: string) => {
  const file = id.startsWith('es:') ? 'content/data/es/facts.csv' : 'content/data/facts.csv';
  const label = parseCsv(readFileSync(file, 'utf8'), file).rows.find((r) => r.values['id'] === id.replace(/^es:/, ''))?.values['label'];
  if (!label) throw new Error(`${file}: no label for ${id}`);
  return label;
};

const site = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Boxes of a fact row's header and cells, in page coordinates, once the row is on screen. */
async function rowBoxes(page: Page, id: string) {
  await page.goto(`${site}${id.startsWith('es:') ? '/es' : ''}/sources/#fact-${id.replace(/^es:/, '')}`);
  const row = page.locator(`#fact-${id.replace(/^es:/, '')}`);
  await row.scrollIntoViewIfNeeded();
  return row.evaluate((tr) =>
    [...tr.children].map((c) => {
      const r = c.getBoundingClientRect();
      const text = (c as HTMLElement).innerText.trim();
      return { tag: c.tagName, left: r.left, right: r.right, top: r.top, bottom: r.bottom, text };
    }),
  );
}

/** The facts table in Chromium's accessibility tree (what a screen reader is given, not the DOM's tags). */
async function axTable(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
  const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.facts-table' })) as { nodeId: number };
  const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as { nodes: { role?: { value: string } }[] };
  const count = async (role: string) => ((await cdp.send('Accessibility.queryAXTree', { nodeId, role })) as { nodes: unknown[] }).nodes.length;
  return { role: nodes[0]?.role?.value, columnHeaders: await count('columnheader'), rowHeaders: await count('rowheader'), rows: await count('row') };
}

describe('Sources: the table of figures quoted in the text', () => {
  for (const [width, height] of [
    [360, 740],
    [390, 844],
  ]) {
    it(`on a ${width} px phone, every cell of a figure's row is on the screen, stacked, and the page does not scroll sideways`, async () => {
      const { page, errors } = await openPage(browser, [site], { viewport: { width, height }, isMobile: true });
      for (const id of ['chancay-draft', 'es:chancay-capacity-teu']) {
        const cells = await rowBoxes(page, id);
        expect(cells.length).toBe(5);
        // The card is headed by what the figure is, in the edition's words, not by its data id.
        expect(cells[0]).toMatchObject({ tag: 'TH', text: labelOf(id) });
        expect(cells[0].text).not.toBe(id.replace(/^es:/, ''));
        const shown = cells.filter((c) => c.bottom > c.top);
        // The note may be empty (and is then not drawn); the other four always have words.
        expect(shown.length).toBeGreaterThanOrEqual(4);
        for (const c of shown) {
          expect(c.left, `${id} ${c.tag} "${c.text}"`).toBeGreaterThanOrEqual(0);
          expect(c.right, `${id} ${c.tag} "${c.text}"`).toBeLessThanOrEqual(width);
          expect(c.text.length).toBeGreaterThan(0);
        }
        // Stacked: each shown cell starts below the one before it.
        for (let i = 1; i < shown.length; i++) expect(shown[i].top).toBeGreaterThanOrEqual(shown[i - 1].bottom - 1);
        // Each cell says which column it is (Confidence: H), since the headings row is not drawn; the
        // Spanish page writes the mark in Spanish (A alta, M media, B baja: confidenceMark, src/lib/ui.ts).
        // The colon is the label's ::after.
        expect(shown[3].text).toMatch(id.startsWith('es:') ? /^Confianza\s*[AMB](?:-[AMB])?$/ : /^Confidence\s*[HML](?:-[HML])?$/);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      }
      // Still a table to a screen reader: five column headings, a row per figure and its row header.
      const rows = await page.locator('.facts-table tbody tr').count();
      expect(rows).toBeGreaterThan(100);
      expect(await axTable(page)).toEqual({ role: 'table', columnHeaders: 5, rowHeaders: rows, rows: rows + 1 });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('on a laptop, it is a table: a row\'s cells side by side, headings drawn, no repeated labels', async () => {
    const { page, errors } = await openPage(browser, [site], { viewport: { width: 1280, height: 800 } });
    const cells = await rowBoxes(page, 'chancay-draft');
    expect(cells.length).toBe(5);
    expect(cells[0]).toMatchObject({ tag: 'TH', text: labelOf('chancay-draft') });
    // A screen reader is given the label as the row's header (its name in the accessibility tree).
    expect(await page.getByRole('rowheader', { name: labelOf('chancay-draft'), exact: true }).count()).toBe(1);
    for (let i = 1; i < cells.length; i++) {
      expect(Math.abs(cells[i].top - cells[0].top)).toBeLessThan(2);
      expect(cells[i].left).toBeGreaterThanOrEqual(cells[i - 1].right - 1);
    }
    expect(cells[3].text).toMatch(/^[HML]$/);
    expect(await page.locator('.facts-table thead th').first().evaluate((th) => th.getBoundingClientRect().height)).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
