/**
 * The one mount for SVG graphics: finds the build-time <svg>, keeps the
 * (step, progress, width) state, and redraws only when it changes. A graphic
 * supplies pure functions; this file is the only place that writes them into
 * the DOM. See ARCHITECTURE.md, "The graphic contract".
 */
import type { Still, VizHandle } from './types';
import { afterNextFrame } from '../schedule';
import { isParts, whole, type Drawing } from './parts';
import { setAttr } from '../dom-writes';

/** A step index clamped to a graphic's states: -1 (before the section) shows the first state. */
export function clampStep(step: number, count: number): number {
  return Math.min(Math.max(Math.round(step), 0), Math.max(0, count - 1));
}

// Writes that skip a value already there (src/lib/dom-writes.ts), re-exported for the graphics that import them from here.
export { setAttr, setText } from '../dom-writes';

/**
 * Put a picture into an <svg>: size, viewBox, content. `nodes`, when given, are the picture's
 * markup already parsed off the page (`prepare`): they are moved in instead of parsing again.
 */
export function fillSvg(svg: SVGSVGElement, p: Still, nodes?: Node[] | null): void {
  setAttr(svg, 'viewBox', `0 0 ${p.width} ${p.height}`);
  setAttr(svg, 'width', String(p.width));
  setAttr(svg, 'height', String(p.height));
  if (nodes) svg.replaceChildren(...nodes);
  else svg.innerHTML = p.svg;
}

/** A picture drawn before it was needed, for one layout and size (`prepare`). */
interface Ready<S extends Still> {
  key: string;
  still: S;
  /** Its markup parsed off the page, once there was a task for it; null until then. */
  nodes: Node[] | null;
}

/** How many drawings made ahead a graphic keeps (the layouts up to two steps either side, and one spare). */
const READY_MAX = 5;

