/**
 * Locator map layout for a width: a Mercator projection fitted to central
 * Peru, projected places and lines, and labels placed so that none overlaps
 * another label, a place's marker, a rail line (or its arrowhead) or the frame
 * edge, each place's name nearer its own marker than any other, and each
 * line's name nearer its own line.
 * Pure (d3-geo only): the build-time SVG and the unit tests use it.
 */
import { geoArea, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { LocatorData } from './prep';
import { formatNumber, measureText, wrap, type TextStyle } from '../../lib/text';
import { fill as fillLabel, label } from '../../lib/viz/labels';

const fill = (s: string, vars: Record<string, string>) => fillLabel(s, vars, 'locator-map');
import { edition } from '../../lib/ui';
import { overlaps, segmentHitsBox, type Box } from '../../lib/viz/segment-box';

/** The area shown, degrees: the coast from Barranca to south of Lima, the highlands to Huancayo and Cerro de Pasco (Ica and Pucallpa are off the map: their lines are arrows). */
export const EXTENT = { west: -78.0, east: -74.9, south: -12.62, north: -10.38 };
export const NAME_FONT = 12;
export const SMALL_FONT = 10.5;
export const LINE_FONT = 11;
/** Weights and spacing as locator-map.css sets them: what measureText needs to know. */
const nameStyle = (kind: string): TextStyle => ({ weight: kind === 'capital' ? 800 : 600 });
const SUB_STYLE: TextStyle = { weight: 700 };
const LINE_STYLE: TextStyle = { weight: 600 };

export type { Box };
export interface LabelBox extends Box {
  id: string;
  /** Lines of text, first baseline at y + first font's ascent. */
  lines: { text: string; size: number; cls: string; style?: TextStyle }[];
  anchor: 'start' | 'end';
  /** x of the text anchor. */
  tx: number;
}
export interface PlaceMark {
  id: string;
  kind: string;
  x: number;
  y: number;
}
export interface LineMark {
  id: string;
  kind: 'existing' | 'proposed' | 'area';
  schematic: boolean;
  d: string;
  /** Projected points, for tests. */
  points: [number, number][];
}
export interface LocatorLayout {
  width: number;
  height: number;
  places: PlaceMark[];
  lines: LineMark[];
  labels: LabelBox[];
  ocean?: LabelBox | undefined;
  /** Labels that could not be placed without overlapping (empty when the layout is good). */
  crowded: string[];
  /** Callao to Chancay, great-circle km (for the callout). */
  gapKm: number;
}

export function projection(width: number): { proj: GeoProjection; height: number } {
  const box = {
    type: 'MultiPoint' as const,
    coordinates: [
      [EXTENT.west, EXTENT.north],
      [EXTENT.east, EXTENT.north],
      [EXTENT.west, EXTENT.south],
      [EXTENT.east, EXTENT.south],
    ],
  };
  const proj = geoMercator().fitWidth(width, box);
  const [[, y0], [, y1]] = geoPath(proj).bounds(box);
  const [tx, ty] = proj.translate();
  proj.translate([tx, ty - y0]);
  const height = Math.ceil(y1 - y0);
  proj.clipExtent([
    [0, 0],
    [width, height],
  ]);
  return { proj, height };
}

export { overlaps };
/** A straight piece of a drawn line: x0, y0, x1, y1. */
type Seg = [number, number, number, number];
/** Room between a label's block and a rail: half the widest stroke (3 px) and a little air. */
const LINE_PAD = 2;
/** Room between two labels' blocks. */
const LABEL_GAP = 3;
/** Beyond this many px from a line's name, another line does not compete for it. */
const CLEAR = 30;
/** A line's name this much nearer its own line than any other is clear enough: the first such spot is taken. */
const CLEAR_ENOUGH = 10;
/** Distances from a marker's centre to its label, nearest first. */
const PLACE_GAPS = [7, 10, 13];
/** Sides of the marker a label may take, in order of preference: right, left, then above and below, then the corners. */
const AROUND: [number, number][] = [
  [1, 0], [-1, 0], [1, -1], [1, 1], [-1, -1], [-1, 1], [0, -1], [0, 1],
  [1, -0.5], [1, 0.5], [-1, -0.5], [-1, 0.5], [0.5, -1], [-0.5, -1], [0.5, 1], [-0.5, 1],
];
/** A note under a name is wrapped to the first of these widths that lets it sit by its marker. */
const SUB_WIDTHS = [110, 80, 60];
/** The proposed lines' arrowhead (markup.ts: a 10-unit marker at 6 × the 2.25 px stroke, tip 2 units past the end). */
const ARROW_LEN = 13.5;
const ARROW_HALF = 6.75;
const ARROW_PAST = 2.7;
const ARROW_AHEAD = 12;
/** The arrowhead at a line's end as three segments, and a fourth ahead of its tip. */
function arrowhead(pts: [number, number][]): Seg[] {
  if (pts.length < 2) return [];
  const [x0, y0] = pts[pts.length - 2]!;
  const [x1, y1] = pts[pts.length - 1]!;
  const len = Math.hypot(x1 - x0, y1 - y0) || 1;
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  const tip: [number, number] = [x1 + ux * ARROW_PAST, y1 + uy * ARROW_PAST];
  const bx = tip[0] - ux * ARROW_LEN;
  const by = tip[1] - uy * ARROW_LEN;
  const a: [number, number] = [bx - uy * ARROW_HALF, by + ux * ARROW_HALF];
  const b: [number, number] = [bx + uy * ARROW_HALF, by - ux * ARROW_HALF];
  // And the way it points, a little ahead: a name just past an arrow reads as where it goes.
  const ahead: [number, number] = [tip[0] + ux * ARROW_AHEAD, tip[1] + uy * ARROW_AHEAD];
  return [
    [...tip, ...a],
    [...a, ...b],
    [...b, ...tip],
    [...tip, ...ahead],
  ];
}
/** Does the segment cross the box grown by `pad`? (src/lib/viz/segment-box.ts, shared with the climb profile.) */
export function segmentMeetsBox([x0, y0, x1, y1]: Seg, r: Box, pad = 0): boolean {
  return segmentHitsBox([x0, y0], [x1, y1], { x: r.x - pad, y: r.y - pad, w: r.w + 2 * pad, h: r.h + 2 * pad });
}
/** Distance from a segment to a box (0 when it crosses it). */
function distSegmentBox(s: Seg, b: Box): number {
  if (segmentMeetsBox(s, b)) return 0;
  const [x0, y0, x1, y1] = s;
  const corners: [number, number][] = [
    [b.x, b.y],
    [b.x + b.w, b.y],
    [b.x, b.y + b.h],
    [b.x + b.w, b.y + b.h],
  ];
  const toSeg = ([px, py]: [number, number]) => {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy || 1)));
    return Math.hypot(px - x0 - t * dx, py - y0 - t * dy);
  };
  return Math.min(distToBox(x0, y0, b), distToBox(x1, y1, b), ...corners.map(toSeg));
}
/** Distance from a point to a box (0 inside it). */
const distToBox = (x: number, y: number, b: Box) => Math.hypot(Math.max(b.x - x, 0, x - b.x - b.w), Math.max(b.y - y, 0, y - b.y - b.h));
const inside = (a: Box, w: number, h: number) => a.x >= 2 && a.y >= 2 && a.x + a.w <= w - 2 && a.y + a.h <= h - 2;
const km = (a: [number, number], b: [number, number]) => {
  const r = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

/** `wrap` into as few lines as at `maxWidth`, but as even as they go ("the railway" / "ends here", not "the railway ends" / "here"). */
function balanced(text: string, maxWidth: number, size: number, style: TextStyle): string[] {
  const lines = wrap(text, maxWidth, size, style);
  let lo = 0;
  let hi = maxWidth;
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2;
    if (wrap(text, mid, size, style).length <= lines.length) hi = mid;
    else lo = mid;
  }
  return wrap(text, hi, size, style);
}

