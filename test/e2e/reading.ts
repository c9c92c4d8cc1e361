/**
 * What a reader sees of a scroll-driven graphic, measured in a real browser:
 * where the drawing is on screen, how much of it a step card hides, and
 * whether the pixels in its box show anything at all. Used by
 * test/e2e/phone-reading.test.ts; the pure parts are unit-tested in
 * test/unit/reading-geometry.test.ts.
 */
import type { Page } from 'playwright-core';
import sharp from 'sharp';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SectionInfo {
  id: string;
  figure: string;
  /** Each step's chapter number (data-step). */
  steps: number[];
}

/** The scrolly sections of the loaded page and their steps, in document order. */
export function sectionsOnPage(page: Page): Promise<SectionInfo[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('scrolly-section')].map((s) => ({
      id: s.id,
      figure: s.dataset.figure ?? '',
      steps: [...s.querySelectorAll<HTMLElement>('.step')].map((st) => Number(st.dataset.step)),
    })),
  );
}

/** Two animation frames: scroll handlers, observers and the frame after them have run. */
export const settle = (page: Page) =>
  page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** Scroll (instantly) so that step N's card has its centre at `fraction` of the viewport height. */
export async function placeCard(page: Page, step: number, fraction: number) {
  await page.evaluate(
    ([n, f]) => {
      const card = document.querySelector(`#step-${n} .step__card`)!;
      const r = card.getBoundingClientRect();
      const centre = r.top + scrollY + r.height / 2;
      scrollTo({ top: Math.max(0, centre - f * innerHeight), behavior: 'instant' });
    },
    [step, fraction] as const,
  );
  await settle(page);
  await settle(page);
}

/**
 * The box a drawing actually paints into: for an <svg> with a viewBox, the
 * viewBox scaled into the element as preserveAspectRatio says (the letterbox
 * around it is empty page); for a <canvas>, the element.
 */
export function contentBox(el: Box, viewBox: { width: number; height: number } | null, par: string): Box {
  if (!viewBox || viewBox.width <= 0 || viewBox.height <= 0) return el;
  const [align = 'xMidYMid', mode = 'meet'] = par.trim().split(/\s+/);
  if (align === 'none') return el;
  const sx = el.width / viewBox.width;
  const sy = el.height / viewBox.height;
  const s = mode === 'slice' ? Math.max(sx, sy) : Math.min(sx, sy);
  const w = viewBox.width * s;
  const h = viewBox.height * s;
  const fx = align.startsWith('xMin') ? 0 : align.startsWith('xMax') ? 1 : 0.5;
  const fy = align.endsWith('YMin') ? 0 : align.endsWith('YMax') ? 1 : 0.5;
  const x = el.x + (el.width - w) * fx;
  const y = el.y + (el.height - h) * fy;
  if (mode === 'slice') return intersect({ x, y, width: w, height: h }, el) ?? el;
  return { x, y, width: w, height: h };
}

export function intersect(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const r = Math.min(a.x + a.width, b.x + b.width);
  const bt = Math.min(a.y + a.height, b.y + b.height);
  return r > x && bt > y ? { x, y, width: r - x, height: bt - y } : null;
}

export interface Coverage {
  /** The drawing's painted box, intersected with the viewport (null: not on screen). */
  box: Box | null;
  /** Share of that box hidden under a step card (0..1), sampled on a grid with elementFromPoint. */
  covered: number;
  /** Height of the visible drawing / viewport height. */
  share: number;
  /** Which drawing was measured (tag and class), for the report. */
  what: string;
  /** The section's active step (0-based), as the page says. */
  active: number;
}

/**
 * Measure a section's drawing as the reader sees it: the largest visible
 * <svg>/<canvas> of its graphic, and which of its points are under a step
 * card (the topmost element there is inside `.step`).
 */
export function coverage(page: Page, sectionId: string): Promise<Coverage> {
  return page.evaluate(
    ({ id, contentBoxSrc, intersectSrc }) => {
      // The pure helpers, shared with Node (no bundler in page.evaluate; esbuild may wrap names).
      (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
      const contentBox = new Function(`return (${contentBoxSrc})`)() as (e: DOMRect | object, v: object | null, p: string) => { x: number; y: number; width: number; height: number };
      const inter = new Function(`return (${intersectSrc})`)() as (a: object, b: object) => { x: number; y: number; width: number; height: number } | null;
      (globalThis as { intersect?: unknown }).intersect = inter;
      const section = document.getElementById(id)!;
      const fig = section.querySelector('.scrolly__graphic .figure__canvas') ?? section.querySelector('.figure__canvas')!;
      const view = { x: 0, y: 0, width: innerWidth, height: innerHeight };
      const visible = (el: Element) => {
        const cs = getComputedStyle(el);
        if (cs.visibility !== 'visible' || el.getClientRects().length === 0) return false;
        for (let a: Element | null = el; a && a !== fig.parentElement; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.display === 'none' || Number(s.opacity) === 0) return false;
        }
        return true;
      };
      let best: { box: ReturnType<typeof contentBox>; el: Element; area: number } | null = null;
      for (const el of fig.querySelectorAll('svg, canvas')) {
        if (el.parentElement?.closest('svg')) continue; // nested svg
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width < 60 || r.height < 40) continue; // icons, legend swatches
        let vb: { width: number; height: number } | null = null;
        let par = 'xMidYMid meet';
        if (el instanceof SVGSVGElement && el.viewBox.baseVal && el.viewBox.baseVal.width > 0) {
          vb = { width: el.viewBox.baseVal.width, height: el.viewBox.baseVal.height };
          par = el.getAttribute('preserveAspectRatio') ?? par;
        }
        const box = contentBox({ x: r.x, y: r.y, width: r.width, height: r.height }, vb, par);
        const on = inter(box, view);
        const area = on ? on.width * on.height : 0;
        if (!best || area > best.area) best = { box, el, area };
      }
      const active = Number(section.dataset.activeStep ?? -1);
      if (!best) return { box: null, covered: 0, share: 0, what: 'none', active };
      const on = inter(best.box, view);
      const what = `${best.el.tagName.toLowerCase()}${best.el.getAttribute('class') ? '.' + best.el.getAttribute('class')!.split(/\s+/)[0] : ''}`;
      if (!on) return { box: null, covered: 0, share: 0, what, active };
      const N = 24;
      let hidden = 0;
      let total = 0;
      for (let i = 0; i < N; i++)
        for (let j = 0; j < N; j++) {
          const x = on.x + ((i + 0.5) / N) * on.width;
          const y = on.y + ((j + 0.5) / N) * on.height;
          const hit = document.elementFromPoint(x, y);
          total++;
          if (hit && hit.closest('.step, .scrolly__after, .site-header')) hidden++;
        }
      return { box: on, covered: hidden / total, share: on.height / innerHeight, what, active };
    },
    { id: sectionId, contentBoxSrc: contentBox.toString(), intersectSrc: intersect.toString() },
  );
}

