/**
 * Per-step pictures for the plain article (no JavaScript, print, reduced
 * motion): each scroll-driven graphic's folder may export `stills` from
 * `src/viz/<name>/stills.ts`; <Scrolly> (src/components/Scrolly.astro) puts
 * picture k after step k's text, and src/integrations/step-stills.mjs writes
 * them out as standalone SVG files loaded only when shown.
 */
import type { Still } from './types';

export interface StepStill extends Still {
  /** The CSS scope the picture's classes are styled under (the graphic's canvas class). */
  scope: string;
  /**
   * The picture for a phone (a screen up to NARROW_STILL_MEDIA wide). Scrolly.astro lays each still out
   * again at PHONE_STILL_WIDTH for it; a graphic may give its own instead, where its picture changes
   * on a phone (the shipping map's phone map: the world map shrunk to the column had names about 5 px tall).
   */
  narrow?: Still;
}

/**
 * The width a phone's still is laid out at: about the step card's column on a 360–390 px phone
 * (280–310 px), so its 11 px labels are drawn at 10–11 px; a still laid out at BUILD_WIDTH (360)
 * and shrunk to the column drew them at 8.6–9.5 px.
 */
export const PHONE_STILL_WIDTH = 300;

/** The screens that get a still's `narrow` picture, as a media query (src/lib/viz/still-files.ts). */
export const NARROW_STILL_MEDIA = '(max-width: 480px)';

/** One picture per step of the section (`count` of them), laid out at `width`. */
export type StepStills = (labels: Record<string, string>, count: number, width: number) => Promise<StepStill[]>;

const made = new Map<string, Promise<StepStill[]>>();
/**
 * A section's stills, laid out once per build for each `key` (figure, edition, step count, width): a
 * chapter page and its embed page hold the same section, and step-stills.mjs writes each file once.
 * Only in a build: the dev server keeps modules between requests, and would show stills from before an edit.
 */
export function stillsOnce(key: string, make: () => Promise<StepStill[]>): Promise<StepStill[]> {
  if (!import.meta.env.PROD) return make();
  let p = made.get(key);
  if (!p) made.set(key, (p = make()));
  return p;
}
