/**
 * Reads a built locator map back from its SVG, as a reader sees it: each line of text as the box its glyphs
 * cover (measured with the chart face's advances, as the browser draws it), the rails as polylines, the
 * markers as boxes; and lists what is wrong with the labels (test/build/locator-map.test.ts).
 */
import { measureText, type TextStyle } from '../../src/lib/text';
export type Rect = { x: number; y: number; w: number; h: number };
type Seg = [number, number, number, number];
/** Sizes, weights and spacing as locator-map.css sets them, per tspan class. */
const TEXT: Record<string, { size: number; style: TextStyle }> = {
  'lm-name--capital': { size: 12, style: { weight: 800 } },
  'lm-name': { size: 12, style: { weight: 600 } },
  'lm-sub': { size: 10.5, style: { weight: 700 } },
  'lm-elev': { size: 10.5, style: {} },
  'lm-line-label': { size: 11, style: { weight: 600 } },
  'lm-andes-label': { size: 11, style: { letterSpacing: 0.04 } },
  'lm-ocean': { size: 10.5, style: { letterSpacing: 0.06 } },
};
const unesc = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
const num = (tag: string, attr: string) => Number(new RegExp(`\\s${attr}="([-\\d.]+)"`).exec(tag)![1]);

export function readMap(svg: string) {
  const labels = [...svg.matchAll(/<text class="lm-label" data-id="([^"]+)" text-anchor="(start|end)">([\s\S]*?)<\/text>/g)].map(([, id, anchor, body]) => ({
    id: id!,
    lines: [...body!.matchAll(/<tspan class="([^"]+)" x="([-\d.]+)" y="([-\d.]+)">([^<]*)<\/tspan>/g)].map(([, cls, x, y, t]) => {
      const key = Object.keys(TEXT).find((k) => cls!.split(' ').includes(k))!;
      const { size, style } = TEXT[key]!;
      const w = measureText(unesc(t!), size, style);
      // Glyphs reach about 0.75 em above the baseline (ascenders) and 0.22 em below it (descenders).
      return { text: unesc(t!), x: anchor === 'end' ? Number(x) - w : Number(x), y: Number(y) - 0.75 * size, w, h: 0.97 * size };
    }),
  }));
  const rails = [...svg.matchAll(/<path class="lm-rail[^"]*" data-id="([^"]+)" d="([^"]+)"( marker-end="url\(#([^)]+)\)")?/g)].map(([, id, d, , arrow]) => {
    const segs: Seg[] = [];
    let prev: [number, number] | undefined;
    let last: Seg | undefined;
    for (const [, cmd, x, y] of d!.matchAll(/([ML])([-\d.]+),([-\d.]+)/g)) {
      const p: [number, number] = [Number(x), Number(y)];
      if (cmd === 'L' && prev) segs.push((last = [...prev, ...p]));
      prev = p;
    }
    if (arrow && last) segs.push(...arrowhead(last, svg, arrow));
    return { id: id!, segs };
  });
  const markers = [...svg.matchAll(/<g class="lm-place" data-id="([^"]+)">(<[^>]+>)<\/g>/g)].map(([, id, tag]) => {
    let box: Rect;
    if (tag!.startsWith('<circle')) {
      const r = num(tag!, 'r');
      box = { x: num(tag!, 'cx') - r, y: num(tag!, 'cy') - r, w: 2 * r, h: 2 * r };
    } else if (tag!.startsWith('<rect')) box = { x: num(tag!, 'x'), y: num(tag!, 'y'), w: num(tag!, 'width'), h: num(tag!, 'height') };
    else {
      const pts = [.../d="([^"]+)"/.exec(tag!)![1]!.matchAll(/([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      const xs = pts.map((p) => p[0]!), ys = pts.map((p) => p[1]!);
      box = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
    }
    return { id: id!, box, cx: box.x + box.w / 2, cy: box.y + box.h / 2 };
  });
  return { labels, rails, markers };
}
/**
 * The arrowhead a line's marker draws at its end, as three segments, from the marker's own definition in the SVG
 * (viewBox 0 0 10 10, the tip at 10,5, refX, markerWidth in stroke widths): a label must not sit on it either.
 */
