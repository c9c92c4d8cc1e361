/**
 * Locator map layout for a width: a Mercator projection fitted to central
 * Peru, projected places and lines, and labels placed so that none overlaps
 * another label, a place's marker, the callout, the legend or the frame edge.
 * Pure (d3-geo only): the build-time SVG and the unit tests use it.
 */
import { geoArea, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { LocatorData } from './prep';
import { formatNumber, measureText, wrap, type TextStyle } from '../../lib/text';
import { label } from '../../lib/viz/labels';
import { edition } from '../../lib/ui';

/** The area shown, degrees: the coast from Barranca to south of Lima, the highlands to Huancayo and Cerro de Pasco (Ica and Pucallpa are off the map: their lines are arrows). */
export const EXTENT = { west: -78.0, east: -74.9, south: -12.62, north: -10.38 };
export const NAME_FONT = 12;
export const SMALL_FONT = 10.5;
export const LINE_FONT = 11;
/** Weights and spacing as locator-map.css sets them: what measureText needs to know. */
const nameStyle = (kind: string): TextStyle => ({ weight: kind === 'capital' ? 800 : 600 });
const SUB_STYLE: TextStyle = { weight: 700 };
const LINE_STYLE: TextStyle = { weight: 600 };
const PAD = 3;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
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

export const overlaps = (a: Box, b: Box, pad = 0) => a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
const inside = (a: Box, w: number, h: number) => a.x >= 2 && a.y >= 2 && a.x + a.w <= w - 2 && a.y + a.h <= h - 2;
const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
const km = (a: [number, number], b: [number, number]) => {
  const r = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

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
  const sea = (b: Box) => {
    if (!isSea) return true;
    for (let i = 0; i <= 4; i++) for (let j = 0; j <= 3; j++) if (!isSea(b.x + (b.w * i) / 4, b.y + (b.h * j) / 3)) return false;
    return true;
  };

  // Callao to Chancay, for the copy that says the railway ends at Callao.
  const chancayPlace = data.places.find((p) => p.id === 'chancay')!;
  const callaoPlace = data.places.find((p) => p.id === 'callao')!;
  const gapKm = km([callaoPlace.lon, callaoPlace.lat], [chancayPlace.lon, chancayPlace.lat]);

  // Place labels: name (and elevation) beside the marker, first candidate that fits.
  const placed: LabelBox[] = [];
  /** Labels that found no free spot (should stay empty; the unit tests check it at every width). */
  const crowded: string[] = [];
  const free = (b: Box) => inside(b, width, height) && !obstacles.some((o) => overlaps(b, o, 1)) && !placed.some((o) => overlaps(b, o, 1));
  const order = ['capital', 'port', 'mine', 'town'];
  const byPriority = [...shown].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const placeLabel = (p: (typeof shown)[number]) => {
    const m = places.find((x) => x.id === p.id)!;
    // Elevations only where there is room for them (the wide layout); the data table has them all.
    const elev = p.elev !== undefined && width >= 500 ? fill(L('elev'), { m: formatNumber(p.elev, edition) }) : '';
    const lines = [
      ...wrap(labels[`name_${p.id}`] ?? p.name, 96, NAME_FONT, nameStyle(p.kind)).map((t) => ({ text: t, size: NAME_FONT, cls: `lm-name lm-name--${p.kind}`, style: nameStyle(p.kind) })),
      ...(elev ? [{ text: elev, size: SMALL_FONT, cls: 'lm-elev' }] : []),
      // A short note under the name (figures.yaml `sub_<id>`), e.g. where the railway ends.
      ...wrap(fill(labels[`sub_${p.id}`] ?? '', { km: formatNumber(Math.round(gapKm / 5) * 5, edition) }), 110, SMALL_FONT, SUB_STYLE)
        .filter(Boolean)
        .map((t) => ({ text: t, size: SMALL_FONT, cls: 'lm-sub', style: SUB_STYLE })),
    ];
    const { w, h } = block(lines);
    const cands: { x: number; y: number; anchor: 'start' | 'end' }[] = [
      { x: m.x + 7, y: m.y - h / 2, anchor: 'start' },
      { x: m.x - 7 - w, y: m.y - h / 2, anchor: 'end' },
      { x: m.x + 5, y: m.y - h - 4, anchor: 'start' },
      { x: m.x + 5, y: m.y + 5, anchor: 'start' },
      { x: m.x - w - 5, y: m.y - h - 4, anchor: 'end' },
      { x: m.x - w - 5, y: m.y + 5, anchor: 'end' },
      { x: m.x - w / 2, y: m.y - h - 7, anchor: 'start' },
      { x: m.x - w / 2, y: m.y + 7, anchor: 'start' },
      // Further out, with the marker still the nearest thing to it.
      { x: m.x + 7, y: m.y - h - 12, anchor: 'start' },
      { x: m.x + 7, y: m.y + 12, anchor: 'start' },
      { x: m.x - w - 7, y: m.y - h - 12, anchor: 'end' },
      { x: m.x - w - 7, y: m.y + 12, anchor: 'end' },
    ];
    let c = cands.find((c) => free({ x: c.x, y: c.y, w, h }));
    if (!c) {
      // Drawn anyway (so the picture can be looked at), and recorded: the unit tests fail on any entry.
      crowded.push(p.name);
      c = cands[0]!;
    }
    placed.push({ id: p.id, x: c.x, y: c.y, w, h, lines, anchor: c.anchor, tx: c.anchor === 'start' ? c.x : c.x + w });
  };
  // The coast's capital and ports first, then the lines' names, then the highland places (more room around them).
  for (const p of byPriority.filter((p) => p.kind === 'capital' || p.kind === 'port')) placeLabel(p);

  // Line labels: along each line, first spot that fits (names of schematic lines say so).
  // Lines whose labels have the fewest places to go first: the arrows that leave the frame, then the short ones.
  const lineOrder = ['chancay-pucallpa', 'chancay-sierra'];
  const rank = (id: string) => (lineOrder.includes(id) ? lineOrder.indexOf(id) : lineOrder.length);
  for (const l of [...lines].sort((a, b) => rank(a.id) - rank(b.id))) {
    if (l.kind === 'area') continue;
    const src = data.lines.find((x) => x.id === l.id)!;
    const name = labels[`line_${l.id}`] ?? src.name;
    const text = l.schematic ? fill(L('schematic'), { name }) : name;
    const maxW = Math.max(84, Math.min(170, width * 0.3));
    const lines2 = wrap(text, maxW, LINE_FONT, LINE_STYLE).map((t) => ({ text: t, size: LINE_FONT, cls: `lm-line-label lm-line-label--${l.kind}`, style: LINE_STYLE }));
    const { w, h } = block(lines2);
    let done: LabelBox | undefined;
    const pts = l.points;
    outer: for (const t of [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9, 1, ...Array.from({ length: 19 }, (_, i) => (i + 1) / 20)]) {
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
        ] as const) {
          const b = { x: x + dx, y: y + dy, w, h };
          if (free(b)) {
            done = { id: `line-${l.id}`, ...b, lines: lines2, anchor: 'start', tx: b.x };
            break outer;
          }
        }
      }
    }
    if (!done) {
      crowded.push(text);
      const [x, y] = pts[0]!;
      done = { id: `line-${l.id}`, x: x + 6, y: y + 4, w, h, lines: lines2, anchor: 'start', tx: x + 6 };
    }
    placed.push(done);
  }

  for (const p of byPriority.filter((p) => p.kind !== 'capital' && p.kind !== 'port')) placeLabel(p);

  // The Andes band's name, inside the band.
  const andes = lines.find((l) => l.kind === 'area');
  if (andes) {
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
        placed.push({ id: 'andes', ...b, lines: t, anchor: 'start', tx: b.x });
        break;
      }
    }
  }

  // The ocean's name, in open sea if there is room.
  let ocean: LabelBox | undefined;
  const ot = [{ text: L('ocean'), size: SMALL_FONT, cls: 'lm-ocean', style: { letterSpacing: 0.06 } }];
  const ob = block(ot);
  for (let y = height * 0.55; y < height - ob.h - 4; y += 6) {
    const b = { x: 8, y, w: ob.w, h: ob.h };
    if (free(b) && sea(b)) {
      ocean = { id: 'ocean', ...b, lines: ot, anchor: 'start', tx: b.x };
      placed.push(ocean);
      break;
    }
  }

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
