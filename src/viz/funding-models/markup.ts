/** SVG markup for the funding-models schematic: build time and on resize. Pure. */
import { esc, r1 } from '../../lib/svg';
import { whole } from '../../lib/viz/parts';
import type { Still } from '../../lib/viz/types';
import { layout, type FundingLayout, type NodeBox } from './geometry';
import { activeRow, type FundingData } from './prep';

function tspans(lines: string[], x: number, y: number, lineH: number): string {
  return lines.map((l, i) => `<tspan x="${r1(x)}" y="${r1(y + i * lineH)}">${esc(l)}</tspan>`).join('');
}

function node(n: NodeBox, l: FundingLayout): string {
  const base = l.fontSize - 3; // baseline offset inside a line
  if (n.kind === 'bar') {
    const bw = n.barW ?? n.w;
    return `<g class="fm-node fm-node--bar fm-${n.side}">
<line class="fm-bar__track" x1="${r1(n.x)}" x2="${r1(n.x + n.w)}" y1="${r1(n.y + 6)}" y2="${r1(n.y + 6)}"/>
<rect class="fm-bar" x="${r1(n.x)}" y="${r1(n.y)}" width="${r1(bw)}" height="12" rx="6"/>
<text class="fm-text" font-size="${l.fontSize}">${tspans(n.lines, n.x, n.y + 18 + base + 2, l.lineH)}</text></g>`;
  }
  const pad = l.pad;
  let extra = '';
  if (n.kind === 'split') {
    // Several separate contracts, drawn as a strip of small blocks.
    const parts = 4;
    const sy = n.y + n.h - 14;
    const pw = (n.w - 2 * pad - (parts - 1) * 4) / parts;
    extra = Array.from({ length: parts }, (_, i) => `<rect class="fm-part" x="${r1(n.x + pad + i * (pw + 4))}" y="${r1(sy)}" width="${r1(pw)}" height="7" rx="1"/>`).join('');
  }
  if (n.kind === 'gate') {
    // A barrier across the flow: two posts and a bar.
    const gx = n.x + n.w - 22;
    extra = `<g class="fm-gate-mark"><line x1="${r1(gx)}" x2="${r1(gx)}" y1="${r1(n.y + 6)}" y2="${r1(n.y + n.h - 6)}"/><line x1="${r1(gx + 12)}" x2="${r1(gx + 12)}" y1="${r1(n.y + 6)}" y2="${r1(n.y + n.h - 6)}"/><line x1="${r1(gx - 4)}" x2="${r1(gx + 16)}" y1="${r1(n.y + n.h / 2)}" y2="${r1(n.y + n.h / 2)}"/></g>`;
  }
  return `<g class="fm-node fm-node--${n.kind} fm-${n.side}">
<rect class="fm-box" x="${r1(n.x)}" y="${r1(n.y)}" width="${r1(n.w)}" height="${r1(n.h)}" rx="3"/>${extra}
<text class="fm-text" font-size="${l.fontSize}">${tspans(n.lines, n.x + pad, n.y + pad + base + 1, l.lineH)}</text></g>`;
}

/** `active`: the lit row id, or null to light every row (the no-JS picture). */
export function markup(l: FundingLayout, active: string | null): string {
  const schematic = `<text class="fm-schematic">${tspans(l.schematic.lines, 0, l.schematic.y, 14)}</text>`;
  const heads = l.heads.map((h) => `<text class="fm-head fm-${h.side}" font-size="${l.head}">${tspans(h.lines, h.x, h.y, l.headLineH)}</text>`).join('');
  const rows = l.rows
    .map((r) => {
      const cls = ['fm-row', active === null || active === r.id ? 'is-lit' : 'is-dim'].join(' ');
      const links = r.links.map((k) => `<path class="fm-link fm-${k.side}" d="${k.d}" marker-end="url(#fm-arrow)"/>`).join('');
      return `<g class="${cls}" data-row="${esc(r.id)}">${links}
<rect class="fm-band" x="0" y="${r1(r.band.y)}" width="${l.width}" height="${r.band.h}" rx="2"/>
<text class="fm-band__text" x="6" y="${r1(r.band.y + r.band.h / 2 + 4)}">${esc(r.band.text)}</text>
${r.nodes.map((n) => node(n, l)).join('')}</g>`;
    })
    .join('');
  return `<defs><marker id="fm-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="fm-arrowhead" d="M0,0L8,4L0,8z"/></marker></defs>${schematic}${heads}${rows}`;
}

/** The schematic at `step` (-1 = before the first) for `width`: per-step stills and resizes. Pure. */
export function still(data: FundingData, labels: Record<string, string>, step: number, width: number): Still {
  return whole(stillParts(data, labels, step, width));
}

/** `still` in two parts, the layout and then the markup (src/lib/viz/parts.ts); `height`: a stage to fill (geometry.ts `layout`). */
export function* stillParts(data: FundingData, labels: Record<string, string>, step: number, width: number, height = 0): Generator<void, Still, void> {
  const l = layout(data, labels, width, height);
  yield;
  return { width: l.width, height: l.height, svg: markup(l, activeRow(data, step)) };
}
