/** Layout of the funding-models schematic for a width. Pure: d3-shape for the links. */
import { linkVertical } from 'd3-shape';
import type { FundingData, NodeKind, NodeSpec, Side } from './prep';
import { label } from './prep';
import { measureText, wrap } from '../../lib/text';

export interface NodeBox {
  side: Side;
  kind: NodeKind;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
  /** For bars: the drawn bar's length. */
  barW?: number;
}
export interface RowLayout {
  id: string;
  /** "1  Primary funding" band. */
  band: { y: number; h: number; text: string };
  nodes: NodeBox[];
  /** Links into this row from the previous one. */
  links: { side: Side; d: string }[];
}
export interface FundingLayout {
  width: number;
  height: number;
  fontSize: number;
  lineH: number;
  /** Inside a box, around its text. */
  pad: number;
  /** Heads' size and line height. */
  head: number;
  headLineH: number;
  schematic: { y: number; lines: string[] };
  heads: { side: Side; x: number; y: number; lines: string[] }[];
  rows: RowLayout[];
}

/**
 * How roomy the schematic is drawn. The first preset is the picture at any width with no height to fill (the
 * build picture, the stills, a wide stage, where it fits); on a phone's sticky stage, which the roomy picture
 * overflows, the first preset whose picture fits the stage's height is drawn (`layout`'s `height`), so the
 * words keep their size instead of being scaled down with the whole drawing (12 px text drawn at 7.7–9.2 px
 * on 360–390 px phones before).
 */
export interface Density {
  /** Box text, px (the bands and the "schematic" note stay at 11 px). */
  font: number;
  /** Line height of box text, px. */
  lineH: number;
  /** Heads ("China: state-led"), px, and their line height. */
  head: number;
  headLineH: number;
  /** Inside a box, around its text. */
  pad: number;
  /** Between lines of one stage. */
  lineGap: number;
  /** Between rows, where the links run. */
  rowGap: number;
  /** The numbered band over each row, and the room under it. */
  bandH: number;
  bandGap: number;
  /** Between the two columns. */
  gap: number;
  /** Under the "schematic" note, and under the heads. */
  noteGap: number;
  headGap: number;
}
const roomy = (narrow: boolean): Density => {
  const font = narrow ? 12 : 13;
  return { font, lineH: Math.round(font * 1.3), head: 15, headLineH: 19, pad: 7, lineGap: 14, rowGap: 26, bandH: 20, bandGap: 6, gap: narrow ? 14 : 32, noteGap: 10, headGap: 6 };
};
/** Tighter presets for a phone's stage, roomiest first; text never under 11 px. */
export const COMPACT: Density[] = [
  { font: 12, lineH: 15, head: 15, headLineH: 18, pad: 5, lineGap: 10, rowGap: 18, bandH: 18, bandGap: 5, gap: 12, noteGap: 6, headGap: 4 },
  { font: 11.5, lineH: 14, head: 14, headLineH: 17, pad: 4, lineGap: 8, rowGap: 14, bandH: 17, bandGap: 4, gap: 10, noteGap: 5, headGap: 3 },
  { font: 11, lineH: 13, head: 13, headLineH: 16, pad: 4, lineGap: 6, rowGap: 11, bandH: 16, bandGap: 3, gap: 8, noteGap: 4, headGap: 2 },
];
const BAR_H = 12;

/**
 * The schematic at `width`; with `height` (a stage to fill), the roomiest preset that fits it. When none fits,
 * the most compact one, which the page then scales down to the stage.
 */
export function layout(data: FundingData, labels: Record<string, string>, width: number, height = 0): FundingLayout {
  const r = roomy(width < 560);
  const first = layoutWith(data, labels, width, r);
  if (!height || first.height <= height) return first;
  let l = first;
  for (const d of COMPACT) {
    l = layoutWith(data, labels, width, d);
    if (l.height <= height) {
      // The room left goes to the gaps between rows (where the links run), up to the roomy picture's.
      const gaps = Math.max(1, data.rows.length - 1);
      const more = Math.min(r.rowGap - d.rowGap, Math.floor((height - l.height) / gaps));
      return more > 0 ? layoutWith(data, labels, width, { ...d, rowGap: d.rowGap + more }) : l;
    }
  }
  return l;
}