export interface SvgGraphic<S extends Still = Still> {
  /** Names the graphic in errors: `[rail-costs] …`. */
  name: string;
  /**
   * The whole picture at (step, progress) for a width. Pure. `height` is the
   * box's height when the page sizes it (the scrolly stage) and the graphic
   * asked for it (`usesHeight`), else 0.
   */
  draw(step: number, progress: number, width: number, height: number): Drawing<S>;
  /**
   * The picture `draw` returned is now the one on screen. A graphic that keeps something of
   * its last drawing for `restyle` (the climb profile's layout) takes it here, never in `draw`:
   * a drawing may be made ahead of time (`prepare`) and never shown.
   */
  committed?(still: S): void;
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
export function mountSvg<S extends Still = Still>(
  el: HTMLElement,
  g: SvgGraphic<S>,
  selector = 'svg',
): VizHandle & { readonly svg: SVGSVGElement; redraw(): void; prepare(step: number, progress: number): Promise<void> } {
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

  /**
   * What a drawing made ahead must match to stand in for `draw`: the size, and the step's
   * layout when `restyle` turns any drawing of that layout into the step's exact picture
   * (a graphic without `restyle` needs the very step, and the progress if it uses it).
   */
  const keyOf = (s: number, p: number) =>
    `${width}x${g.usesHeight ? height : 0}|` + (g.restyle ? (byStep ? layoutOf(s) : '') : `${s}|${g.usesProgress ? p : ''}`);
  /** Drawings made ahead, newest first. */
  let ready: Ready<S>[] = [];
  /**
   * Bumped by `redraw()` (something outside the state changed) and `destroy()`: a drawing that a
   * `prepare` started before then is dropped when it finishes, never kept or shown.
   */
  let generation = 0;
  let destroyed = false;
  const restyle = () => {
    g.restyle?.(svg, step, progress);
    // Written only when it changes: restyle runs in every scrolled frame of a graphic that uses progress.
    if (svg.dataset.step !== String(step)) svg.dataset.step = String(step);
  };
  const draw = () => {
    if (Number.isNaN(step)) step = -1;
    if (width <= 0) return;
    const key = keyOf(step, progress);
    const made = ready.find((r) => r.key === key);
    ready = ready.filter((r) => r !== made);
    // A drawing `prepare` is part-way through for this very picture: its remaining parts now, not all of them again.
    const part = made ? undefined : making.get(key);
    if (part) making.delete(key);
    const still = made?.still ?? (part ? whole(part) : whole(g.draw(step, progress, width, g.usesHeight ? height : 0)));
    fillSvg(svg, still, made?.nodes);
    g.committed?.(still);
    drawnWidth = width;
    drawnHeight = height;
    drawnLayout = layoutOf(step);
    restyle();
    lookAhead();
  };
  /**
   * A graphic whose layout changes with the step draws its neighbours' layouts while the page
   * is idle, so a step change that needs a new layout only swaps the parsed picture in: drawing
   * the climb profile and parsing it in the step change's task, then laying it out in the same
   * frame, made frames of 70-90 ms at CPU x10 on the phone profile (issue 12). Two steps each way,
   * nearest first: a drawing made in many small parts (the climb profile's label placement, a
   * frame per slice) needs more than one step's reading to be ready, and a step that shares the
   * present layout (restyled, not drawn) leaves the next new layout two steps on. (A graphic with
   * a layout for every step looks one step each way: READY_MAX keeps what either needs.)
   */
  let idle = 0;
  const lookAhead = () => {
    const ric = (globalThis as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback;
    if (destroyed || !byStep || !ric || idle) return;
    const here = keyOf(step, progress);
    const near = typeof byStep === 'function' ? [step + 1, step - 1, step + 2, step - 2] : [step + 1, step - 1];
    const next = near.find((s) => s >= -1 && keyOf(s, 0) !== here && !ready.some((r) => r.key === keyOf(s, 0)) && !making.has(keyOf(s, 0)));
    if (next === undefined) return;
    idle = ric(() => {
      idle = 0;
      void prepare(next, 0).then(lookAhead);
    });
  };
  /** The drawings a `prepare` is part-way through, by key: `draw` finishes one it needs now. */
  const making = new Map<string, Generator<void, S, void>>();
  /**
   * Would `update(s, …)` from the present state draw (not only restyle the picture on screen)?
   * `update` decides with it too: a graphic with `restyle` keeps the picture at the size it was
   * drawn while the step's layout stays the same.
   */
  const draws = (s: number) => {
    const newLayout = s !== step && !!byStep && (typeof byStep !== 'function' || layoutOf(s) !== drawnLayout);
    return !(g.restyle && !newLayout && width === drawnWidth && height === drawnHeight);
  };
  /**
   * Draw the picture that `update(step, progress)` at the current size will need (a generator's
   * parts with a rendered frame between them) and parse its markup off the page after the next
   * frame; that update then only moves the nodes in, and the frame that shows them only lays them
   * out (issue 12). A drawing that no update asks for is dropped after READY_MAX others;
   * `redraw()` (something outside the state changed) drops them all.
   */
  const prepare = async (s: number, p: number) => {
    // Nothing to make when the update will only restyle (the build-time picture already at this size).
    if (destroyed || width <= 0 || !draws(s)) return;
    const key = keyOf(s, p);
    if (making.has(key) || ready.some((r) => r.key === key)) return;
    const gen = generation;
    const d = g.draw(s, p, width, g.usesHeight ? height : 0);
    let still: S;
    if (isParts(d)) {
      making.set(key, d);
      try {
        let r = d.next();
        // A frame between the parts (the layout, then the markup); a resize meanwhile makes this drawing one nobody will ask for.
        while (!r.done) {
          await afterNextFrame();
          if (gen !== generation) return; // redrawn or destroyed meanwhile: the rest is not needed
          if (making.get(key) !== d) return; // `draw` needed it meanwhile and finished it itself
          r = d.next();
        }
        still = r.value;
      } finally {
        if (making.get(key) === d) making.delete(key);
      }
    } else still = d;
    if (gen !== generation) return; // redrawn or destroyed meanwhile: made for a state that is gone
    const entry: Ready<S> = { key, still, nodes: null };
    ready = [entry, ...ready].slice(0, READY_MAX);
    const doc = svg.ownerDocument as Document | undefined;
    if (!doc?.createElementNS) return; // no DOM to parse into (unit tests): the update parses
    // A frame in between: scheduler.yield's continuation runs before the browser renders.
    await afterNextFrame();
    if (!ready.includes(entry)) return;
    const tmp = doc.createElementNS(svg.namespaceURI, 'svg');
    tmp.innerHTML = entry.still.svg;
    entry.nodes = [...tmp.childNodes];
  };
  return {
    svg,
    redraw() {
      ready = [];
      making.clear();
      generation++;
      draw();
    },
    prepare,
    update(i, p) {
      const stepChanged = i !== step;
      if (!stepChanged && (!g.usesProgress || Math.abs(p - progress) < 1e-4)) return;
      // The build-time picture has the right layout for a graphic whose layout does not follow the step,
      // as long as it is at the size drawn.
      const restyleOnly = !draws(i);
      step = i;
      progress = p;
      if (restyleOnly) {
        restyle();
        if (stepChanged) lookAhead();
      } else draw();
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
      draw();
    },
    destroy() {
      destroyed = true;
      generation++;
      ready = [];
      making.clear();
      if (idle) (globalThis as { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback?.(idle);
      idle = 0;
      g.destroy?.();
      delete svg.dataset.step;
    },
  };
}

/** Mount for a graphic with one state: the picture only follows the width. */
export function mountStatic(el: HTMLElement, name: string, draw: (width: number) => Drawing): VizHandle {
  return mountSvg(el, { name, draw: (_s, _p, w) => draw(w), restyle: () => {}, layoutByStep: false });
}

/** Placeholders in copy (src/lib/viz/labels.ts), re-exported for the graphics that import it from here. */
export { fill } from './labels';
