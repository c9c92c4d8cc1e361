/**
 * Layout of the elevation profile for a width: scales, paths, marks and
 * collision-free station labels. Pure (d3-scale, d3-shape); used at build
 * time for the no-JS SVG and in the browser on resize.
 */
import { finish } from '../../lib/viz/parts';
import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { ClimbData, Gradient, Point } from './prep';
import { elevAt } from './prep';
import { formatNumber, measureText } from '../../lib/text';
import { edition, ui } from '../../lib/ui';
import { overlaps, segmentHitsBox, type Box } from '../../lib/viz/segment-box';
import { fill as fillLabel } from '../../lib/viz/labels';

export type { Box };
export type Pt = readonly [number, number];

export const FONT = 11;
export const LINE_H = 13;
/** A label's first line (the station's name) is semibold (climb.css `.climb__label-name`), the rest regular. */
const NAME = { weight: 600 };
const GAP = 4;

export interface LabelCandidate {
  id: string;
  lines: string[];
  /** Anchor: the point the label names. */
  ax: number;
  ay: number;
  /** 0 = must be placed; higher numbers are dropped first. */
  priority: number;
  /** For a label that must be placed: the same words with the name on two lines, tried where `lines` fits nowhere off the profile lines. */
  narrower?: string[];
}
export interface PlacedLabel {
  id: string;
  lines: string[];
  box: Box;
  /** How many of the lines are the name (semibold): 2 when it was set narrower. */
  nameLines?: number;
  /** Leader line from the anchor to the box, when the label had to move away. */
  leader?: { x1: number; y1: number; x2: number; y2: number };
}

/** A label's box: its widest line measured in the chart font (the first line semibold), plus the halo. */
export const textBox = (lines: string[], nameLines = 1) => ({
  w: Math.ceil(Math.max(...lines.map((l, i) => measureText(l, FONT, i < nameLines ? NAME : {})))) + 2,
  h: lines.length * LINE_H + 2,
});

/** The shared box test (src/lib/viz/segment-box.ts). */
export { overlaps };

/** Whether segment p-q crosses box b (src/lib/viz/segment-box.ts, shared with the locator map). */
export { segmentHitsBox };

function hitsLines(b: Box, lines: readonly (readonly Pt[])[]): boolean {
  for (const pl of lines) for (let i = 1; i < pl.length; i++) if (segmentHitsBox(pl[i - 1]!, pl[i]!, b)) return true;
  return false;
}

/** Whether two segments cross (touching at an end does not count). */
function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt): boolean {
  const side = (p: Pt, q: Pt, r: Pt) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const s1 = side(a, b, c);
  const s2 = side(a, b, d);
  const s3 = side(c, d, a);
  const s4 = side(c, d, b);
  return s1 * s2 < 0 && s3 * s4 < 0;
}

