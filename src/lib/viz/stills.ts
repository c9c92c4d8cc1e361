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
  /**
   * The picture for a short, wide screen (SHORT_STILL_MEDIA: a phone held sideways). Scrolly.astro
   * fills it with the step laid out again at SHORT_STILL_WIDTH to fit SHORT_STILL_HEIGHT.
   */
  short?: Still;
}

/**
 * The width a phone's still is laid out at: about the step card's column on a 360–390 px phone
 * (280–310 px), so its 11 px labels are drawn at 10–11 px; a still laid out at BUILD_WIDTH (360)
 * and shrunk to the column drew them at 8.6–9.5 px.
 */
export const PHONE_STILL_WIDTH = 300;

/** The screens that get a still's `narrow` picture, as a media query (src/lib/viz/still-files.ts). */
export const NARROW_STILL_MEDIA = '(max-width: 480px)';

/**
 * The screens that get a still's `short` picture: a phone held sideways (390 px tall at 844 wide,
 * 360 at 740, 320 at 568), where the plain article is what is read (SHORT_MEDIA, src/lib/scrolly.ts,
 * is 479 px; a no-JavaScript reader up to 500 px gets the same picture). The stills at BUILD_WIDTH
 * were taller than those screens (funding-models' 531–554 px) or shrunk to the card's column with
 * their words (the world map's names at 8.8 px).
 */
export const SHORT_STILL_MEDIA = '(orientation: landscape) and (max-height: 500px)';

/**
 * The width a short screen's still is laid out at: the step card's column there (a 512 px card, 472 px
 * inside its padding, from 568 to 1024 px wide), less the picture's border, so it is drawn at its own
 * size and its words at theirs.
 */
export const SHORT_STILL_WIDTH = 468;

/**
 * The height a short screen's still is laid out to, where the graphic can use a height (`usesHeight`):
 * on a 360 px screen it leaves about three lines of the step's text beside the picture. A graphic that
 * needs more at this width (the climb profile's 300 px floor, funding-models' most compact schematic)
 * takes what it needs; the plain-article test holds every one inside a 360 px screen.
 */
export const SHORT_STILL_HEIGHT = 250;

/**
 * One picture per step of the section (`count` of them), laid out at `width`; with `height`, laid out
 * to fit it where the graphic can (the short screen's picture, SHORT_STILL_HEIGHT).
 */
export type StepStills = (labels: Record<string, string>, count: number, width: number, height?: number) => Promise<StepStill[]>;

const made = new Map<string, Promise<StepStill[]>>();
/**
 * A section's stills, laid out once per build for each `key` (figure, edition, step count, width and height): a
 * chapter page and its embed page hold the same section, and step-stills.mjs writes each file once.
 * Only in a build: the dev server keeps modules between requests, and would show stills from before an edit.
 */
export function stillsOnce(key: string, make: () => Promise<StepStill[]>): Promise<StepStill[]> {
  if (!import.meta.env.PROD) return make();
  let p = made.get(key);
  if (!p) made.set(key, (p = make()));
  return p;
}
