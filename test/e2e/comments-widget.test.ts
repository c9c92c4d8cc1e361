/**
 * The comments widget in Chromium, against a real Waline (SQLite, temp folder)
 * behind serve()'s /api/ proxy, on the built site. Saves screenshots of the
 * empty, threaded and error states to test-results/comments/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './browser';
import { startHarness, postAs, nextIp, approve, type Harness } from '../comments/harness';
import { XSS_VECTORS } from '../comments/xss-vectors';

const CHAPTER = '/the-road-to-apec/';
// The comment server may be slow on a busy two-core machine: poll for up to 20 s.
const SLOW = { timeout: 20_000, interval: 100 };
const SHOTS = 'test-results/comments';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  // The browser posts through the proxy as 127.0.0.1 each time: no per-reader wait here
  // (the limit itself is tested in the API suite).
  h = await startHarness({ root: process.env.DIST_DIR ?? 'dist', rateLimitSeconds: 0, caps: { total: 1e6, perChapter: 1e6, perReader: 1e6 } });
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function openChapter(width = 1280, opts: { colorScheme?: 'light' | 'dark' } = {}) {
  const w = await openPage(browser, [h.site], { viewport: { width, height: 900 }, ...opts });
  const widgetRequests: string[] = [];
  w.page.on('request', (r) => {
    if (/widget\.[\w-]+\.js/.test(r.url())) widgetRequests.push(r.url());
  });
  const dialogs: string[] = [];
  w.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await w.page.goto(h.site + CHAPTER);
  return { ...w, widgetRequests, dialogs };
}

async function reachComments(page: Page) {
  await page.locator('section.comments').scrollIntoViewIfNeeded();
  await page.waitForSelector('chancay-comments[data-state]', { timeout: 20_000 });
}

async function shot(page: Page, name: string) {
  const vw = page.viewportSize()?.width ?? 0;
  // The fixed reading-progress bar would be painted over the section's picture.
  await page.addStyleTag({ content: '.progress { display: none !important; }' });
  await page.locator('section.comments').screenshot({ path: `${SHOTS}/${name}-${vw}.png` });
}

async function axe(page: Page) {
  await page.evaluate(axeSource); // the site's CSP blocks an injected inline script
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run('section.comments', { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
    return r.violations.map((v: { id: string; nodes: unknown[] }) => `${v.id} (${v.nodes.length})`);
  });
}

describe('comments widget', () => {
  it('loads only near the comments, shows the empty state, sets no cookies and asks no other origin', async () => {
    for (const width of [390, 1280]) {
      const { page, errors, foreign, widgetRequests, settled } = await openChapter(width);
      // Every script the page loads after its first paint (<html data-modules>) has arrived, and nothing is in flight.
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              const got = new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
              return (document.documentElement.getAttribute('data-modules') ?? '').split(' ').filter((u) => u && !got.has(u)).length;
            }),
          SLOW,
        )
        .toBe(0);
      await settled();
      expect(widgetRequests, 'widget fetched before the reader got near').toEqual([]);
      await reachComments(page);
      expect(widgetRequests).toHaveLength(1);
      await expect.poll(() => page.locator('chancay-comments .cm-empty').textContent(), SLOW).toMatch(/No comments yet/);
      // Labelled fields, counter, live region.
      await expect.poll(() => page.getByLabel('Name').count(), SLOW).toBe(1);
      expect(await page.getByLabel(/E-mail/).getAttribute('type')).toBe('email');
      expect(await page.getByLabel('Comment', { exact: true }).count()).toBe(1);
      expect(await page.locator('chancay-comments [aria-live="polite"]').count()).toBe(1);
      // One "Comments" heading, the section's, at the chapter's section level (h2, as the chapter's own sections);
      // the list is labelled by its count line, which a screen reader's heading list once gave as a second one.
      const section = page.locator('section.comments');
      await expect.poll(() => section.locator('.cm-list').count(), SLOW).toBe(1);
      const headings = await section.getByRole('heading').evaluateAll((hs) => hs.map((e) => `${e.tagName} ${e.textContent!.trim()}`));
      expect(headings.filter((x) => /^H\d Comments\b/.test(x)), headings.join(' | ')).toEqual(['H2 Comments']);
      expect(await page.locator('main h2').count(), "the chapter’s sections are h2 too").toBeGreaterThan(1);
      expect(await section.getByRole('list', { name: /^Comments/ }).count(), 'the list keeps its name').toBe(1);
      await shot(page, 'empty');
      expect(await page.context().cookies()).toEqual([]);
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
      await page.context().close();
    }
  });

  it('posts from the keyboard, says it awaits moderation, then shows it threaded once approved', async () => {
    const { page, errors, foreign } = await openChapter(1280);
    await reachComments(page);
    await page.getByLabel('Name').focus();
    await page.keyboard.type('Lucía Ramos');
    await page.keyboard.press('Tab');
    await page.keyboard.type('lucia@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ports buy access more than loyalty. 🚢');
    // 37 characters as a reader counts them (the ship emoji is one, not two UTF-16 units).
    expect(await page.locator('.cm-counter').textContent()).toBe('37 of 2000 characters');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the "Post comment" button
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/awaits moderation/);
    expect(await page.getByLabel('Comment', { exact: true }).inputValue()).toBe('');
    expect(await page.evaluate((p) => localStorage.getItem(`chancay-comments:draft:${p}`), CHAPTER)).toBeNull();
    // Not public yet: in the thread only for its author, marked as waiting (test/e2e/comments-moderate.test.ts has the rest).
    expect(await page.locator('.cm-list .cm-item').count()).toBe(0);
    expect(await page.locator('.cm-pending .cm-item .cm-badge').textContent()).toBe('Waiting for moderation');
    const [row] = await h.rows('url = ? AND nick = ?', [CHAPTER, 'Lucía Ramos']);
    expect(row.status).toBe('waiting');
    expect(row.mail).toBe('lucia@example.org');
    await approve(h, [row.id as number]);

    await page.reload();
    await reachComments(page);
    const first = page.locator('.cm-item', { hasText: 'Ports buy access' });
    await expect.poll(() => first.count(), SLOW).toBe(1);
    expect(await first.locator('.cm-avatar').textContent()).toBe('LR');
    expect(await page.locator('chancay-comments').textContent()).not.toContain('lucia@example.org');
    // Reply to it.
    await page.getByRole('button', { name: 'Reply to Lucía Ramos' }).click();
    await expect.poll(() => page.locator('.cm-replying').isVisible(), SLOW).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('Loyalty is not the point; leverage is.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/awaits moderation/);
    const [reply] = await h.rows('url = ? AND comment = ?', [CHAPTER, 'Loyalty is not the point; leverage is.']);
    expect(String(reply.pid)).toBe(String(row.id));
    await approve(h, [reply.id as number]);
    const other = await postAs(h, nextIp(), { nick: 'Wang Lei', comment: 'Shenzhen hosts APEC 2026, not Lima.', url: CHAPTER });
    await approve(h, [other.json.data.objectId]);

    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      await reachComments(page);
      await expect.poll(() => page.locator('.cm-children .cm-item').count(), SLOW).toBe(1);
      expect(await page.locator('.cm-list > .cm-item').count()).toBe(2);
      expect(await page.locator('.cm-children .cm-item').textContent()).toContain('leverage is');
      await shot(page, 'threaded');
    }
    // Each name is isolated (<bdi>, unicode-bidi: isolate), so a right-to-left name cannot reorder the text around it.
    for (const nick of ['Wang Lei', 'Lucía Ramos']) {
      const bdi = page.locator('.cm-list bdi', { hasText: nick }).first();
      expect(await bdi.textContent()).toBe(nick);
      expect(await bdi.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    }
    // Oldest first puts Lucía's comment on top.
    await page.getByLabel('Order', { exact: true }).selectOption('insertedAt_asc');
    await expect.poll(() => page.locator('.cm-list > .cm-item').first().textContent(), SLOW).toContain('Ports buy access');
    await page.getByLabel('Order', { exact: true }).selectOption('insertedAt_desc');
    await expect.poll(() => page.locator('.cm-list > .cm-item').first().textContent(), SLOW).toContain('Shenzhen');
    expect(await axe(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('passes axe in the dark scheme too', async () => {
    const { page } = await openChapter(390, { colorScheme: 'dark' });
    await reachComments(page);
    await expect.poll(() => page.locator('.cm-item').count(), SLOW).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);
    await shot(page, 'threaded-dark');
    await page.context().close();
  });

  it('keeps the draft and offers a retry when the server is down; nothing is lost', async () => {
    for (const width of [390, 1280]) {
      const { page, errors } = await openChapter(width);
      await reachComments(page);
      await h.comments.stop();
      const text = `Written while the server was down (${width}).`;
      await page.getByLabel('Name').fill('Offline Reader');
      await page.getByLabel('Comment', { exact: true }).fill(text);
      await page.getByRole('button', { name: 'Post comment' }).click();
      await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/not posted: The comment server is not reachable right now\..*kept here/);
      expect(await page.getByLabel('Comment', { exact: true }).inputValue()).toBe(text);
      await shot(page, 'error');
      // A reload keeps the draft (localStorage), and the list says it could not load.
      await page.reload();
      await reachComments(page);
      expect(await page.getByLabel('Comment', { exact: true }).inputValue()).toBe(text);
      expect(await page.getByLabel('Name').inputValue()).toBe('Offline Reader');
      expect(await page.locator('.cm-liststatus').textContent()).toMatch(/could not be loaded/);
      await page.getByRole('button', { name: 'Post comment' }).click();
      // The post's own "Try again" (the failed list load above has one too, in .cm-liststatus).
      await expect.poll(() => page.locator('.cm-status').getByRole('button', { name: 'Try again' }).count(), SLOW).toBe(1);
      await h.restart({ rateLimitSeconds: 0 });
      await page.locator('.cm-status').getByRole('button', { name: 'Try again' }).click();
      await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/awaits moderation/);
      expect(await h.rows('comment = ?', [text])).toHaveLength(1);
      expect(await page.evaluate((p) => localStorage.getItem(`chancay-comments:draft:${p}`), CHAPTER)).toBeNull();
      // The console shows the failed requests (502s); nothing else.
      expect(errors.filter((e) => !/502|Failed to load resource/.test(e))).toEqual([]);
      await page.context().close();
    }
  }, 300_000); // restarts the comment server: 20-60 s on a loaded two-core machine

  it('after a lost answer: the same text is sent again under its key (stored once); an edited draft goes as a new comment, and the reader is shown what was stored', async () => {
    const { page, errors } = await openChapter(390);
    await reachComments(page);
    const first = 'Sent, but the answer never came back.';
    const edited = 'Edited after the answer was lost.';
    // The comment reaches the server and is stored; the answer is lost on the way back.
    let lose = true;
    const keys: string[] = [];
    await page.route('**/api/comment', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const res = await route.fetch();
      if (lose) return route.abort('connectionreset');
      return route.fulfill({ response: res });
    });
    await page.getByLabel('Name').fill('Lost Answer');
    await page.getByLabel('Comment', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/not posted/);
    await expect.poll(() => h.rows('comment = ?', [first]).then((r) => r.length), SLOW).toBe(1);
    // Try again with the same text: the same key, answered with the stored comment, not a second copy.
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/not posted/);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await h.rows('comment = ?', [first])).toHaveLength(1);
    // The reader edits the draft, then posts: a new key, a new comment, and the waiting list shows the edited text.
    lose = false;
    await page.getByLabel('Comment', { exact: true }).fill(edited);
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/awaits moderation/);
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
    expect(await h.rows('comment = ?', [edited])).toHaveLength(1);
    expect(await page.locator('.cm-pending .cm-item').filter({ hasText: edited }).count()).toBe(1);
    expect(await page.locator('.cm-pending .cm-item').filter({ hasText: first }).count()).toBe(0);
    expect(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_RESET/.test(e))).toEqual([]);
    await page.context().close();
  });

  it('in a frame where the browser blocks storage, says the draft will not survive a reload (the form still holds it)', async () => {
    const { page } = await openChapter(390);
    // What a third-party frame with storage blocked sees: every localStorage call throws.
    await page.addInitScript(() => {
      for (const m of ['getItem', 'setItem', 'removeItem'] as const)
        Object.defineProperty(Storage.prototype, m, { value: () => { throw new DOMException('blocked', 'SecurityError'); } });
    });
    await page.reload();
    await reachComments(page);
    await page.route('**/api/comment', (route) => (route.request().method() === 'POST' ? route.abort('connectionrefused') : route.fallback()));
    const text = 'Written where nothing can be stored.';
    await page.getByLabel('Name').fill('No Storage');
    await page.getByLabel('Comment', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/not posted.*kept here.*does not let the page keep a draft, so copy your text/);
    expect(await page.getByLabel('Comment', { exact: true }).inputValue()).toBe(text);
    await page.context().close();
  });

  it('checks length and e-mail before sending, with the message on the field', async () => {
    const { page } = await openChapter(1280);
    await reachComments(page);
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/comment')) posts++;
    });
    await page.getByLabel('Name').fill('Long Writer');
    await page.getByLabel(/E-mail/).fill('not-an-address');
    await page.getByLabel('Comment', { exact: true }).fill('x'.repeat(2001));
    expect(await page.locator('.cm-counter').textContent()).toMatch(/1 characters too many/);
    await page.getByRole('button', { name: 'Post comment' }).click();
    expect(await page.getByLabel(/E-mail/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Comment', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('email');
    expect(await page.locator('.cm-error:not([hidden])').allTextContents()).toEqual([expect.stringMatching(/e-mail/), expect.stringMatching(/shorten it by 1/)]);
    expect(posts).toBe(0);
    await page.context().close();
  });

  it(`renders ${XSS_VECTORS.length} hostile names and comments as text: nothing runs, nothing loads, the widget still works`, async () => {
    const page0 = '/the-road-to-apec/';
    const ids = [];
    for (const v of XSS_VECTORS) {
      const r = await postAs(h, nextIp(), { nick: v.slice(0, 50), comment: `${v}\n\n[ok link](https://example.org/fine) and [bad](javascript:window.__xss=99)`, url: page0, link: 'https://example.org/me' });
      expect(r.status, v).toBe(200);
      ids.push(r.json.data.objectId);
    }
    await approve(h, ids);
    const { page, errors, foreign, dialogs, settled } = await openChapter(1280);
    await reachComments(page);
    // Load every page of comments.
    for (let i = 0; i < 6; i++) {
      const more = page.getByRole('button', { name: 'Show more comments' });
      if (!(await more.isVisible())) break;
      await more.click();
      // Each page has arrived (the widget is no longer busy) before the button is looked at again.
      await expect.poll(() => page.locator('chancay-comments').getAttribute('aria-busy'), SLOW).toBeNull();
    }
    expect(await page.locator('.cm-list > .cm-item').count()).toBeGreaterThanOrEqual(XSS_VECTORS.length);
    // Anything a hostile comment could make the page fetch (an image, a frame, a script) has been answered or failed, and its handlers have had their turn.
    await settled();
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const inWidget = await page.evaluate(() => {
      const root = document.querySelector('chancay-comments')!;
      return {
        bad: root.querySelectorAll('script, img, svg, iframe, object, embed, style, link, meta, form:not(.cm-form):not(.cm-actions > .cm-reportform), input:not([name]), video, audio, source, math, base, details, template').length,
        handlers: [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
        hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      };
    });
    expect(inWidget.bad).toBe(0);
    expect(inWidget.handlers).toBe(0);
    expect(inWidget.hrefs.length).toBeGreaterThan(0);
    for (const href of inWidget.hrefs) expect(href).toMatch(/^https?:\/\//);
    // Names are shown exactly as typed, as text.
    expect(await page.locator('.cm-nick', { hasText: '<script>window.__xss=1</script>' }).count()).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    // Still works.
    await page.getByLabel('Name').fill('After The Storm');
    await page.getByLabel('Comment', { exact: true }).fill('Still standing.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('.cm-status').textContent(), SLOW).toMatch(/awaits moderation/);
    await page.context().close();
  });

  it('shows approved counts on the cover\'s chapter list', async () => {
    const { page, errors, foreign } = await openPage(browser, [h.site]);
    await page.goto(h.site + '/');
    const span = page.locator('[data-comment-count="the-road-to-apec"]');
    await expect.poll(() => span.isVisible(), SLOW).toBe(true);
    const total = (await h.rows("url = ? AND status = 'approved'", [CHAPTER])).length;
    expect(await span.textContent()).toBe(`${total} comments`);
    expect(await page.locator('[data-comment-count="the-announcement"]').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.context().close();
  });

  // The moderation page has its own file: test/e2e/comments-moderate.test.ts.

  it('says comments need JavaScript when it is off', async () => {
    const { page } = await openPage(browser, [h.site], { javaScriptEnabled: false });
    await page.goto(h.site + CHAPTER);
    const text = await page.locator('section.comments').innerText();
    expect(text).toMatch(/needs JavaScript/);
    expect(text).not.toMatch(/Loading comments/);
    await page.context().close();
  });
});
