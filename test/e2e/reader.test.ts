/** What a reader notices: text without JavaScript, deep links, reloads, reduced motion, a clean console. */
import { describe, it, expect, beforeAll, afterAll, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { frames, launch, openPage, readerTab, scrollThrough } from './browser';
import { chapterSlugs } from '../build/dist';
import sharp from 'sharp';

const site = inject('siteUrl');
const chapters = chapterSlugs();
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('without JavaScript', () => {
  for (const slug of chapters) {
    it(`${slug}: every step and every figure is visible, in reading order`, async () => {
      const { page, foreign } = await openPage(browser, [site], { javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
      await page.goto(`${site}/${slug}/`);
      expect(await page.locator('h1').innerText()).not.toBe('');
      const steps = page.locator('.step');
      for (let i = 0; i < (await steps.count()); i++) {
        await steps.nth(i).scrollIntoViewIfNeeded();
        expect(await steps.nth(i).isVisible(), `step ${i + 1}`).toBe(true);
        expect((await steps.nth(i).innerText()).length, `step ${i + 1} text`).toBeGreaterThan(20);
      }
      // Each figure shows its build-time picture; a graphic may build one per layout and hide (display: none) the others.
      const canvases = page.locator('chancay-figure .figure__canvas');
      for (let i = 0; i < (await canvases.count()); i++) {
        const svgs = canvases.nth(i).locator('svg');
        let shown = 0;
        for (let j = 0; j < (await svgs.count()); j++) {
          const box = await svgs.nth(j).boundingBox();
          if (!box) continue; // not rendered at this width
          expect(box.width > 200 && box.height > 100, `figure ${i}, picture ${j} is shown at a readable size`).toBe(true);
          shown++;
        }
        expect(shown, `figure ${i} has a visible build-time picture`).toBeGreaterThan(0);
      }
      expect(foreign).toEqual([]);
      await page.context().close();
    });
  }
});

describe('with JavaScript', () => {
  for (const slug of chapters) {
    it(`${slug}: reading top to bottom logs no errors and requests nothing from another origin`, async () => {
      const { page, errors, foreign, settled } = await openPage(browser, [site], { viewport: { width: 390, height: 800 } });
      await page.goto(`${site}/${slug}/`);
      const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
      await scrollThrough(page, height, 400, 3);
      // Whatever the last scroll started (figures mounting, data, the comment count) has finished.
      await settled();
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
      await page.context().close();
    });
  }

  it('the reading-progress bar shows how far down the page the reader is', async () => {
    const { page, errors } = await openPage(browser, [site], { viewport: { width: 390, height: 800 } });
    await page.goto(`${site}/${chapters[0]}/`);
    // The share of the screen's width the bar covers, as drawn, against the share of the page scrolled
    // (the page grows as the comments load, so both are read at the same moment).
    const shown = () =>
      page.evaluate(() => {
        const bar = document.querySelector('.progress__bar')!.getBoundingClientRect().width / innerWidth;
        return bar - scrollY / (document.documentElement.scrollHeight - innerHeight);
      });
    await expect.poll(shown).toBeCloseTo(0, 1);
    // With JavaScript the observer draws it (reading-progress.ts), not the CSS animation: Chromium
    // restyles an animated bar in every scrolled frame.
    await expect.poll(() => page.evaluate(() => document.querySelector('.progress')!.classList.contains('is-driven'))).toBe(true);
    expect(await page.evaluate(() => document.querySelector('.progress__bar')!.getAnimations().length)).toBe(0);
    for (const at of [0.25, 0.5, 1]) {
      const max = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
      await scrollThrough(page, max * at, 400, 3);
      await expect.poll(shown).toBeCloseTo(0, 1);
      expect(await page.evaluate(() => document.querySelector('.progress__bar')!.getBoundingClientRect().width / innerWidth)).toBeGreaterThan(at - 0.1);
    }
    // A jump (Home, then End, as a keyboard reader does) lands the bar at the start and the end.
    await page.keyboard.press('Home');
    await expect.poll(shown).toBeCloseTo(0, 1);
    await page.keyboard.press('End');
    await expect.poll(shown).toBeCloseTo(0, 1);
    // A page that gets shorter (here: every section into its stepper, one step shown) ends where
    // its content ends: the observer's track never holds the old length.
    await page.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.scrolly__toggle').forEach((b) => b.click()));
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollHeight - Math.ceil(document.querySelector('.site-footer')!.getBoundingClientRect().bottom + scrollY)))
      .toBeLessThanOrEqual(1);
    await page.keyboard.press('End');
    await expect.poll(shown).toBeCloseTo(0, 1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the reading-progress bar follows the scroll without JavaScript too', async () => {
    const { page } = await openPage(browser, [site], { viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
    await page.goto(`${site}/${chapters[0]}/`);
    const width = () => page.evaluate(() => document.querySelector('.progress__bar')!.getBoundingClientRect().width / innerWidth);
    expect(await width()).toBeLessThan(0.02);
    expect(await page.evaluate(() => document.querySelector('.progress__bar')!.getAnimations().length)).toBe(1);
    await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
    await expect.poll(width).toBeCloseTo(0.5, 1);
    await page.context().close();
  });

  it('a deep link to #step-3 lands on that step\'s state', async () => {
    const { page } = await openPage(browser, [site]);
    await page.goto(`${site}/the-announcement/#step-3`);
    const section = page.locator('#scrolly-rail-costs');
    await expect.poll(() => section.getAttribute('data-active-step')).toBe('2');
    await expect.poll(() => page.locator('#figure-rail-costs[data-mounted]').count()).toBe(1);
    const total = await page.locator('#figure-rail-costs .bar').count();
    await expect.poll(() => page.locator('#figure-rail-costs .bar.is-shown').count()).toBe(total);
    await page.context().close();
  });

  for (const [width, height] of [
    [390, 844],
    [360, 740],
  ]) {
    it(`on a ${width}x${height} phone, a link to a step shows that step's card under the graphic, and its picture`, async () => {
      // The card lands just below the sticky stage, where a card is read: at the header's padding
      // alone it sat under the stage, hidden, and the next card set the picture (#step-1 showed step 2).
      const { page } = await openPage(browser, [site], { viewport: { width, height }, isMobile: true });
      for (const [chapter, n] of [
        ['the-announcement', 1],
        ['beyond-the-tracks', 6],
        ['beyond-the-tracks', 11],
        ['why-washington-is-sidelined', 2],
      ] as const) {
        await page.goto(`${site}/${chapter}/#step-${n}`);
        const step = page.locator(`#step-${n}`);
        const expected = await step.evaluate((el) => String([...el.parentElement!.querySelectorAll('.step')].indexOf(el)));
        const where = `${chapter}#step-${n}`;
        await expect.poll(() => step.evaluate((el) => el.closest('scrolly-section')!.getAttribute('data-active-step')), { message: where }).toBe(expected);
        await page.waitForFunction(() => document.querySelectorAll('.figure[data-mounted]').length > 0);
        await frames(page, 4);
        const r = await step.evaluate((el) => {
          const card = el.querySelector('.step__card')!.getBoundingClientRect();
          const stage = el.closest('scrolly-section')!.querySelector('.figure__stage')!.getBoundingClientRect();
          const at = document.elementFromPoint(card.left + 8, card.top + 8);
          return { cardTop: card.top, stageBottom: stage.bottom, onTop: !!at && el.contains(at), active: el.closest('scrolly-section')!.getAttribute('data-active-step') };
        });
        expect(r.active, where).toBe(expected);
        expect(r.cardTop, where).toBeGreaterThanOrEqual(r.stageBottom - 1);
        expect(r.cardTop, where).toBeLessThan(r.stageBottom + 40);
        expect(r.onTop, `${where}: the card's first line is what the reader sees there`).toBe(true);
      }
      await page.context().close();
    });
  }

  it('a reload mid-section restores the step the reader was on', async () => {
    const { page } = await openPage(browser, [site]);
    await page.goto(`${site}/the-announcement/`);
    await page.locator('#step-2').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const section = page.locator('#scrolly-rail-costs');
    await expect.poll(() => section.getAttribute('data-active-step')).toBe('1');
    await page.reload();
    await expect.poll(() => section.getAttribute('data-active-step')).toBe('1');
    // The graphic mounts after the page's first paint (its scripts load then): until it has, the picture is the build-time one.
    await expect.poll(() => page.locator('#figure-rail-costs[data-mounted]').count()).toBe(1);
    // Only the bars of step 2 are shown after the reload: the picture follows the state.
    const shown = await page.locator('#figure-rail-costs .bar.is-shown').count();
    const total = await page.locator('#figure-rail-costs .bar').count();
    expect(shown).toBeGreaterThan(1);
    expect(shown).toBeLessThan(total);
    await page.context().close();
  });

  it('a fast jump over several steps lands on the right state', async () => {
    const { page } = await openPage(browser, [site]);
    await page.goto(`${site}/the-announcement/`);
    await page.locator('#step-3').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect.poll(() => page.locator('#scrolly-rail-costs').getAttribute('data-active-step')).toBe('2');
    await page.evaluate(() => scrollTo(0, 0));
    await expect.poll(() => page.locator('#scrolly-rail-costs').getAttribute('data-active-step')).toBe('-1');
    await page.context().close();
  });

  it('with prefers-reduced-motion, graphics change state without animation', async () => {
    /** The mounted graphic's bar transition (the build-time SVG is replaced when it mounts: read only after that). */
    const barTransition = async (motion: 'reduce' | 'no-preference') => {
      const { page } = await openPage(browser, [site], { reducedMotion: motion });
      await page.goto(`${site}/the-announcement/`);
      await page.locator('#figure-rail-costs').scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator('#figure-rail-costs[data-mounted]').count(), { timeout: 10_000 }).toBe(1);
      const d = await page.evaluate(() => {
        const el = document.querySelector('#figure-rail-costs .bar__rect');
        return el ? getComputedStyle(el).transitionDuration : null;
      });
      await page.context().close();
      expect(d, 'a mounted bar').not.toBeNull();
      return d!.split(',').map((x) => parseFloat(x));
    };
    const still = await barTransition('reduce');
    expect(still.every((x) => x === 0), `reduced motion: ${still}`).toBe(true);
    const moving = await barTransition('no-preference');
    expect(Math.max(...moving), `no preference: ${moving}`).toBeGreaterThan(0);
  });

  /**
   * The rail-costs bars' opacity in the frames after the section's next step change, which `act`
   * causes: the first row is before the change, then one row per rendered frame for ~0.5 s. Each
   * row holds every bar's opacity and whether it has an opacity transition. The observer is in
   * place before `act` runs; no step change within 10 s fails with a message.
   * `faded` (a bar seen between its two opacities) needs a frame rendered inside the 400 ms fade,
   * which a loaded machine need not give. `transitioned` does not depend on frame timing: the
   * bars are also read in the microtask after the graphic's own change (a MutationObserver on the
   * drawing), where getComputedStyle starts any transition and getAnimations() then lists it.
   */
  const barsAcrossStepChange = async (page: Page, act: () => Promise<unknown>) => {
    type Row = [opacity: number, transition: boolean][];
    await page.evaluate(() => {
      const w = window as unknown as { __bars: Promise<{ frames: Row[]; atChange: Row[] } | string> };
      w.__bars = new Promise((resolve) => {
        const section = document.querySelector('#scrolly-rail-costs')!;
        const read = (): Row =>
          [...document.querySelectorAll('#figure-rail-costs .bar__rect')].map((el) => [
            Number(getComputedStyle(el).opacity),
            el.getAnimations().some((a) => a instanceof CSSTransition && a.transitionProperty === 'opacity'),
          ]);
        const frames = [read()];
        const atChange: Row[] = [];
        const drawing = new MutationObserver(() => atChange.push(read()));
        drawing.observe(document.querySelector('#figure-rail-costs')!, { subtree: true, attributes: true, attributeFilter: ['class', 'style', 'opacity'] });
        const timeout = setTimeout(() => (drawing.disconnect(), step.disconnect(), resolve('no step change within 10 s')), 10_000);
        const step = new MutationObserver((_, observer) => {
          observer.disconnect();
          clearTimeout(timeout);
          const tick = () => {
            frames.push(read());
            if (frames.length < 32) requestAnimationFrame(tick);
            else resolve((drawing.disconnect(), { frames, atChange }));
          };
          requestAnimationFrame(tick);
        });
        step.observe(section, { attributes: true, attributeFilter: ['data-active-step'] });
      });
    });
    await act();
    const got = await page.evaluate(() => (window as unknown as { __bars: Promise<{ frames: Row[]; atChange: Row[] } | string> }).__bars);
    if (typeof got === 'string') throw new Error(got);
    const seen = got.frames.map((row) => row.map(([opacity]) => opacity));
    const first = seen[0]!;
    const last = seen[seen.length - 1]!;
    const changed = first.map((_, i) => i).filter((i) => Math.abs(first[i]! - last[i]!) > 0.01);
    // A bar between its two opacities in some frame: the change faded.
    const between = changed.filter((i) => seen.some((row) => row[i]! > Math.min(first[i]!, last[i]!) + 0.01 && row[i]! < Math.max(first[i]!, last[i]!) - 0.01));
    // Read after the change only: the first frame row is from before it (a fade still running from an earlier step is not this one).
    const transitioned = changed.filter((i) => [...got.atChange, ...got.frames.slice(1)].some((row) => row[i]![1]));
    return { changed: changed.length, faded: between.length, transitioned: transitioned.length };
  };
  const openRailCosts = async (width: number, height: number) => {
    const { page } = await openPage(browser, [site], { viewport: { width, height } });
    await page.goto(`${site}/the-announcement/`);
    await page.locator('#step-1').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect.poll(() => page.locator('#figure-rail-costs[data-mounted]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('#scrolly-rail-costs').getAttribute('data-active-step')).toBe('0');
    await frames(page, 30); // the first step's own fade, where there is one, has ended
    return page;
  };

  it('on a phone the marks switch at once while the reader scrolls, and fade in the stepper and beside the steps', async () => {
    // Scrolling on a phone: a fade is 24 main-thread repaints while the scroll wants every frame.
    const phone = await openRailCosts(390, 844);
    const scrolled = await barsAcrossStepChange(phone, () => phone.locator('#step-2').evaluate((el) => el.scrollIntoView({ block: 'center' })));
    expect(scrolled.changed, 'bars that change between steps 1 and 2').toBeGreaterThan(0);
    expect(scrolled.faded, 'bars seen between their two opacities, phone, scrolling').toBe(0);
    expect(scrolled.transitioned, 'bars with an opacity transition, phone, scrolling').toBe(0);
    // The stepper on the same phone: nothing else moves, so the change fades.
    await expect.poll(() => phone.locator('#scrolly-rail-costs.is-enhanced').count()).toBe(1);
    await phone.locator('#scrolly-rail-costs .scrolly__toggle').click();
    await expect.poll(() => phone.locator('#scrolly-rail-costs').getAttribute('data-mode')).toBe('stepper');
    await frames(phone, 30);
    const stepped = await barsAcrossStepChange(phone, () => phone.keyboard.press('ArrowRight'));
    expect(stepped.changed, 'bars that change at the stepper\'s next step').toBeGreaterThan(0);
    expect(stepped.transitioned, 'bars with an opacity transition, phone, stepper').toBeGreaterThan(0);
    await phone.context().close();
    // A wide screen, the steps beside the drawing: the change fades.
    const wide = await openRailCosts(1280, 800);
    const beside = await barsAcrossStepChange(wide, () => wide.locator('#step-2').evaluate((el) => el.scrollIntoView({ block: 'center' })));
    expect(beside.changed, 'bars that change between steps 1 and 2, 1280 px').toBeGreaterThan(0);
    expect(beside.transitioned, 'bars with an opacity transition, 1280 px').toBeGreaterThan(0);
    await wide.context().close();
  });

  it('every graphic with a step fade keeps it off in the phone scroll layout only', async () => {
    /**
     * The longest transition of the step-faded marks, in seconds. Found and read in one task: a
     * graphic that mounts meanwhile replaces its build-time marks, and a detached one has no style.
     */
    const longest = async (page: Page, sel: string) =>
      page.evaluate((s) => {
        const el = document.querySelector(s);
        return el ? Math.max(...getComputedStyle(el).transitionDuration.split(',').map((x) => parseFloat(x))) : null;
      }, sel);
    const marks = [
      { chapter: 'the-announcement', figure: 'rail-costs', sel: '.bar__rect' },
      { chapter: 'why-washington-is-sidelined', figure: 'funding-models', sel: '.fm-box' },
      { chapter: 'beyond-the-tracks', figure: 'shipping-map', sel: '.sm-country' },
    ];
    const tab = await readerTab(browser, [site]);
    for (const m of marks) {
      for (const [width, height, want] of [
        [390, 844, 'none'],
        [1280, 800, 'fade'],
      ] as const) {
        const page = await tab.load(`${site}/${m.chapter}/`, { width, height });
        await expect.poll(() => page.locator(`#scrolly-${m.figure}`).getAttribute('data-mode')).toBe('scroll');
        const d = await longest(page, `#figure-${m.figure} ${m.sel}`);
        if (want === 'none') expect(d, `${m.figure} ${m.sel}, ${width} px, scrolling`).toBe(0);
        else expect(d, `${m.figure} ${m.sel}, ${width} px, scrolling`).toBeGreaterThan(0);
      }
      // The figure embedded alone, on a phone: its steps change only by buttons.
      const page = await tab.load(`${site}/embed/${m.chapter}/${m.figure}/`, { width: 390, height: 844 });
      expect(await longest(page, `[data-solo-steps] ${m.sel}`), `${m.figure} embedded alone, 390 px`).toBeGreaterThan(0);
    }
    await tab.close();
  });
  it('a bar a step has not reached stays visible, 3:1 or more against the page, in the dark theme and the light', async () => {
    // On the dark page a dimmed bar was its colour at a quarter opacity, 1.4:1 (1.3:1 on the light page):
    // the length of a project the story had not reached yet was all but gone (picture editor's review).
    expect(contrast([50, 49, 46], [20, 20, 20]), 'the old dimmed bar, dark').toBeLessThan(3);
    expect(contrast([0x6e, 0x6a, 0x62], [20, 20, 20])).toBeGreaterThanOrEqual(3);
    for (const colorScheme of ['dark', 'light'] as const)
      for (const [width, height] of [
        [390, 844],
        [1280, 800],
      ] as const) {
        const { page } = await openPage(browser, [site], { viewport: { width, height }, colorScheme });
        await page.goto(`${site}/the-announcement/`);
        await page.locator('#step-1').evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await expect.poll(() => page.locator('#figure-rail-costs[data-mounted]').count(), { timeout: 10_000 }).toBe(1);
        await expect.poll(() => page.locator('#scrolly-rail-costs').getAttribute('data-active-step')).toBe('0');
        await frames(page, 40); // any fade has ended
        const bg = await page.evaluate(() => getComputedStyle(document.querySelector('#figure-rail-costs .figure__stage') ?? document.body).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number));
        const dimmed = page.locator('#figure-rail-costs .bar:not(.is-shown) .bar__rect');
        const n = await dimmed.count();
        expect(n, 'dimmed bars at the first step').toBeGreaterThan(0);
        for (let i = 0; i < n; i++) {
          const box = (await dimmed.nth(i).boundingBox())!;
          const shot = await page.screenshot({ clip: { x: box.x - 1, y: box.y - 1, width: box.width + 2, height: box.height + 2 } });
          const { data, channels } = await sharp(shot)
            .raw()
            .toBuffer({ resolveWithObject: true })
            .then((r) => ({ data: r.data, channels: r.info.channels }));
          // The bar's strongest pixel against the page: what the eye has to find its length by.
          let best = 1;
          for (let k = 0; k < data.length; k += channels) best = Math.max(best, contrast([data[k]!, data[k + 1]!, data[k + 2]!], bg));
          expect(best, `${colorScheme} ${width}px: dimmed bar ${i + 1} on ${bg}`).toBeGreaterThanOrEqual(3);
        }
        await page.context().close();
      }
  });
});

/** WCAG contrast ratio of two sRGB colours (0-255). */
function contrast(a: number[], b: number[]): number {
  const lum = (c: number[]) => {
    const [r, g, bl] = c.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
