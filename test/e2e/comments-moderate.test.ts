/**
 * Moderation in Chromium against a real Waline (SQLite, temp folder) behind
 * serve()'s /api/ proxy, on the built site: the moderation page by keyboard
 * (queues with counts, shortcuts, bulk actions, the audit log), axe in both
 * colour schemes, screenshots of every queue at 390 and 1280 px
 * and scheme (test-results/comments/moderate-<queue>-<width>-<light|dark>.png,
 * Likely spam seeded with comments the signals caught); the widget's Report
 * control, self-deletion and the reader's own waiting comments; a closed thread.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './browser';
import { axe, axeBothSchemes } from './axe';
import { startHarness, postAs, nextIp, approve, api, MODERATOR, type Harness } from '../comments/harness';

const CHAPTER = '/the-road-to-apec/';
const SLOW = { timeout: 20_000, interval: 100 };
const SHOTS = 'test-results/comments';
const QUEUES = ['waiting', 'reported', 'likely_spam', 'approved', 'rejected', 'spam'];
const MOD_STRINGS = JSON.parse(readFileSync('content/moderate/en.json', 'utf8')) as Record<string, string>;

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
  // The button is enabled once the page's script has wired the form (it loads after the first paint).
  await page.locator('#mod-login button[type="submit"]:enabled').waitFor();
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
    // The counts come from their own request, answered before or after the list's.
    await expect.poll(() => page.locator('[data-count="waiting"]').textContent(), SLOW).toBe('(3)');
    await expect.poll(() => page.locator('[data-count="likely_spam"]').textContent(), SLOW).toBe('(1)');
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

  it('never puts the password in a URL: Enter pressed before the page\'s script has run signs nobody in and sends nothing', async () => {
    const { page, errors } = await openPage(browser, [h.site], { viewport: { width: 390, height: 844 } });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/_astro/*.js', async (route) => {
      await held;
      await route.continue();
    });
    const sent: string[] = [];
    page.on('request', (r) => sent.push(`${r.method()} ${r.url()}`));
    // (A module script held back holds DOMContentLoaded back too; the form is on screen and usable before it.)
    await page.goto(h.site + '/moderate/', { waitUntil: 'commit' });
    await page.locator('#mod-password').waitFor();
    expect(await page.locator('#mod-login button[type="submit"]').isDisabled()).toBe(true);
    await page.locator('#mod-email').fill(MODERATOR.email);
    await page.locator('#mod-password').fill(MODERATOR.password);
    // A form's submission (implicit, by Enter) fires its submit event synchronously, before any navigation.
    await page.evaluate(() => document.addEventListener('submit', () => document.documentElement.setAttribute('data-submitted', ''), true));
    await page.locator('#mod-password').press('Enter');
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-submitted'))).toBe(false);
    expect(page.url()).toBe(h.site + '/moderate/');
    expect(sent.filter((r) => r.includes(encodeURIComponent(MODERATOR.password)) || r.includes(MODERATOR.password) || r.startsWith('POST'))).toEqual([]);
    release();
    // Once wired, the same form signs in.
    await page.locator('#mod-login button[type="submit"]:enabled').waitFor();
    await page.locator('#mod-password').press('Enter');
    await expect.poll(() => page.locator('#mod-panel').isVisible(), SLOW).toBe(true);
    expect(page.url()).not.toContain(MODERATOR.password);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('passes axe in both colour schemes with every queue; screenshots of each queue at 390 and 1280 px', async () => {
    // Something in every queue.
    const mk = async (nick: string, comment: string) => Number((await postAs(h, nextIp(), { nick, comment, url: CHAPTER })).json.data.objectId);
    const rep = await mk('Reported Reader', 'A comment two readers reported.');
    await approve(h, [rep]);
    for (const ip of ['10.90.0.1', '10.90.0.2']) await api(h.comments.url, `/api/comment/${rep}/report`, { body: { reason: 'abuse' }, headers: { 'x-forwarded-for': ip } });
    await mk('Waiting Reader', 'Is the railway money real? A long comment that wraps on a phone, to see the layout hold.');
    // Likely spam, as the signals find it (not placed there by hand): ten links; a blocked phrase
    // (content/comments/blocked-words.txt); the same text on a second chapter.
    await mk('Link Farm', `Cheap freight quotes ${Array.from({ length: 10 }, (_, i) => `https://freight${i}.example/`).join(' ')}`);
    await mk('Lucky Player', 'Great reporting. Also try my casino bonus, it pays better than railways.');
    const echo = 'Follow the money: who really pays for the railway and the port?';
    expect((await postAs(h, nextIp(), { nick: 'Echo', comment: echo, url: '/the-announcement/' })).status).toBe(200);
    await mk('Echo', echo);
    const token = (await api(h.site, '/api/token', { body: { email: MODERATOR.email, password: MODERATOR.password } })).json.data.token;
    const likely = (await api(h.site, '/api/moderate/list?queue=likely_spam', { token })).json.data.items as Array<{ nick: string; signals: Array<{ code: string }> }>;
    const codes = new Set(likely.flatMap((c) => c.signals.map((x) => x.code)));
    for (const code of ['links', 'blocked_words', 'repeated']) expect(codes, code).toContain(code);
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [390, 1280]) {
        const { page, errors } = await openPage(browser, [h.site], { viewport: { width, height: 900 }, colorScheme: scheme });
        await signIn(page);
        for (const q of QUEUES) {
          await page.locator(`[data-queue="${q}"]`).click();
          const total = (await api(h.site, `/api/moderate/list?queue=${q}`, { token: await page.evaluate(() => sessionStorage.getItem('chancay-moderate:session') ?? '') })).json.data.total;
          // The whole title: two queues can hold the same number, so the count alone could match the previous queue's list.
          await expect.poll(() => page.locator('#mod-list-title').textContent(), SLOW).toBe(`${MOD_STRINGS[`queue_${q}`]} (${total})`);
          // Every queue has comments on screen (an empty queue would screenshot nothing worth looking at).
          expect(await page.locator('.mod__item').count(), q).toBeGreaterThan(0);
          if (width === 1280 || scheme === 'light') expect(await axe(page), `${q} ${scheme} ${width}`).toEqual([]);
          await page.screenshot({ path: `${SHOTS}/moderate-${q}-${width}-${scheme}.png`, fullPage: true });
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
    // Asked in the page (an embed's sandboxed frame refuses window.confirm): Keep it goes back to Delete,
    // from the keyboard, with nothing sent.
    const dialogs: string[] = [];
    page.on('dialog', (d) => dialogs.push(d.message()));
    const del = page.locator(`#comment-${id}`).getByRole('button', { name: 'Delete my comment' });
    await del.focus();
    await page.keyboard.press('Enter');
    const yes = page.locator(`#comment-${id}`).getByRole('button', { name: 'Yes, delete it' });
    // Polled: the question can be in the page a moment before focus moves to it (the fresh-clone CI once read it in between).
    await expect.poll(() => yes.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await page.locator(`#comment-${id} .cm-delete-ask`).textContent()).toMatch(/Delete your comment for good\? This cannot be undone\./);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // Keep it
    await expect.poll(() => del.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await yes.isVisible()).toBe(false);
    expect(await statusOf(Number(id))).toBe('approved');
    await del.click();
    // The open question passes axe in both colour schemes (the destructive button's colours included),
    // and the button for the act that cannot be undone is the one that stands out: a filled box, not a link.
    const ask = `#comment-${id} .cm-delete-ask`;
    const open = await axeBothSchemes(page, 'light', 'delete question', ask);
    expect(open.backgrounds.dark).not.toBe(open.backgrounds.light);
    expect(open.found).toEqual([]);
    const look = await yes.evaluate((b) => {
      const cs = getComputedStyle(b);
      return { bg: cs.backgroundColor, deco: cs.textDecorationLine, h: b.getBoundingClientRect().height };
    });
    expect(look.bg).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    expect(look.deco).toBe('none');
    expect(look.h).toBeGreaterThanOrEqual(44);
    await yes.click();
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/has been deleted/);
    expect(dialogs).toEqual([]);
    expect(await statusOf(Number(id))).toBe('deleted');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the reader their own comment as waiting for moderation, across a reload and in no other browser, until approved (then once, in the list) or rejected (then gone); Spanish on /es/', async () => {
    const { page, errors, foreign } = await openChapter();
    const write = async (p: Page, nick: string, text: string, button = 'Post comment') => {
      await p.locator('chancay-comments input[name="nick"]').fill(nick);
      await p.locator('chancay-comments textarea[name="comment"]').fill(text);
      await p.getByRole('button', { name: button }).click();
    };
    const reopen = async (p: Page) => {
      await p.reload();
      await p.addStyleTag({ content: '.progress { display: none !important; }' });
      await p.locator('section.comments').scrollIntoViewIfNeeded();
      await p.waitForSelector('chancay-comments[data-state]', { timeout: 20_000 });
    };
    const text = 'My own comment, waiting. Will it show for me?';
    await write(page, 'Waiting Author', text);
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/awaits moderation/);
    const mine = await page.evaluate(() => JSON.parse(localStorage.getItem('chancay-comments:mine') ?? '{}'));
    const id = Object.keys(mine).at(-1)!;
    const item = page.locator(`#waiting-${id}`);
    // On screen, under its heading, with the badge and the text as typed.
    await item.scrollIntoViewIfNeeded();
    const box = await item.boundingBox();
    expect(box && box.width > 300 && box.height > 60, JSON.stringify(box)).toBe(true);
    expect(await page.locator('.cm-pending h3').textContent()).toBe('Your comments waiting for moderation');
    expect(await item.locator('.cm-badge').textContent()).toBe('Waiting for moderation');
    expect(await item.locator('.cm-body').innerText()).toBe(text);
    expect(await item.getByRole('button', { name: 'Delete my comment' }).count()).toBe(1);
    expect(await axe(page, 'chancay-comments')).toEqual([]);
    await page.locator('section.comments').screenshot({ path: `${SHOTS}/own-waiting-390.png` });
    // Reloaded: still there (localStorage, confirmed by the server as waiting).
    await reopen(page);
    await expect.poll(() => page.locator(`#waiting-${id} .cm-badge`).count(), SLOW).toBe(1);
    // Another browser sees nothing of it.
    const other = await openChapter();
    expect(await other.page.locator('.cm-pending').isVisible()).toBe(false);
    expect(await other.page.locator('chancay-comments').innerText()).not.toContain(text);
    await other.page.context().close();
    // Approved: shown once, in the list, no longer as waiting.
    await approve(h, [id]);
    await reopen(page);
    await expect.poll(() => page.locator(`#comment-${id}`).count(), SLOW).toBe(1);
    await expect.poll(() => page.locator(`#waiting-${id}`).count(), SLOW).toBe(0);
    expect(await page.locator('.cm-pending').isVisible()).toBe(false);
    expect(await page.locator('chancay-comments .cm-body', { hasText: text }).count()).toBe(1);
    // Rejected: gone from the page and from this browser's storage.
    await write(page, 'Waiting Author', 'A second one the moderator will reject.');
    await expect.poll(() => page.locator('.cm-pending .cm-item').count(), SLOW).toBe(1);
    const second = Object.keys(await page.evaluate(() => JSON.parse(localStorage.getItem('chancay-comments:waiting') ?? '{}'))).at(-1)!;
    const token = (await api(h.site, '/api/token', { body: { email: MODERATOR.email, password: MODERATOR.password } })).json.data.token;
    expect((await api(h.site, '/api/moderate/action', { body: { action: 'reject', ids: [Number(second)] }, token })).status).toBe(200);
    await reopen(page);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('chancay-comments:waiting')), SLOW).toBe('{}');
    expect(await page.locator(`#waiting-${second}`).count()).toBe(0);
    expect(await page.evaluate((i) => JSON.parse(localStorage.getItem('chancay-comments:mine') ?? '{}')[i], second)).toBeUndefined();
    // Deleted by its author while waiting: gone from the store too.
    await write(page, 'Waiting Author', 'A third one I take back before anyone reads it.');
    await expect.poll(() => page.locator('.cm-pending .cm-item').count(), SLOW).toBe(1);
    const third = Object.keys(await page.evaluate(() => JSON.parse(localStorage.getItem('chancay-comments:waiting') ?? '{}'))).at(-1)!;
    await page.locator(`#waiting-${third}`).getByRole('button', { name: 'Delete my comment' }).click();
    await page.locator(`#waiting-${third}`).getByRole('button', { name: 'Yes, delete it' }).click();
    await expect.poll(() => page.locator('.cm-pending').isVisible(), SLOW).toBe(false);
    expect(await page.locator('.cm-status').textContent()).toMatch(/has been deleted/);
    expect(await statusOf(Number(third))).toBe('deleted');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
    // The Spanish edition's thread, in Spanish, in the dark scheme.
    const es = await openPage(browser, [h.site], { viewport: { width: 390, height: 900 }, colorScheme: 'dark' });
    await es.page.goto(h.site + '/es' + CHAPTER);
    await es.page.addStyleTag({ content: '.progress { display: none !important; }' });
    await es.page.locator('section.comments').scrollIntoViewIfNeeded();
    await es.page.waitForSelector('chancay-comments[data-state]', { timeout: 20_000 });
    await write(es.page, 'Lectora', '¿Cuándo llegará el tren a Chancay?', 'Publicar comentario');
    await expect.poll(() => es.page.locator('.cm-pending .cm-badge').textContent(), SLOW).toBe('En espera de moderación');
    expect(await es.page.locator('.cm-pending h3').textContent()).toBe('Sus comentarios en espera de moderación');
    expect(await axe(es.page, 'chancay-comments')).toEqual([]);
    await es.page.locator('section.comments').screenshot({ path: `${SHOTS}/own-waiting-es-dark-390.png` });
    expect(es.errors).toEqual([]);
    await es.page.context().close();
  }, 180_000);

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
