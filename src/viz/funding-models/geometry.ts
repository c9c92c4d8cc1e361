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
  schematic: { y: number; lines: string[] };
  heads: { side: Side; x: number; y: number; lines: string[] }[];
  rows: RowLayout[];
}

const PAD = 7;
const LINE_GAP = 14; // between lines of one stage
const ROW_GAP = 26; // between rows, where the links run
const BAND_H = 20;
const BAR_H = 12;

export function layout(data: FundingData, labels: Record<string, string>, width: number): FundingLayout {
  const narrow = width < 560;
  const fontSize = narrow ? 12 : 13;
  const lineH = Math.round(fontSize * 1.3);
  const gap = narrow ? 14 : 32;
  const colW = (width - gap) / 2;
  const colX: Record<Side, number> = { cn: 0, us: colW + gap };
  const sides: Side[] = ['cn', 'us'];

  let y = 0;
  const schematicLines = wrap(label(labels, 'schematic'), width, 11);
  const schematic = { y: 11, lines: schematicLines };
  y += schematicLines.length * 14 + 10;
  const heads = sides.map((side) => {
    const lines = wrap(label(labels, side), colW, 15, { weight: 800 });
    return { side, x: colX[side], y: y + 15, lines };
  });
  y += Math.max(...heads.map((h) => h.lines.length)) * 19 + 6;

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
      let sy = bandBottom + 6;
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

  return { width, height: Math.ceil(y + 4), fontSize, lineH, schematic, heads, rows };
}
