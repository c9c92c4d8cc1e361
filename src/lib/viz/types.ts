/**
 * The graphic contract (ARCHITECTURE.md, "The graphic contract").
 *
 * - `step` is 0-based within the graphic's scrolly section; -1 means the
 *   reader has not reached its first step yet.
 * - `progress` runs 0..1 through the current step.
 * - The picture is a pure function of (step, progress) and the width: skipped,
 *   repeated, out-of-order and deep-linked steps are right by construction.
 * - The build-time picture (the no-JS state) is laid out at BUILD_WIDTH.
 */
export interface VizHandle {
  /** Draw the state for a step (-1 = before the first step) and progress 0..1. Pure in its arguments. */
  update(step: number, progress: number): void;
  /**
   * The container's new size in CSS pixels. <chancay-figure> calls it once before the
   * first `update` (a graphic may then draw its first state at this size, once).
   */
  resize(width: number, height: number): void;
  /**
   * Optional: make the picture that `update(step, progress)` at the current size will need,
   * in pieces (the drawing in this task, parsing it off the page in the next), so the update
   * only swaps it in (src/lib/viz/mount.ts). <chancay-figure> calls it before the first update.
   */
  prepare?(step: number, progress: number): Promise<void>;
  /** Undo everything mount did: listeners, timers, GPU resources, attributes. */
  destroy(): void;
}

export interface VizContext {
  /** Labels and copy from content/figures.yaml. */
  labels: Record<string, string>;
  /** Present inside an embed page. */
  embedded: boolean;
}

/** A graphic's render module exports `mount`. `el` already holds the build-time SVG. */
export type Mount<D = unknown> = (el: HTMLElement, data: D, ctx: VizContext) => VizHandle;

/** One SVG picture: its size and inner markup (what goes inside <svg>). */
export interface Still {
  width: number;
  height: number;
  svg: string;
}

/**
 * The picture of `step` at `width` px, built from the same pure functions as
 * the browser uses. Used for the build-time SVG, per-step stills (the plain
 * article, social cards) and the label-overlap tests.
 */
export type StillFn<D> = (data: D, labels: Record<string, string>, step: number, width: number) => Still;

/** Width the build-time SVG is laid out at (a phone's column); the browser re-lays it out to fit. */
export const BUILD_WIDTH = 360;
