/** The contract every graphic implements (see STYLE.md, principle 3). */
export interface VizHandle {
  /** Draw the state for a step (-1 = before the first step) and progress 0..1. Pure in its arguments. */
  update(step: number, progress: number): void;
  /** The container's new size in CSS pixels. */
  resize(width: number, height: number): void;
  /** Undo everything mount did: listeners, timers, GPU resources. */
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