/** Text block size: each line's font size times 1.25 for its height, widest line for the width. */
function block(lines: { text: string; size: number; style?: TextStyle }[]): { w: number; h: number } {
  return { w: Math.max(...lines.map((l) => measureText(l.text, l.size, l.style))), h: lines.reduce((s, l) => s + l.size * 1.25, 0) };
}

/**
 * Lay the map out at `width`. `isSea(x, y)` says whether a projected point is
 * in the sea (from the coastline, at build time); the callout, legend and the
 * ocean's name are kept in the sea when it is given.
 */
export function layout(data: LocatorData, labels: Record<string, string>, width: number, isSea?: (x: number, y: number) => boolean): LocatorLayout {
  const { proj, height } = projection(width);
  /** The figure's copy in the edition (figures.yaml labels): a missing key fails, no English default. */
  const L = (key: string) => label(labels, key, 'locator-map');
  const P = (lon: number, lat: number): [number, number] => {
    const p = proj([lon, lat])!;
    return [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10];
  };
  const path = geoPath(proj).digits(1);
  const shown = data.places.filter((p) => p.kind !== 'station' && p.kind !== 'offmap');
  const places: PlaceMark[] = shown.map((p) => {
    const [x, y] = P(p.lon, p.lat);
    return { id: p.id, kind: p.kind, x, y };
  });
  const lines: LineMark[] = data.lines.map((l) => {
    let geo: { type: 'Polygon'; coordinates: [number, number][][] } | { type: 'LineString'; coordinates: [number, number][] } = { type: 'LineString', coordinates: l.coords };
    if (l.kind === 'area') {
      // d3-geo reads a ring as the smaller of the two areas it bounds only when it runs clockwise: the data may run either way.
      const ring = [...l.coords, l.coords[0]!];
      geo = { type: 'Polygon', coordinates: [ring] };
      if (geoArea(geo) > 2 * Math.PI) geo = { type: 'Polygon', coordinates: [ring.reverse()] };
    }
    // Points projected without clipping (an arrow toward an off-map place ends at the frame in the path, not here).
    const points = l.coords.map(([lon, lat]) => {
      const p = proj([lon, lat])!;
      return [p[0], p[1]] as [number, number];
    });
    return { id: l.id, kind: l.kind, schematic: l.schematic, d: path(geo) ?? '', points };
  });

  const obstacles: Box[] = places.map((p) => ({ x: p.x - 5, y: p.y - 5, w: 10, h: 10 }));
  // Remembered by box: the coastline test is slow, and the placement below may run a few times over.
  const seaSeen = new Map<string, boolean>();
  const sea = (b: Box) => {
    if (!isSea) return true;
    const key = `${b.x},${b.y},${b.w},${b.h}`;
    let yes = seaSeen.get(key);
    if (yes === undefined) {
      yes = true;
      for (let i = 0; i <= 4 && yes; i++) for (let j = 0; j <= 3 && yes; j++) if (!isSea(b.x + (b.w * i) / 4, b.y + (b.h * j) / 3)) yes = false;
      seaSeen.set(key, yes);
    }
    return yes;
  };

  // Callao to Chancay, for the copy that says the railway ends at Callao.
  const chancayPlace = data.places.find((p) => p.id === 'chancay')!;
  const callaoPlace = data.places.find((p) => p.id === 'callao')!;
  const gapKm = km([callaoPlace.lon, callaoPlace.lat], [chancayPlace.lon, chancayPlace.lat]);

  // Labels are placed one by one, each at the first free spot near what it names. The order matters: a label
  // placed early takes its best spot and can leave a later one none. So a label that finds no spot is moved to
  // just before the label that holds its best spot, and the placement runs again (at 360 px: Chancay, where four
  // lines meet, once Callao has its note in the sea beside it).
  const placed: LabelBox[] = [];
  /** Labels that found no free spot (should stay empty; the unit tests check it at every width). */
  const crowded: string[] = [];
  /** Who placed each label, and the crowded jobs with the labels that hold their best spot. */
  const owner = new Map<string, Job>();
  const stuck: { job: Job; blockers: string[] }[] = [];
  let ocean: LabelBox | undefined;
  // The rails as segments (and the proposed lines' arrowheads, ARROW_* above): no label may sit on one.
  const segmentsOf = (l: LineMark): Seg[] => {
    const pts = l.points;
    const out: Seg[] = [];
    for (let i = 0; i < pts.length - 1; i++) out.push([pts[i]![0], pts[i]![1], pts[i + 1]![0], pts[i + 1]![1]]);
    if (l.kind === 'proposed') out.push(...arrowhead(pts));
    return out;
  };
  const rails = lines.filter((l) => l.kind !== 'area');
  const segments: Seg[] = rails.flatMap(segmentsOf);
  /** Inside the frame, off every marker and every rail: where a label could go if no other label were there. */
  const fits = (b: Box) => inside(b, width, height) && !obstacles.some((o) => overlaps(b, o, 1)) && !segments.some((s) => segmentMeetsBox(s, b, LINE_PAD));
  /** The labels already placed that a block would touch. */
  const blockers = (b: Box) => placed.filter((o) => overlaps(b, o, LABEL_GAP)).map((o) => o.id);
  const free = (b: Box) => fits(b) && blockers(b).length === 0;
  /**
   * How clearly a block names its own line: the room to the nearest other rail less the room to its own (up to
   * CLEAR, beyond which another line is far enough not to matter). Below 2 px it would be read as the other's.
   */
  const clearance = (b: Box, own: LineMark) => {
    const to = (l: LineMark) => Math.min(...segmentsOf(l).map((s) => distSegmentBox(s, b)));
    const others = Math.min(CLEAR, ...rails.filter((l) => l !== own).map(to));
    return others - to(own);
  };
  /** A name is read as the nearest marker's: its own must be nearer the block than any other. */
  const nearestIsOwn = (b: Box, own: PlaceMark) => {
    const d = distToBox(own.x, own.y, b);
    return places.every((q) => q === own || distToBox(q.x, q.y, b) > d + 1);
  };
  type Job = { name: string; run: (job: Job) => void };
  const put = (job: Job, l: LabelBox) => {
    placed.push(l);
    owner.set(l.id, job);
  };
  /** Drawn anyway (so the picture can be looked at), and recorded: the unit tests fail on any entry. */
  const giveUp = (job: Job, l: LabelBox, blockedBy: string[] | undefined) => {
    crowded.push(job.name);
    stuck.push({ job, blockers: blockedBy ?? [] });
    put(job, l);
  };

  // A place's name (and elevation, and note) beside its marker.
  const placeLabel = (p: (typeof shown)[number]): Job => ({
    name: p.name,
    run: (job) => {
      const m = places.find((x) => x.id === p.id)!;
      // Elevations only where there is room for them (the wide layout); the data table has them all.
      // A place whose elevation is approximate words it so (figures.yaml `elev_<id>`, e.g. "about {m} m").
      const elev = p.elev !== undefined && width >= 500 ? fill(labels[`elev_${p.id}`] ?? L('elev'), { m: formatNumber(p.elev, edition) }) : '';
      const sub = fill(labels[`sub_${p.id}`] ?? '', { km: formatNumber(Math.round(gapKm / 5) * 5, edition) });
      /** The block with its note wrapped to `subW`: the note may take more, narrower lines to fit beside its marker. */
      const linesAt = (subW: number) => [
        ...wrap(labels[`name_${p.id}`] ?? p.name, 96, NAME_FONT, nameStyle(p.kind)).map((t) => ({ text: t, size: NAME_FONT, cls: `lm-name lm-name--${p.kind}`, style: nameStyle(p.kind) })),
        ...(elev ? [{ text: elev, size: SMALL_FONT, cls: 'lm-elev' }] : []),
        // A short note under the name (figures.yaml `sub_<id>`), e.g. where the railway ends.
        ...balanced(sub, subW, SMALL_FONT, SUB_STYLE)
          .filter(Boolean)
          .map((t) => ({ text: t, size: SMALL_FONT, cls: 'lm-sub', style: SUB_STYLE })),
      ];
      const blocks = (sub ? SUB_WIDTHS : [SUB_WIDTHS[0]!]).map(linesAt).filter((ls, i, all) => i === 0 || ls.length !== all[i - 1]!.length);
      let blockedBy: string[] | undefined;
      // Nearest first: every side of the marker at one distance before any further out, the widest note first.
      for (const gap of PLACE_GAPS) {
        for (const [dx, dy] of AROUND) {
          for (const lines of blocks) {
            const { w, h } = block(lines);
            // dx, dy in -1..1: which side of the marker the block is on (0: centred on it).
            const x = m.x + dx * gap - (w * (1 - dx)) / 2;
            const y = m.y + dy * gap - (h * (1 - dy)) / 2;
            const b = { x, y, w, h };
            if (!fits(b) || !nearestIsOwn(b, m)) continue;
            const by = blockers(b);
            if (by.length === 0) {
              const anchor = dx < 0 ? 'end' : 'start';
              put(job, { id: p.id, x, y, w, h, lines, anchor, tx: anchor === 'start' ? x : x + w });
              return;
            }
            blockedBy ??= by;
          }
        }
      }
      const lines = blocks[0]!;
      const { w, h } = block(lines);
      giveUp(job, { id: p.id, x: m.x + 7, y: m.y - h / 2, w, h, lines, anchor: 'start', tx: m.x + 7 }, blockedBy);
    },
  });

  // A line's name along it (names of schematic lines say so).
  const lineLabel = (l: LineMark): Job => {
    const src = data.lines.find((x) => x.id === l.id)!;
    const name = labels[`line_${l.id}`] ?? src.name;
    const text = l.schematic ? fill(L('schematic'), { name }) : name;
    return {
      name: text,
      run: (job) => {
        const maxW = Math.max(84, Math.min(170, width * 0.3));
        const lines2 = wrap(text, maxW, LINE_FONT, LINE_STYLE).map((t) => ({ text: t, size: LINE_FONT, cls: `lm-line-label lm-line-label--${l.kind}`, style: LINE_STYLE }));
        const { w, h } = block(lines2);
        const pts = l.points;
        // The first free spot along the line that is clearly nearer it than any other line; failing that, the one that is most so.
        let best: { b: Box; score: number } | undefined;
        let blockedBy: string[] | undefined;
        search: for (const t of [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9, 1, ...Array.from({ length: 19 }, (_, i) => (i + 1) / 20)]) {
          for (let i = 0; i < pts.length - 1; i++) {
            const [x0, y0] = pts[i]!;
            const [x1, y1] = pts[i + 1]!;
            const x = x0 + (x1 - x0) * t;
            const y = y0 + (y1 - y0) * t;
            if (x < 0 || x > width || y < 0 || y > height) continue;
            for (const [dx, dy] of [
              [6, -h - 3],
              [6, 4],
              [-w - 6, -h - 3],
              [-w - 6, 4],
              [6, -h / 2],
              [-w - 6, -h / 2],
              [-w / 2, -h - 6],
              [-w / 2, 6],
              [6, -h - 16],
              [6, 16],
              [-w - 6, -h - 16],
              [-w - 6, 16],
            ] as const) {
              const b = { x: x + dx, y: y + dy, w, h };
              if (!fits(b)) continue;
              const score = clearance(b, l);
              if (score < 2) continue;
              const by = blockers(b);
              if (by.length > 0) {
                blockedBy ??= by;
                continue;
              }
              if (score >= CLEAR_ENOUGH) {
                best = { b, score };
                break search;
              }
              if (!best || score > best.score) best = { b, score };
            }
          }
        }
        if (best) {
          put(job, { id: `line-${l.id}`, ...best.b, lines: lines2, anchor: 'start', tx: best.b.x });
          return;
        }
        const [x, y] = pts[0]!;
        giveUp(job, { id: `line-${l.id}`, x: x + 6, y: y + 4, w, h, lines: lines2, anchor: 'start', tx: x + 6 }, blockedBy);
      },
    };
  };

  // The Andes band's name, inside the band.
  const andesLabel: Job = {
    name: 'andes',
    run: (job) => {
      const andes = lines.find((l) => l.kind === 'area');
      if (!andes) return;
      const t = [{ text: L('andes'), size: LINE_FONT, cls: 'lm-andes-label', style: { letterSpacing: 0.04 } }];
      const { w, h } = block(t);
      const cx = andes.points.reduce((s, p) => s + p[0], 0) / andes.points.length;
      const cy = andes.points.reduce((s, p) => s + p[1], 0) / andes.points.length;
      for (const [dx, dy] of [
        [0, 60],
        [0, 90],
        [20, 120],
        [0, 30],
        [-20, 140],
        [0, 0],
      ]) {
        const b = { x: cx + dx - w / 2, y: cy + dy, w, h };
        if (free(b)) {
          put(job, { id: 'andes', ...b, lines: t, anchor: 'start', tx: b.x });
          return;
        }
      }
    },
  };

  // The ocean's name, in open sea if there is room.
  const oceanLabel: Job = {
    name: L('ocean'),
    run: (job) => {
      const style = { letterSpacing: 0.06 };
      // On one line; where the sea is narrow (the phone's map), on two.
      const blocks = [[L('ocean')], balanced(L('ocean'), block([{ text: L('ocean'), size: SMALL_FONT, style }]).w - 1, SMALL_FONT, style)]
        .filter((ls, i, all) => i === 0 || ls.length !== all[i - 1]!.length)
        .map((ls) => ls.map((text) => ({ text, size: SMALL_FONT, cls: 'lm-ocean', style })));
      let blockedBy: string[] | undefined;
      for (const ot of blocks) {
        const ob = block(ot);
        // Down from a little below the middle, then up from there; by the frame's edge, then a little in.
        const ys: number[] = [];
        for (let y = height * 0.55; y <= height - ob.h - 3; y += 2) ys.push(y);
        for (let y = height * 0.55 - 2; y > 4; y -= 2) ys.push(y);
        for (const x of [8, 16, 24])
          for (const y of ys) {
            const b = { x, y, w: ob.w, h: ob.h };
            if (!fits(b) || !sea(b)) continue;
            const by = blockers(b);
            if (by.length === 0) {
              ocean = { id: 'ocean', ...b, lines: ot, anchor: 'start', tx: b.x };
              put(job, ocean);
              return;
            }
            blockedBy ??= by;
          }
      }
      // Left out rather than drawn on land or over a label; recorded like any crowded label.
      crowded.push(job.name);
      stuck.push({ job, blockers: blockedBy ?? [] });
    },
  };

  // First order: the places (capital, ports, mine, towns: a name has only the spots around its marker), then the
  // lines' names (the arrows that leave the frame first: their names have the fewest places to go), the Andes, the sea.
  const kinds = ['capital', 'port', 'mine', 'town'];
  const byPriority = [...shown].sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind));
  const lineOrder = ['chancay-pucallpa', 'chancay-sierra'];
  const rank = (id: string) => (lineOrder.includes(id) ? lineOrder.indexOf(id) : lineOrder.length);
  let jobs: Job[] = [...byPriority.map(placeLabel), ...[...rails].sort((a, b) => rank(a.id) - rank(b.id)).map(lineLabel), andesLabel, oceanLabel];
  const runAll = () => {
    placed.length = 0;
    crowded.length = 0;
    stuck.length = 0;
    owner.clear();
    ocean = undefined;
    for (const job of jobs) job.run(job);
  };
  runAll();
  // A crowded label goes just before the one holding its best spot (each such move once); the placement with
  // the fewest crowded labels is kept.
  let best = { placed: [...placed], crowded: [...crowded], ocean };
  const moves = new Set<string>();
  for (let round = 0; round < 24 && best.crowded.length > 0; round++) {
    const move = stuck
      .flatMap(({ job, blockers: by }) => by.map((id) => ({ job, before: owner.get(id)! })))
      .find(({ job, before }) => !moves.has(`${job.name}>${before.name}`));
    if (!move) break;
    moves.add(`${move.job.name}>${move.before.name}`);
    const rest = jobs.filter((j) => j !== move.job);
    rest.splice(rest.indexOf(move.before), 0, move.job);
    jobs = rest;
    runAll();
    if (crowded.length < best.crowded.length) best = { placed: [...placed], crowded: [...crowded], ocean };
  }
  placed.splice(0, placed.length, ...best.placed);
  crowded.splice(0, crowded.length, ...best.crowded);
  ocean = best.ocean;

  return {
    width,
    height,
    places,
    lines,
    labels: placed,
    ocean,
    gapKm,
    crowded,
  };
}