/**
 * Share of the box's pixels that differ clearly from its most common colour
 * (the page or ocean behind the marks). An empty pane scores about 0.
 */
export async function inkShare(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = new Map<number, number>();
  const n = info.width * info.height;
  for (let i = 0; i < n; i++) {
    const k = ((data[i * 3]! >> 3) << 10) | ((data[i * 3 + 1]! >> 3) << 5) | (data[i * 3 + 2]! >> 3);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let mode = 0;
  let best = -1;
  for (const [k, c] of counts) if (c > best) [mode, best] = [k, c];
  const mr = ((mode >> 10) & 31) << 3;
  const mg = ((mode >> 5) & 31) << 3;
  const mb = (mode & 31) << 3;
  let ink = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(data[i * 3]! - mr) + Math.abs(data[i * 3 + 1]! - mg) + Math.abs(data[i * 3 + 2]! - mb);
    if (d > 60) ink++;
  }
  return n ? ink / n : 0;
}

/** Screenshot of a box on screen (viewport coordinates), as PNG. */
export function shot(page: Page, box: Box): Promise<Buffer> {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  return page.screenshot({ clip: { x, y, width: Math.max(1, Math.floor(box.width)), height: Math.max(1, Math.floor(box.height)) } });
}

/**
 * What of a section's sticky stage a reader cannot see: every line of text and every drawing (svg,
 * canvas) of the stage that is shown (visible, not see-through) but runs past the stage's box or the
 * screen, which clip it (the stepper's phone stage is 50svh: a note or a chart key below that was cut
 * off). Lines are measured one by one: HTML text through its client rects (each line of a wrapped
 * note), SVG text by each <text>'s box. Text kept for screen readers only (clipped to 1 px) is left out.
 * Returns one line per thing cut off, with its words and its box; empty when nothing is.
 */
export function clippedInStage(page: Page, sectionId: string): Promise<string[]> {
  return page.evaluate((id) => {
    const stage = document.querySelector(`#${id} .figure__stage`);
    if (!stage) return [`#${id}: no stage`];
    const s = stage.getBoundingClientRect();
    const room = { top: Math.max(s.top, 0), bottom: Math.min(s.bottom, innerHeight), left: Math.max(s.left, 0), right: Math.min(s.right, innerWidth) };
    const shown = (el: Element) => {
      if (getComputedStyle(el).visibility !== 'visible') return false;
      for (let a: Element | null = el; a && a !== stage; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.display === 'none' || Number(cs.opacity) === 0) return false;
        // for screen readers only: a 1 px box that clips its text
        if (cs.clipPath !== 'none' || (a.getBoundingClientRect().width <= 1 && cs.overflow !== 'visible')) return false;
      }
      return true;
    };
    const out: string[] = [];
    const test = (what: string, r: { top: number; bottom: number; left: number; right: number }) => {
      if (r.bottom - r.top < 1 || r.right - r.left < 1) return;
      if (r.top < room.top - 0.5 || r.bottom > room.bottom + 0.5 || r.left < room.left - 0.5 || r.right > room.right + 0.5)
        out.push(`“${what.trim().replace(/\s+/g, ' ').slice(0, 48)}” at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} (stage ${Math.round(room.left)},${Math.round(room.top)}–${Math.round(room.right)},${Math.round(room.bottom)})`);
    };
    const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('svg') || !shown(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) test(n.textContent, r);
    }
    for (const t of stage.querySelectorAll('svg text')) if (t.textContent?.trim() && shown(t)) test(t.textContent, t.getBoundingClientRect());
    for (const d of stage.querySelectorAll('svg, canvas')) {
      if (d.parentElement?.closest('svg') || !shown(d)) continue;
      const r = d.getBoundingClientRect();
      if (r.width >= 60 && r.height >= 40) test(`<${d.tagName.toLowerCase()} class="${d.getAttribute('class') ?? ''}">`, r);
    }
    return out;
  }, sectionId);
}
