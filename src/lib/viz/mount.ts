/**
 * The one mount for SVG graphics: finds the build-time <svg>, keeps the
 * (step, progress, width) state, and redraws only when it changes. A graphic
 * supplies pure functions; this file is the only place that writes them into
 * the DOM. See ARCHITECTURE.md, "The graphic contract".
 */
import type { Still, VizHandle } from './types';

/** A step index clamped to a graphic's states: -1 (before the section) shows the first state. */
export function clampStep(step: number, count: number): number {
  return Math.min(Math.max(Math.round(step), 0), Math.max(0, count - 1));
}

/**
 * Set an attribute only when its value changes: a write, even of the same value, invalidates
 * the element (its style, and for an <svg>'s size its box's layout), and restyles run on every
 * scrolled frame.
 */
export function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Put a picture into an <svg>: size, viewBox, content. */
export function fillSvg(svg: SVGSVGElement, p: Still): void {
  setAttr(svg, 'viewBox', `0 0 ${p.width} ${p.height}`);
  setAttr(svg, 'width', String(p.width));
  setAttr(svg, 'height', String(p.height));
  svg.innerHTML = p.svg;
}

export interface SvgGraphic {
  /** Names the graphic in errors: `[rail-costs] …`. */
  name: string;
  /**
   * The whole picture at (step, progress) for a width. Pure. `height` is the
   * box's height when the page sizes it (the scrolly stage) and the graphic
   * asked for it (`usesHeight`), else 0.
   */
  draw(step: number, progress: number, width: number, height: number): Still;
  /**
   * Optional cheap path when only the step or progress changed and the layout
   * did not: change classes or attributes on the drawn SVG (so CSS transitions
   * run). Must leave the same picture `draw` would.
   */
  restyle?(svg: SVGSVGElement, step: number, progress: number): void;
  /**
   * Whether the layout (not only the styling) depends on the step, so a new
   * step redraws with `draw`. Default: true when there is no `restyle`. A
   * function names the layout a step needs (steps with the same key share
   * one): a step change redraws only when the key changes and restyles
   * otherwise. A redraw lays the new SVG out from scratch (at CPU x4 on a
   * phone profile, 50-90 ms for the elevation profile), a restyle only the
   * marks it touches.
   */
  layoutByStep?: boolean | ((step: number) => string);
  /** Does the picture change with progress inside a step? Default false: progress-only updates are skipped. */
  usesProgress?: boolean;
  /** Does the layout follow the stage's height too (a graphic that fills the sticky stage)? Default false. */
  usesHeight?: boolean;
  /** Undo anything the graphic did outside its SVG. */
  destroy?(): void;
}

/**
 * Mount an SVG graphic in `el` (which holds the build-time <svg>, or several:
 * `selector` picks the one this graphic redraws).
 */
export function mountSvg(el: HTMLElement, g: SvgGraphic, selector = 'svg'): VizHandle & { readonly svg: SVGSVGElement; redraw(): void } {
  const svg = el.querySelector<SVGSVGElement>(selector);
  if (!svg) throw new Error(`[${g.name}] the build-time <svg> is missing`);
  const byStep = g.layoutByStep ?? !g.restyle;
  const layoutOf = (s: number) => (typeof byStep === 'function' ? byStep(s) : String(s));
  // Until it is resized, the graphic keeps the build-time picture's width: that picture is
  // what is on screen, drawn at that width with no stage height.
  let width = Number(svg.getAttribute('width')) || 0;
  let drawnWidth = width;
  let height = 0;
  let drawnHeight = 0;
  /** The layout key of the step last drawn ('' when the build-time picture is on screen). */
  let drawnLayout = '';
  let step = NaN; // no state yet: the first update draws (or restyles the build-time picture)
  let progress = 0;

  const restyle = () => {
    g.restyle?.(svg, step, progress);
    svg.dataset.step = String(step);
  };
  const redraw = () => {
    if (Number.isNaN(step)) step = -1;
    if (width <= 0) return;
    fillSvg(svg, g.draw(step, progress, width, g.usesHeight ? height : 0));
    drawnWidth = width;
    drawnHeight = height;
    drawnLayout = layoutOf(step);
    restyle();
  };
  return {
    svg,
    redraw,
    update(i, p) {
      const stepChanged = i !== step;
      if (!stepChanged && (!g.usesProgress || Math.abs(p - progress) < 1e-4)) return;
      step = i;
      progress = p;
      // The build-time picture has the right layout for a graphic whose layout does not follow the step,
      // as long as it is at the size drawn.
      const newLayout = stepChanged && !!byStep && (typeof byStep !== 'function' || layoutOf(i) !== drawnLayout);
      if (g.restyle && !newLayout && width === drawnWidth && height === drawnHeight) restyle();
      else redraw();
    },
    resize(w, h = 0) {
      const next = Math.round(w);
      const nextH = g.usesHeight ? Math.max(0, Math.round(h)) : 0;
      if (next <= 0 || (next === drawnWidth && nextH === drawnHeight)) return;
      width = next;
      height = nextH;
      // Sized before its first state (<chancay-figure> sizes, then updates): the update draws
      // once, at this size, instead of once at the build-time width and again here.
      if (Number.isNaN(step)) return;
      redraw();
    },
    destroy() {
      g.destroy?.();
      delete svg.dataset.step;
    },
  };
}

/** Mount for a graphic with one state: the picture only follows the width. */
export function mountStatic(el: HTMLElement, name: string, draw: (width: number) => Still): VizHandle {
  return mountSvg(el, { name, draw: (_s, _p, w) => draw(w), restyle: () => {}, layoutByStep: false });
}

/** Replace {name} placeholders in copy from content/ (figures.yaml labels); a missing value fails loudly. */
export function fill(tpl: string, vars: Record<string, string | number>, where = 'label'): string {
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in vars)) throw new Error(`[${where}] "${tpl}" needs a value for {${k}}`);
    return String(vars[k]);
  });
}
