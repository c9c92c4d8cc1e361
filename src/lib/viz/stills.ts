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
}

/** One picture per step of the section (`count` of them), laid out at `width`. */
export type StepStills = (labels: Record<string, string>, count: number, width: number) => Promise<StepStill[]>;
