/**
 * Moderation in Chromium against a real Waline (SQLite, temp folder) behind
 * serve()'s /api/ proxy, on the built site: the moderation page by keyboard
 * (queues with counts, shortcuts, bulk actions, the audit log), axe in both
 * colour schemes, screenshots of every queue at 390 and 1280 px
 * (test-results/comments/moderate-<queue>-<width>.png); the widget's Report
 * control and self-deletion; a closed thread.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './browser';
import { axe } from './axe';
import { startHarness, postAs, nextIp, approve, api, MODERATOR, type Harness } from '../comments/harness';

const CHAPTER = '/the-road-to-apec/';
const SLOW = { timeout: 20_000, interval: 100 };
const SHOTS = 'test-results/comments';
const QUEUES = ['waiting', 'reported', 'likely_spam', 'approved', 'rejected', 'spam'];

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ root: process.env.DIST_DIR ?? 'dist', rateLimitSeconds: 0, caps: { total: 1e6, perChapter: 1e6, perReader: 1e6 }, reportThreshold: 2 });
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function signIn(page: Page) {
  await page.goto(h.site + '/moderate/');
  await page.locator('#mod-email').fill(MODERATOR.email);
  await page.locator('#mod-password').fill(MODERATOR.password);
  await page.locator('#mod-password').press('Enter');
  await expect.poll(() => page.locator('#mod-panel').isVisible(), SLOW).toBe(true);
}
const statusOf = async (id: number) => (await h.rows('id = ?', [id]))[0]?.status ?? 'deleted';

describe('moderation page', () => {
  it('works from the keyboard: queues with counts, j/k and x to select, a to approve, r to reject, the audit log; noindex and not linked from the story', async () => {
    const ids: number[] = [];
    for (const who of ['Keyboard One', 'Keyboard Two', 'Keyboard Three']) ids.push(Number((await postAs(h, nextIp(), { nick: who, comment: `Comment by ${who}`, url: CHAPTER })).json.data.objectId));
    const spam = Number((await postAs(h, nextIp(), { nick: 'Spammer', comment: `Buy now ${Array.from({ length: 10 }, (_, i) => `https://s${i}.example/`).join(' ')}`, url: CHAPTER })).json.data.objectId);
    const { page, errors, foreign } = await openPage(browser, [h.site], { viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => void d.accept());
    await signIn(page);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    await expect.poll(() => page.locator('.mod__item').count(), SLOW).toBe(3);
    expect(await page.locator('[data-count="waiting"]').textContent()).toBe('(3)');
    expect(await page.locator('[data-count="likely_spam"]').textContent()).toBe('(1)');
    // Oldest first; each shows chapter, earlier comments and the address hash, never the address.
    expect(await page.locator('.mod__item .mod__text').allTextContents()).toEqual(['Comment by Keyboard One', 'Comment by Keyboard Two', 'Comment by Keyboard Three']);
    const meta = await page.locator('.mod__item .mod__meta').first().textContent();
    expect(meta).toContain(CHAPTER);
    expect(meta).toMatch(/address #[0-9a-f]{8} · 0 earlier from this address, 0 from this e-mail/);
    expect(await page.locator('#mod-panel').innerText()).not.toMatch(/127\.0\.0\.1|10\.\d+\.\d+\.\d+/);

    // j focuses the first comment, x selects it; j, x the second; a approves both.
    await page.locator('#mod-refresh').focus();
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toContain('mod__item');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    expect(await page.locator('#mod-selected').textContent()).toBe('2 selected');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('.mod__item').count(), SLOW).toBe(1);
    expect(await statusOf(ids[0]!)).toBe('approved');
    expect(await statusOf(ids[1]!)).toBe('approved');
    expect(await page.locator('.mod__status').textContent()).toBe('2 comments approved.');
    // r on the comment in focus (nothing selected): rejected, kept, hidden.
    await page.locator('.mod__item').first().focus();
    await page.keyboard.press('r');
    await expect.poll(() => page.locator('.mod__item .mod__text').allTextContents(), SLOW).toEqual([]);
    expect(await statusOf(ids[2]!)).toBe('spam');
    // Tab to the Likely spam queue and open it with Enter.
    await page.locator('[data-queue="likely_spam"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#mod-list-title').textContent(), SLOW).toBe('Likely spam (1)');
    expect(await page.locator('.mod__signals').first().textContent()).toContain('10 links');
    // The buttons say which comment they act on.
    await page.getByRole('button', { name: 'Spam: comment by Spammer' }).press('Enter');
    await expect.poll(() => statusOf(spam), SLOW).toBe('spam');
    // The audit log shows who did what.
    await expect.poll(() => page.locator('#mod-audit tr').count(), SLOW).toBeGreaterThanOrEqual(3);
    const log = await page.locator('#mod-audit').innerText();
    expect(log).toContain(`${MODERATOR.name} <${MODERATOR.email}>`);
    expect(log).toMatch(/approved\s+2\s+\d+,\d+/);
    expect(log).toMatch(/rejected\s+1/);
    expect(await page.context().cookies()).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
    const dist = process.env.DIST_DIR ?? 'dist';
    const html = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.html') && !f.startsWith('moderate'));
    for (const f of html) expect(readFileSync(`${dist}/${f}`, 'utf8'), f).not.toContain('/moderate/');
  });

  it('passes axe in both colour schemes with every queue; screenshots of each queue at 390 and 1280 px', async () => {
    // Something in every queue.
    const mk = async (nick: string, comment: string) => Number((await postAs(h, nextIp(), { nick, comment, url: CHAPTER })).json.data.objectId);
    const rep = await mk('Reported Reader', 'A comment two readers reported.');
    await approve(h, [rep]);
    for (const ip of ['10.90.0.1', '10.90.0.2']) await api(h.comments.url, `/api/comment/${rep}/report`, { body: { reason: 'abuse' }, headers: { 'x-forwarded-for': ip } });
    await mk('Waiting Reader', 'Is the railway money real? A long comment that wraps on a phone, to see the layout hold.');
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [390, 1280]) {
        const { page, errors } = await openPage(browser, [h.site], { viewport: { width, height: 900 }, colorScheme: scheme });
        await signIn(page);
        for (const q of QUEUES) {
          await page.locator(`[data-queue="${q}"]`).click();
          await expect.poll(() => page.locator('#mod-list-title').textContent(), SLOW).toMatch(new RegExp(`\\(${(await (await api(h.site, `/api/moderate/list?queue=${q}`, { token: await page.evaluate(() => sessionStorage.getItem('chancay-moderate:session') ?? '') })).json.data.total)}\\)$`));
          if (width === 1280 || scheme === 'light') expect(await axe(page), `${q} ${scheme} ${width}`).toEqual([]);
          if (scheme === 'light') await page.screenshot({ path: `${SHOTS}/moderate-${q}-${width}.png`, fullPage: true });
        }
        expect(errors).toEqual([]);
        await page.context().close();
      }
    }
  }, 240_000);
});

describe('widget: Report, self-delete, closed thread', () => {
  async function openChapter(p: { colorScheme?: 'light' | 'dark'; closed?: boolean } = {}) {
    const w = await openPage(browser, [h.site], { viewport: { width: 390, height: 900 }, colorScheme: p.colorScheme });
    w.page.on('dialog', (d) => void d.accept());
    await w.page.goto(h.site + CHAPTER);
    if (p.closed) await w.page.evaluate(() => document.querySelector('chancay-comments')!.setAttribute('data-closed-from', '2020-01-01T00:00:00.000Z'));
    await w.page.addStyleTag({ content: '.progress { display: none !important; }' });
    await w.page.locator('section.comments').scrollIntoViewIfNeeded();
    await w.page.waitForSelector('chancay-comments[data-state]', { timeout: 20_000 });
    return w;
  }

  it('reports a comment from the keyboard with a reason (one per reader), passes axe with the form open; the report reaches the Reported queue', async () => {
    const id = Number((await postAs(h, nextIp(), { nick: 'Reportable', comment: 'Report me, keyboard reader.', url: CHAPTER })).json.data.objectId);
    await approve(h, [id]);
    const { page, errors, foreign } = await openChapter();
    const li = page.locator(`#comment-${id}`);
    const button = li.getByRole('button', { name: 'Report the comment by Reportable' });
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    // Focus moves into the reasons (a fieldset with a legend); arrows choose, Enter sends.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('abuse');
    expect(await li.locator('legend').textContent()).toBe('Why should a moderator look at the comment by Reportable?');
    expect(await axe(page, 'chancay-comments')).toEqual([]);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('spam');
    await page.keyboard.press('Enter');
    await expect.poll(() => li.locator('.cm-reported').textContent(), SLOW).toMatch(/Reported/);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('cm-reported');
    const token = (await api(h.site, '/api/token', { body: { email: MODERATOR.email, password: MODERATOR.password } })).json.data.token;
    const reported = await api(h.site, '/api/moderate/list?queue=reported', { token });
    expect(reported.json.data.items.find((c: any) => c.id === id)).toMatchObject({ reports: 1, reasons: { spam: 1 } });
    await li.screenshot({ path: `${SHOTS}/report-done-390.png` });
    // Reloaded, this browser remembers: no second Report button.
    await page.reload();
    await page.locator('section.comments').scrollIntoViewIfNeeded();
    await page.waitForSelector('chancay-comments[data-state]', { timeout: 20_000 });
    expect(await page.locator(`#comment-${id} .cm-report`).count()).toBe(0);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  it('lets the reader delete their own comment from this browser; another browser has no Delete and its request is refused', async () => {
    const { page, errors } = await openChapter();
    await page.locator('chancay-comments input[name="nick"]').fill('Self Deleter');
    await page.locator('chancay-comments textarea[name="comment"]').fill('I will delete this myself.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/awaits moderation/);
    // The secret is in localStorage with the comment's id; there is no cookie.
    const mine = await page.evaluate(() => JSON.parse(localStorage.getItem('chancay-comments:mine') ?? '{}'));
    const [id, secret] = Object.entries(mine)[0] as [string, string];
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    expect(await page.context().cookies()).toEqual([]);
    await approve(h, [id]);
    // Another browser: no Delete, and the API refuses without the secret.
    const other = await openChapter();
    expect(await other.page.locator(`#comment-${id} .cm-delete`).count()).toBe(0);
    expect(await other.page.locator(`#comment-${id} .cm-report`).count()).toBe(1);
    expect(await other.page.evaluate(async (i) => (await fetch(`/api/comment/${i}`, { method: 'DELETE' })).status, id)).toBe(403);
    await other.page.context().close();
    // This browser: Delete (confirmed) removes it.
    await page.reload();
    await page.locator('section.comments').scrollIntoViewIfNeeded();
    await page.waitForSelector('chancay-comments[data-state]', { timeout: 20_000 });
    await page.locator(`#comment-${id}`).getByRole('button', { name: 'Delete my comment' }).click();
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/has been deleted/);
    expect(await statusOf(Number(id))).toBe('deleted');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('on a closed thread shows the comments and says it is closed, with no form', async () => {
    const { page, errors } = await openChapter({ closed: true });
    expect(await page.locator('.cm-closed').textContent()).toMatch(/closed/);
    expect(await page.locator('chancay-comments form.cm-form').count()).toBe(0);
    expect(await page.locator('chancay-comments .cm-item').count()).toBeGreaterThan(0);
    expect(await page.locator('chancay-comments .cm-reply').count()).toBe(0);
    expect(await axe(page, 'chancay-comments')).toEqual([]);
    await page.locator('section.comments').screenshot({ path: `${SHOTS}/closed-390.png` });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