export function layoutWith(data: FundingData, labels: Record<string, string>, width: number, d: Density): FundingLayout {
  const { font: fontSize, lineH, pad: PAD, lineGap: LINE_GAP, rowGap: ROW_GAP, bandH: BAND_H, gap } = d;
  const colW = (width - gap) / 2;
  const colX: Record<Side, number> = { cn: 0, us: colW + gap };
  const sides: Side[] = ['cn', 'us'];

  let y = 0;
  const schematicLines = wrap(label(labels, 'schematic'), width, 11);
  const schematic = { y: 11, lines: schematicLines };
  y += schematicLines.length * 14 + d.noteGap;
  const heads = sides.map((side) => {
    const lines = wrap(label(labels, side), colW, d.head, { weight: 800 });
    return { side, x: colX[side], y: y + d.head, lines };
  });
  y += Math.max(...heads.map((h) => h.lines.length)) * d.headLineH + d.headGap;

  const link = linkVertical<unknown, [number, number]>()
    .x((p) => p[0])
    .y((p) => p[1]);
  const rows: RowLayout[] = [];
  let prevBottoms: Record<Side, { x: number; y: number }[]> = { cn: [], us: [] };

  data.rows.forEach((row, ri) => {
    if (ri > 0) y += ROW_GAP;
    const band = { y, h: BAND_H, text: `${ri + 1}  ${row.feature}` };
    const bandBottom = y + BAND_H;
    const nodes: NodeBox[] = [];
    const links: { side: Side; d: string }[] = [];
    let rowBottom = bandBottom;
    const bottoms: Record<Side, { x: number; y: number }[]> = { cn: [], us: [] };
    for (const side of sides) {
      let sy = bandBottom + d.bandGap;
      const lines = row.stages[side];
      lines.forEach((line, li) => {
        if (li > 0) sy += LINE_GAP;
        const innerGap = 8;
        const sideBySide = (colW - innerGap * (line.length - 1)) / line.length;
        // Side by side only if every word fits; on narrow screens parallel boxes stack instead.
        const room = (spec: NodeSpec, w: number) => w - 2 * PAD - (spec.kind === 'gate' ? 30 : 0);
        const fits = line.every((spec) =>
          label(labels, spec.key)
            .split(/\s+/)
            .every((word) => measureText(word, fontSize) <= room(spec, sideBySide)),
        );
        const stacked = line.length > 1 && !fits;
        const w = stacked ? colW : sideBySide;
        let stackY = sy;
        const boxes = line.map((spec, ni) => {
          const x = stacked ? colX[side] : colX[side] + ni * (w + innerGap);
          const text = wrap(label(labels, spec.key), room(spec, w), fontSize);
          let h = text.length * lineH + 2 * PAD;
          if (spec.kind === 'split') h += 16; // the strip of separate contracts
          if (spec.kind === 'bar') h = BAR_H + 6 + text.length * lineH;
          const box: NodeBox = { side, kind: spec.kind, x, y: stacked ? stackY : sy, w, h, lines: text };
          if (stacked) stackY += h + 6;
          if (spec.kind === 'bar') box.barW = Math.max(24, w * (spec.fraction ?? 1));
          return box;
        });
        const lineH2 = stacked ? stackY - 6 - sy : Math.max(...boxes.map((b) => b.h));
        // Within a stage, links run from the line above to each box's top.
        if (li > 0) {
          for (const b of boxes) {
            for (const s of bottoms[side]) links.push({ side, d: link({ source: [s.x, s.y], target: [b.x + b.w / 2, b.y] }) ?? '' });
          }
        }
        // Stacked parallel boxes send one link on, from the lowest.
        bottoms[side] = (stacked ? boxes.slice(-1) : boxes).map((b) => ({ x: b.x + b.w / 2, y: b.y + b.h }));
        nodes.push(...boxes);
        sy += lineH2;
      });
      rowBottom = Math.max(rowBottom, sy);
      // From the previous row, links run in the row gap to the band's top, in the column's centre.
      const cx = colX[side] + colW / 2;
      for (const s of prevBottoms[side]) links.push({ side, d: link({ source: [s.x, s.y], target: [cx, y] }) ?? '' });
    }
    rows.push({ id: row.id, band, nodes, links });
    prevBottoms = bottoms;
    y = rowBottom;
  });

  return { width, height: Math.ceil(y + 4), fontSize, lineH, pad: PAD, head: d.head, headLineH: d.headLineH, schematic, heads, rows };
}