function arrowhead([x0, y0, x1, y1]: Seg, svg: string, id: string): Seg[] {
  const def = new RegExp(`<marker id="${id}"[^>]*>`).exec(svg)?.[0];
  if (!def) throw new Error(`marker #${id} is not defined in this SVG`);
  const stroke = 2.25; // .lm-rail--proposed stroke-width (locator-map.css)
  const unit = (num(def, 'markerWidth') * stroke) / 10;
  const len = Math.hypot(x1 - x0, y1 - y0) || 1;
  const [ux, uy] = [(x1 - x0) / len, (y1 - y0) / len];
  const tip: [number, number] = [x1 + ux * (10 - num(def, 'refX')) * unit, y1 + uy * (10 - num(def, 'refX')) * unit];
  const [bx, by] = [tip[0] - ux * 10 * unit, tip[1] - uy * 10 * unit];
  const a: [number, number] = [bx - uy * 5 * unit, by + ux * 5 * unit];
  const b: [number, number] = [bx + uy * 5 * unit, by - ux * 5 * unit];
  return [
    [...tip, ...a],
    [...a, ...b],
    [...b, ...tip],
  ];
}
const grow = (r: Rect, p: number): Rect => ({ x: r.x - p, y: r.y - p, w: r.w + 2 * p, h: r.h + 2 * p });
const boxesMeet = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
/** Does the segment cross the box (Liang–Barsky)? */
export function segMeetsBox([x0, y0, x1, y1]: Seg, r: Rect): boolean {
  let t0 = 0, t1 = 1;
  const dx = x1 - x0, dy = y1 - y0;
  for (const [p, q] of [[-dx, x0 - r.x], [dx, r.x + r.w - x0], [-dy, y0 - r.y], [dy, r.y + r.h - y0]] as const) {
    if (p === 0) { if (q < 0) return false; continue; }
    const t = q / p;
    if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
    else { if (t < t0) return false; if (t < t1) t1 = t; }
  }
  return true;
}
const distToBox = (x: number, y: number, r: Rect) => Math.hypot(Math.max(r.x - x, 0, x - r.x - r.w), Math.max(r.y - y, 0, y - r.y - r.h));
const union = (rs: Rect[]): Rect => {
  const x = Math.min(...rs.map((r) => r.x)), y = Math.min(...rs.map((r) => r.y));
  return { x, y, w: Math.max(...rs.map((r) => r.x + r.w)) - x, h: Math.max(...rs.map((r) => r.y + r.h)) - y };
};

/** Everything wrong with a built map's labels, as sentences (empty when the map reads cleanly). */
export function mapProblems(svg: string): string[] {
  const { labels, rails, markers } = readMap(svg);
  const out: string[] = [];
  for (const a of labels) {
    for (const ln of a.lines) {
      // 1.5 px: the rails' half-width (3 px and 2.25 px strokes), so a line grazing a glyph counts.
      for (const r of rails) if (r.segs.some((s) => segMeetsBox(s, grow(ln, 1.5)))) out.push(`"${ln.text}" (${a.id}) is crossed by the ${r.id} line`);
      for (const m of markers) if (boxesMeet(ln, grow(m.box, 1))) out.push(`"${ln.text}" (${a.id}) covers the ${m.id} marker`);
      for (const b of labels) if (b !== a && b.id > a.id) for (const l2 of b.lines) if (boxesMeet(ln, l2)) out.push(`"${ln.text}" (${a.id}) overlaps "${l2.text}" (${b.id})`);
    }
    const own = markers.find((m) => m.id === a.id);
    if (own) {
      // A place's name sits by its own marker: within 16 px of it, and nearer to it than to any other marker.
      const box = union(a.lines);
      const d = distToBox(own.cx, own.cy, box);
      if (d > 16) out.push(`${a.id}'s label is ${d.toFixed(1)} px from its marker`);
      for (const m of markers) if (m !== own && distToBox(m.cx, m.cy, box) <= d) out.push(`${a.id}'s label is nearer the ${m.id} marker (${distToBox(m.cx, m.cy, box).toFixed(1)} px) than its own (${d.toFixed(1)} px)`);
    }
  }
  return out;
}