/** Whether a leader from its anchor (a point on a line) to its label crosses a profile line further than 5 px from the anchor. */
export function leaderCrossesLines(p: Pt, q: Pt, lines: readonly (readonly Pt[])[]): boolean {
  const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
  if (len <= 10) return false;
  const t = 5 / len;
  const from: Pt = [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
  for (const pl of lines) for (let i = 1; i < pl.length; i++) if (segmentsCross(from, q, pl[i - 1]!, pl[i]!)) return true;
  return false;
}

const inside = (b: Box, bounds: Box) => b.x >= bounds.x && b.y >= bounds.y && b.x + b.w <= bounds.x + bounds.w && b.y + b.h <= bounds.y + bounds.h;

/**
 * Greedy label placement: by priority, try positions around the anchor, then
 * further away with a leader line; a label that fits nowhere is dropped,
 * except priority-0 labels, which may cross the profile line as a last resort.
 * No two returned boxes overlap, none overlaps an obstacle, and no leader
 * line runs through another label's box or an obstacle.
 */
export function placeLabels(
  cands: readonly LabelCandidate[],
  bounds: Box,
  obstacles: readonly Box[] = [],
  polylines: readonly (readonly Pt[])[] = [],
): PlacedLabel[] {
  return finish(placeLabelsParts(cands, bounds, obstacles, polylines));
}

/**
 * How long, in ms of the page's own clock, label placement runs before it yields (when made in
 * parts). On the phone profile (CPU x4) the Southern layout's placement was one task of 49-55 ms,
 * cold, while the reader scrolled (issue 12); the clock is the page's, so a slower phone gets the
 * same slices, not the same share of the work.
 */
export const PLACE_SLICE_MS = 8;

/**
 * `placeLabels` in parts: it yields whenever PLACE_SLICE_MS have gone by since the last part
 * (checked between candidates and every 64 spots tried). Where it yields changes nothing placed:
 * the result is the same run at once (`finish`) or a frame at a time (src/lib/viz/mount.ts `prepare`).
 */
export function* placeLabelsParts(
  cands: readonly LabelCandidate[],
  bounds: Box,
  obstacles: readonly Box[] = [],
  polylines: readonly (readonly Pt[])[] = [],
): Generator<void, PlacedLabel[], void> {
  const clock = globalThis.performance ?? Date;
  let sliceStart = clock.now();
  /** Whether this part has run its slice: the caller yields, and the next part starts a new one. */
  const due = () => {
    if (clock.now() - sliceStart < PLACE_SLICE_MS) return false;
    sliceStart = clock.now();
    return true;
  };
  const placed: PlacedLabel[] = [];
  const taken: Box[] = [...obstacles];
  /** Leader lines already drawn: a later label's box must not sit on one. */
  const leaders: [Pt, Pt][] = [];
  const order = cands.map((c, i) => ({ c, i })).sort((a, b) => a.c.priority - b.c.priority || a.i - b.i);
  /**
   * For a label that must be placed, last, every spot round the anchor on a 6 px grid up to 80 px away,
   * nearest first: where two lines leave one point (both railways start at km 0 by the sea) the spots above
   * and below are all on a line and the room is off to the side; beside a crowded peak it is a few pixels
   * between the axis title and the other line. (Other labels are dropped instead: a far label with a long
   * leader is clutter.) About 1,300 spots, sorted: made only when a label gets that far, once per size.
   */
  const rounds = new Map<string, number[][]>();
  const roundSpots = (w: number, h: number): number[][] => {
    const key = `${w}x${h}`;
    let r = rounds.get(key);
    if (!r) {
      const round: { d: number; at: number[] }[] = [];
      for (let dx = -w - 80; dx <= 80; dx += 6)
        for (let dy = -h - 80; dy <= 80; dy += 6) {
          const d = Math.hypot(Math.max(dx, 0, -dx - w), Math.max(dy, 0, -dy - h));
          if (d >= 8) round.push({ d, at: [dx, dy] });
        }
      r = round.sort((a, b) => a.d - b.d).map((x) => x.at);
      rounds.set(key, r);
    }
    return r;
  };
  for (const { c } of order) {
    /** Every spot around the anchor for a label of these lines, nearest first (the far ones with a leader), in groups. */
    const spots = (lines: string[], nameLines: number) => {
      const { w, h } = textBox(lines, nameLines);
      const near = [
        [-w - 2, -h - GAP], // above left
        [2, -h - GAP], // above right
        [-w / 2, -h - GAP - 2], // above
        [GAP + 2, GAP], // below right
        [-w - GAP - 2, GAP], // below left
        [-w / 2, GAP + 4], // below
        [GAP + 4, -h / 2], // right
        [-w - GAP - 4, -h / 2], // left
      ];
      const far: number[][] = [];
      for (const lift of [22, 40, 62, 86]) {
        far.push([-w / 2, -h - lift], [-w + 8, -h - lift], [-8, -h - lift], [12, -h - lift + 14], [-w / 2, lift], [-w + 8, lift], [-8, lift], [12, lift - 14]);
      }
      // A label that must be placed: then the grid round it (roundSpots), then along the picture's top edge, either side.
      const edge: number[][] = [];
      if (c.priority === 0) for (let dx = 8; dx <= 160; dx += 12) edge.push([dx, bounds.y - c.ay], [-w - dx, bounds.y - c.ay]);
      const groups = c.priority === 0 ? [near, far, () => roundSpots(w, h), edge] : [near, far];
      return { w, h, groups };
    };
    const tryAll = function* (lines: string[], respectLine: boolean, nameLines = 1, leaderOverLine = false): Generator<void, PlacedLabel | null, void> {
      const { w, h, groups } = spots(lines, nameLines);
      let tried = 0;
      for (const [g, group] of groups.entries()) {
        const withLeader = g > 0; // every spot after the near ones
        for (const [dx, dy] of typeof group === 'function' ? group() : group) {
          if (++tried % 64 === 0 && due()) yield;
          const box = { x: c.ax + dx!, y: c.ay + dy!, w, h };
          if (!inside(box, bounds)) continue;
          if (taken.some((t) => overlaps(t, box))) continue;
          if (leaders.some(([p, q]) => segmentHitsBox(p, q, box))) continue;
          if (respectLine && hitsLines(box, polylines)) continue;
          const label: PlacedLabel = { id: c.id, lines, box, ...(nameLines > 1 ? { nameLines } : {}) };
          if (withLeader) {
            // leader from the anchor to the nearest point of the box's edge
            const x2 = Math.min(Math.max(c.ax, box.x + 2), box.x + box.w - 2);
            const y2 = box.y > c.ay ? box.y : box.y + box.h;
            // A leader never runs through other text (a label, the axis title, the readout, the legend).
            if (taken.some((t) => segmentHitsBox([c.ax, c.ay], [x2, y2], t))) continue;
            // Nor across a railway (the dashed Southern line under a Central station's leader read as a second
            // pointer): only a label that must be placed, and has no other spot, gets such a leader.
            if (!leaderOverLine && leaderCrossesLines([c.ax, c.ay], [x2, y2], polylines)) continue;
            label.leader = { x1: c.ax, y1: c.ay, x2, y2 };
          }
          return label;
        }
      }
      return null;
    };
    // The label as written, then narrower (its name on two lines), before a label that must be placed crosses a line.
    let got: PlacedLabel | null = yield* tryAll(c.lines, true);
    if (!got && c.narrower && c.priority === 0) got = yield* tryAll(c.narrower, true, 2);
    if (!got && c.priority === 0) got = (yield* tryAll(c.lines, true, 1, true)) ?? (yield* tryAll(c.lines, false, 1, true));
    if (got) {
      placed.push(got);
      taken.push(got.box);
      if (got.leader) leaders.push([[got.leader.x1, got.leader.y1], [got.leader.x2, got.leader.y2]]);
    }
    if (due()) yield;
  }
  return placed;
}

export interface ProfileOptions {
  southern: boolean;
  steep: boolean;
  /** Copy from figures.yaml (station name overrides, legend, axis). */
  labels: Record<string, string>;
  /**
   * The height of the box the page gives the drawing (the sticky stage on a
   * phone), to fill it rather than letterbox: used between the width's own
   * height (heightFor) and 1.3 × the width. Omitted: heightFor(width).
   */
  height?: number;
}

export interface ProfileLayout {
  width: number;
  height: number;
  plot: Box;
  xMax: number;
  yMax: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  central: { line: string; area: string; poly: Pt[] };
  southern: { line: string; area: string; poly: Pt[] } | null;
  dots: { id: string; x: number; y: number; kind: Point['kind']; line: 'central' | 'southern' }[];
  zigzags: { id: string; x: number; y: number }[];
  summit: { x: number; y: number };
  steep: { x1: number; y1: number; x2: number; y2: number; g: Gradient } | null;
  bands: { key: string; x1: number; x2: number }[];
  legend: Box;
  labels: PlacedLabel[];
}

export const heightFor = (width: number) => Math.round(Math.min(390, Math.max(300, width * 0.6)));

/** A whole number in the edition's format. */
export const fmtInt = (n: number) => formatNumber(Math.round(n), edition);
/** Metres above sea level, "4,783 m" (unit from content/ui). */
export const fmtM = (n: number) => ui('unit.m', { n: fmtInt(n) }, edition);
export const fmtPermille = (g: Gradient) => `${Math.round(Math.abs(g.permille))}‰`;

/** Placeholders in a label from figures.yaml: the shared filler (src/lib/viz/labels.ts), named for this graphic. */
export const fill = (tpl: string, vars: Record<string, string | number>) => fillLabel(tpl, vars, 'climb-profile');

export function layout(data: ClimbData, width: number, opts: ProfileOptions): ProfileLayout {
  return finish(layoutParts(data, width, opts));
}

/** `layout` in parts: the scales, lines and boxes, then the label placement (most of the time), itself in slices of PLACE_SLICE_MS (src/lib/viz/parts.ts). */
export function* layoutParts(data: ClimbData, width: number, opts: ProfileOptions): Generator<void, ProfileLayout, void> {
  const narrow = width < 480;
  const height = opts.height ? Math.round(Math.min(Math.max(opts.height, heightFor(width)), width * 1.3)) : heightFor(width);
  const margin = { top: 10, right: 10, bottom: 50, left: 40 };
  const plot: Box = { x: margin.left, y: margin.top, w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
  const xMax = opts.southern ? data.southern.lengthKm : data.central.lengthKm;
  const yMax = 5600;
  const x = scaleLinear().domain([0, xMax]).range([plot.x, plot.x + plot.w]);
  const y = scaleLinear().domain([0, yMax]).range([plot.y + plot.h, plot.y]);
  const lineGen = line<Point>()
    .x((p) => x(p.km))
    .y((p) => y(p.elev));
  const areaGen = area<Point>()
    .x((p) => x(p.km))
    .y0(y(0))
    .y1((p) => y(p.elev));
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const poly = (pts: Point[]): Pt[] => pts.map((p) => [r1(x(p.km)), r1(y(p.elev))] as const);
  const c = data.central;
  const s = data.southern;

  // The axis title sits at the end of the tick row: drop ticks it would cover.
  const axisW = measureText(opts.labels['axis_x'] ?? '', FONT) + 12;
  const xTicks = x
    .ticks(narrow ? 4 : 7)
    .map((t) => ({ x: x(t), label: fmtInt(t) }))
    .filter((t) => t.x + measureText(t.label, FONT) / 2 < plot.x + plot.w - axisW);
  const yTicks = [0, 1000, 2000, 3000, 4000, 5000].map((t) => ({ y: y(t), label: fmtInt(t) }));

  const dots = [
    ...c.points.map((p) => ({ id: p.id, x: x(p.km), y: y(p.elev), kind: p.kind, line: 'central' as const })),
    ...(opts.southern ? s.points.map((p) => ({ id: p.id, x: x(p.km), y: y(p.elev), kind: p.kind, line: 'southern' as const })) : []),
  ];
  const zigzags = c.zigzags.map((z) => ({ id: z.id, x: x(z.km), y: y(elevAt(c.points, z.km)) }));
  const summit = { x: x(c.summit.km), y: y(c.summit.elev) };
  const g = data.steepest;
  const steep = opts.steep ? { x1: x(g.fromKm), y1: y(elevAt(c.points, g.fromKm)), x2: x(g.toKm), y2: y(elevAt(c.points, g.toKm)), g } : null;
  const bands = opts.southern ? [] : data.steps.filter((st) => st.to > st.from).map((st) => ({ key: st.band, x1: x(st.from), x2: x(st.to) }));

  // Legend in the plot's lower right, over the pale area fill.
  const L = opts.labels;
  const legendLines = [L['legend_central'] ?? '', L['legend_zigzag'] ?? '', ...(opts.southern ? [L['legend_southern'] ?? ''] : [])];
  const lw = Math.ceil(Math.max(...legendLines.map((t) => measureText(t, FONT)))) + 30;
  const lh = legendLines.length * 15 + 6;
  const legend: Box = { x: plot.x + plot.w - lw, y: plot.y + plot.h - lh - 4, w: lw, h: lh };

  // The labels' candidates measure every name and its two-line forms: a part of their own (issue 12).
  yield;
  const name = (p: { id: string; name: string }) => L[`name_${p.id}`] ?? p.name;
  /** A long name on two lines, as even as they go ("Galera tunnel" / "(summit)"). */
  const twoLines = (s: string): string[] | undefined => {
    const words = s.split(' ');
    if (words.length < 2) return undefined;
    let best: string[] | undefined;
    for (let i = 1; i < words.length; i++) {
      const lines = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
      const w = Math.max(...lines.map((l) => measureText(l, FONT, NAME)));
      if (!best || w < Math.max(...best.map((l) => measureText(l, FONT, NAME)))) best = lines;
    }
    return best;
  };
  const cand = (id: string, p: Point, priority: number): LabelCandidate => {
    const n = twoLines(name(p));
    return { id, lines: [name(p), fmtM(p.elev)], ax: x(p.km), ay: y(p.elev), priority, ...(n ? { narrower: [...n, fmtM(p.elev)] } : {}) };
  };
  const cands: LabelCandidate[] = c.points.filter((p) => p.priority < 50).map((p) => cand(p.id, p, p.priority));
  if (opts.southern) {
    for (const p of s.points) {
      if (p.priority >= 50) continue;
      // Southern labels come after the central landmarks.
      cands.push(cand(`s-${p.id}`, p, 10 + p.priority));
    }
  }
  if (steep) {
    const title = L['steep_title'] ?? '';
    const value = `${fmtPermille(g)} ${L[`name_${g.fromId}`] ?? g.from}–${L[`name_${g.toId}`] ?? g.to}`;
    const narrow = twoLines(title);
    cands.push({
      id: 'steepest',
      lines: [title, value],
      ax: (steep.x1 + steep.x2) / 2,
      ay: (steep.y1 + steep.y2) / 2,
      // Must be placed (after the must-place stations) on the Central line's own steps, which point
      // the reader to it ("the thick red stroke is the steepest stretch"): at priority 0.5 the
      // Spanish title, half as long again as the English, found no room on a phone and the label
      // was dropped (review helper-66, 7 Dec 2026). Its title may go on two lines. With the
      // Southern line drawn (the steps about that railway) there is no room off both lines on a
      // phone, and it may be dropped, as before.
      priority: opts.southern ? 0.5 : 0,
      ...(narrow ? { narrower: [...narrow, value] } : {}),
    });
  }
  const lines = [poly(c.points), ...(opts.southern ? [poly(s.points)] : [])];
  const bounds: Box = { x: plot.x - 4, y: 0, w: width - plot.x + 4, h: plot.y + plot.h };
  // The readout beside the train (top right) and the y-axis title (top left) stay clear.
  // The readout's widest text: the largest km and elevation the line reaches (12px bold, climb.css).
  const readoutW = measureText(fill(L['readout'] ?? '', { km: fmtInt(xMax), elev: fmtInt(yMax) }), 12, { weight: 700 });
  const readoutBox: Box = { x: plot.x + plot.w - readoutW - 4, y: plot.y - 2, w: readoutW + 4, h: 16 };
  const axisBox = measureAxisTitle({ plot, yTicks }, L);
  const pad = (b: Box, d: number): Box => ({ x: b.x - d, y: b.y - d, w: b.w + 2 * d, h: b.h + 2 * d });
  const tickBoxes = tickLabelBoxes({ plot, yTicks }).map((b) => pad(b, TICK_CLEAR));
  yield;
  const placed = yield* placeLabelsParts(cands, bounds, [legend, readoutBox, axisBox, ...tickBoxes], lines);

  return {
    width,
    height,
    plot,
    xMax,
    yMax,
    xTicks,
    yTicks,
    central: { line: lineGen(c.points) ?? '', area: areaGen(c.points) ?? '', poly: lines[0]! },
    southern: opts.southern ? { line: lineGen(s.points) ?? '', area: areaGen(s.points) ?? '', poly: lines[1]! } : null,
    dots,
    zigzags,
    summit,
    steep,
    bands,
    legend,
    labels: placed,
  };
}

/** Room kept between a station's label and a y-axis tick label ("Lima 150 m" sat 1 px from "2,000", Spanish 360 px). */
export const TICK_CLEAR = 4;

/**
 * The y-axis tick labels' boxes, as markup.ts draws them (right-aligned 5 px left of the plot, baseline 4 px
 * under the tick line, FONT px): station labels keep TICK_CLEAR px off them.
 */
export function tickLabelBoxes(l: Pick<ProfileLayout, 'plot' | 'yTicks'>): Box[] {
  return l.yTicks.map((tk) => {
    const w = measureText(tk.label, FONT);
    return { x: l.plot.x - 5 - w, y: tk.y + 4 - FONT * 0.8, w, h: FONT };
  });
}

/** The y-axis title's box (markup.ts draws it above the top tick line, at the plot's left): labels and leaders keep off it. */
export function measureAxisTitle(l: Pick<ProfileLayout, 'plot' | 'yTicks'>, labels: Record<string, string>): Box {
  const top = l.yTicks[l.yTicks.length - 1]!.y;
  return { x: l.plot.x, y: top - 14, w: measureText(labels['axis_y'] ?? '', FONT) + 8, h: 14 };
}

/** Screen position of a km on a line of the layout (for the train marker). */
export function pointAt(l: Pick<ProfileLayout, 'plot' | 'xMax' | 'yMax'>, points: readonly Point[], km: number): { x: number; y: number } {
  return {
    x: l.plot.x + (km / l.xMax) * l.plot.w,
    y: l.plot.y + l.plot.h - (elevAt(points, km) / l.yMax) * l.plot.h,
  };
}
