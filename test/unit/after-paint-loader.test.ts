/**
 * The head script (LOADER, src/integrations/after-paint-scripts.mjs) picks the plain article before
 * the first paint where <scrolly-section> will pick it once its script runs: under reduced motion,
 * and on a screen too short for a stage and a card (SHORT_MEDIA), outside a frame. Run here on a
 * stand-in document, so the two stay the same query.
 */
import { describe, it, expect } from 'vitest';
import { LOADER } from '../../src/integrations/after-paint-scripts.mjs';
import { SHORT_MEDIA } from '../../src/lib/scrolly';

/** Runs the loader on a document with one scroll section; returns the section's mode after DOMContentLoaded. */
function modeAfterLoad(matching: string[], htmlAttrs: Record<string, string> = {}, framed = false): string {
  const section = { mode: 'scroll', setAttribute: (_: string, v: string) => (section.mode = v) };
  const attrs: Record<string, string> = { ...htmlAttrs };
  const documentElement = { classList: { add() {}, contains: () => false }, getAttribute: (k: string) => attrs[k] ?? null };
  const document = {
    documentElement,
    readyState: 'interactive',
    querySelector: () => null,
    querySelectorAll: (sel: string) => (sel === 'scrolly-section[data-mode=scroll]' ? [section] : []),
    addEventListener() {},
  };
  const window: Record<string, unknown> = { matchMedia: (q: string) => ({ matches: matching.includes(q) }), localStorage: null, setTimeout: () => 0 };
  window.parent = framed ? {} : window;
  new Function('document', 'window', 'setTimeout', 'PerformanceObserver', LOADER)(document, window, () => 0, undefined);
  return section.mode;
}

describe('the head script chooses the plain article as <scrolly-section> does', () => {
  it('on a short screen (the same query as SHORT_MEDIA), and under reduced motion', () => {
    expect(LOADER).toContain(`matchMedia('${SHORT_MEDIA}')`);
    expect(modeAfterLoad([SHORT_MEDIA])).toBe('plain');
    expect(modeAfterLoad(['(prefers-reduced-motion: reduce)'])).toBe('plain');
  });
  it('not on a tall screen, nor in a frame however short (an embed in its host), but on an embed page opened on its own', () => {
    expect(modeAfterLoad([])).toBe('scroll');
    expect(modeAfterLoad([SHORT_MEDIA], { 'data-embed': 'true' }, true)).toBe('scroll');
    expect(modeAfterLoad([SHORT_MEDIA], { 'data-embed': 'true' }, false)).toBe('plain');
  });
});
