/** SVG markup of the elevation profile: the build-time SVG, the 3D poster, and redraws on resize or step change. Pure. */
import { esc, r1 } from '../../lib/svg';
import type { Still } from '../../lib/viz/types';
import type { ClimbData, StepDef } from './prep';
import { elevAt, markerAt, stepAt } from './prep';
import { fill, fmtInt, layoutParts, pointAt, FONT, type ProfileLayout, type Pt } from './geometry';
import { measureText } from '../../lib/text';
import { label } from '../../lib/viz/labels';
import { finish } from '../../lib/viz/parts';

export interface ProfileState {
  /** 0-based step, -1 before the first. */
  index: number;
  step: StepDef;
  km: number;
  southernKm: number | null;
}

/** Text of the live readout beside the train. */
export function readout(data: ClimbData, labels: Record<string, string>, km: number): string {
  return fill(label(labels, 'readout', 'climb-profile'), { km: fmtInt(km), elev: fmtInt(elevAt(data.central.points, km)) });
}

export function trainTransform(l: ProfileLayout, data: ClimbData, s: Pick<ProfileState, 'km' | 'southernKm'>) {
  const p = pointAt(l, data.central.points, s.km);
  const q = s.southernKm === null ? null : pointAt(l, data.southern.points, s.southernKm);
  return {
    central: `translate(${r1(p.x)},${r1(p.y)})`,
    southern: q ? `translate(${r1(q.x)},${r1(q.y)})` : null,
    travelled: travelledPath(l.central.poly, r1(p.x), r1(p.y)),
  };
}

/**
 * The stretch of the central line behind the train: its stations up to the train's x, then the
 * train's point. A path of its own, not the whole line under a clip whose width follows the
 * train: a clipPath changed in every drawn frame invalidated the resource and every path it
 * clips and painted the clip as a mask (issue 12; measured in ARCHITECTURE.md, "Progress inside
 * a step every other frame").
 */
export function travelledPath(poly: readonly Pt[], x: number, y: number): string {
  const pts = poly.filter((pt) => pt[0] < x);
  return `M${[...pts, [x, y] as const].map((pt) => `${pt[0]},${pt[1]}`).join('L')}`;
}

/** The name of the stretch the step covers, under the axis (none before the first step). Pure. */
export function bandLabel(l: ProfileLayout, s: Pick<ProfileState, 'index' | 'step'>, labels: Record<string, string>): { x: number; y: number; text: string } | null {
  const band = l.bands.find((b) => b.key === s.step.band);
  if (!band || s.index < 0) return null;
  const { plot } = l;
  const text = labels[`band_${band.key}`] ?? '';
  const w = measureText(text, FONT, { weight: 600 });
  const cx = Math.min(Math.max((band.x1 + band.x2) / 2, plot.x + w / 2), plot.x + plot.w - w / 2);
  return { x: r1(cx), y: plot.y + plot.h + 36, text };
}

/**
 * Steps with the same key share a layout (axes, lines, labels, legend): only
 * the southern line and the steepest stretch change it. Within a layout, what
 * tells one step from another is the classes of the bands, zig-zags and
 * summit, the band's name, the train(s) and the readout; on such a step
 * change the browser changes only those (render.ts, `restyle`), so markup()
 * and that change must agree: test/unit/climb-profile-restyle.test.ts holds
 * them to it.
 */
export function layoutKey(data: Pick<ClimbData, 'steps'>, step: number): string {
  const d = stepAt(data, step);
  return `${d.southern ? 'southern' : 'central'}${d.steep ? '+steep' : ''}`;
}

/** The profile's SVG content for a layout and a state. Pure. */
export function markup(l: ProfileLayout, data: ClimbData, s: ProfileState, labels: Record<string, string>): string {
  const L = labels;
  const { plot } = l;
  const bottom = plot.y + plot.h;
  const t = trainTransform(l, data, s);
  const out: string[] = [];
  // bands along the axis: which stretch the current step covers (drawn first: the axis title and ticks stay on top)
  for (const b of l.bands) {
    out.push(
      `<g class="climb__band${b.key === s.step.band && s.index >= 0 ? ' is-active' : ''}"><rect x="${r1(b.x1)}" y="${plot.y}" width="${r1(Math.max(0, b.x2 - b.x1))}" height="${plot.h}"/><line x1="${r1(b.x1 + 1)}" x2="${r1(b.x2 - 1)}" y1="${bottom + 21}" y2="${bottom + 21}"/></g>`,
    );
  }
  // axes
  out.push(
    l.yTicks
      .map((tk) => `<g class="tick"><line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${r1(tk.y)}" y2="${r1(tk.y)}"/><text x="${plot.x - 5}" y="${r1(tk.y + 4)}" text-anchor="end">${esc(tk.label)}</text></g>`)
      .join(''),
  );
  out.push(
    l.xTicks
      .map((tk) => `<g class="tick tick--x"><line x1="${r1(tk.x)}" x2="${r1(tk.x)}" y1="${bottom}" y2="${bottom + 4}"/><text x="${r1(tk.x)}" y="${bottom + 15}" text-anchor="middle">${esc(tk.label)}</text></g>`)
      .join(''),
  );
  out.push(`<text class="axis-label" x="${plot.x + 4}" y="${r1(l.yTicks[l.yTicks.length - 1]!.y - 4)}">${esc(label(L, 'axis_y', 'climb-profile'))}</text>`);
  out.push(`<text class="axis-label" x="${plot.x + plot.w}" y="${bottom + 15}" text-anchor="end">${esc(label(L, 'axis_x', 'climb-profile'))}</text>`);
  const bl = bandLabel(l, s, L);
  if (bl) out.push(`<text class="climb__band-label" x="${bl.x}" y="${bl.y}" text-anchor="middle">${esc(bl.text)}</text>`);
  // profiles
  if (l.southern) {
    out.push(`<path class="climb__area climb__area--south" d="${l.southern.area}"/><path class="climb__line climb__line--south" d="${l.southern.line}"/>`);
  }
  out.push(`<path class="climb__area" d="${l.central.area}"/><path class="climb__line" d="${l.central.line}"/>`);
  out.push(`<path class="climb__line climb__line--travelled" d="${t.travelled}"/>`);
  if (l.steep) {
    out.push(`<line class="climb__steep" x1="${r1(l.steep.x1)}" y1="${r1(l.steep.y1)}" x2="${r1(l.steep.x2)}" y2="${r1(l.steep.y2)}"/>`);
  }
  // stations, zig-zags, summit
  out.push(
    l.dots
      .map((d) => `<circle class="climb__dot${d.line === 'southern' ? ' climb__dot--south' : ''}" cx="${r1(d.x)}" cy="${r1(d.y)}" r="2.5"/>`)
      .join(''),
  );
  const zz = s.step.zigzags ? ' is-emphasis' : '';
  out.push(
    l.zigzags
      .map((z) => `<path class="climb__zigzag${zz}" transform="translate(${r1(z.x)},${r1(z.y)})" d="M-5,4L-2,-4L1,4L4,-4"/>`)
      .join(''),
  );
  out.push(`<path class="climb__summit${s.step.summit ? ' is-emphasis' : ''}" transform="translate(${r1(l.summit.x)},${r1(l.summit.y)})" d="M0,-12L6,-3L-6,-3Z"/>`);
  // labels
  for (const lb of l.labels) {
    const cls = lb.id === 'steepest' ? 'climb__label climb__label--steep' : lb.id.startsWith('s-') ? 'climb__label climb__label--south' : 'climb__label';
    const lead = lb.leader
      ? `<line class="climb__leader" x1="${r1(lb.leader.x1)}" y1="${r1(lb.leader.y1)}" x2="${r1(lb.leader.x2)}" y2="${r1(lb.leader.y2)}"/>`
      : '';
    const tsp = lb.lines
      .map((txt, i) => `<tspan x="${r1(lb.box.x + 1)}" y="${r1(lb.box.y + 11 + i * 13)}"${i < (lb.nameLines ?? 1) ? ' class="climb__label-name"' : ''}>${esc(txt)}</tspan>`)
      .join('');
    out.push(`${lead}<text class="${cls}" data-id="${esc(lb.id)}">${tsp}</text>`);
  }
  // legend
  const lg = l.legend;
  const items: string[] = [
    `<line class="climb__line" x1="${lg.x + 6}" x2="${lg.x + 22}" y1="${lg.y + 11}" y2="${lg.y + 11}"/><text x="${lg.x + 27}" y="${lg.y + 15}">${esc(label(L, 'legend_central', 'climb-profile'))}</text>`,
    `<path class="climb__zigzag is-emphasis" transform="translate(${lg.x + 14},${lg.y + 26})" d="M-5,4L-2,-4L1,4L4,-4"/><text x="${lg.x + 27}" y="${lg.y + 30}">${esc(label(L, 'legend_zigzag', 'climb-profile'))}</text>`,
  ];
  if (l.southern) {
    items.push(
      `<line class="climb__line climb__line--south" x1="${lg.x + 6}" x2="${lg.x + 22}" y1="${lg.y + 41}" y2="${lg.y + 41}"/><text x="${lg.x + 27}" y="${lg.y + 45}">${esc(label(L, 'legend_southern', 'climb-profile'))}</text>`,
    );
  }
  out.push(`<g class="climb__legend"><rect x="${lg.x}" y="${lg.y}" width="${lg.w}" height="${lg.h}" rx="3"/>${items.join('')}</g>`);
  // the train(s) and the readout
  out.push(`<g class="climb__train" transform="${t.central}"><circle r="6"/></g>`);
  if (t.southern) out.push(`<g class="climb__train climb__train--south" transform="${t.southern}"><circle r="6"/></g>`);
  out.push(`<text class="climb__readout" x="${plot.x + plot.w}" y="${plot.y + 10}" text-anchor="end">${esc(readout(data, L, s.km))}</text>`);
  return out.join('');
}

/** The profile at (step, progress) for `width`, and its layout (kept by the browser for progress-only updates). Pure. */
export function picture(data: ClimbData, labels: Record<string, string>, step: number, progress: number, width: number, height = 0) {
  return finish(pictureParts(data, labels, step, progress, width, height));
}

/** `picture` in parts: the layout in two (label placement is most of it), then the markup (src/lib/viz/parts.ts). */
export function* pictureParts(data: ClimbData, labels: Record<string, string>, step: number, progress: number, width: number, height = 0) {
  const def = stepAt(data, step);
  const m = markerAt(data, step, progress);
  const l = yield* layoutParts(data, width, { southern: def.southern, steep: def.steep, labels, ...(height > 0 ? { height } : {}) });
  yield;
  const state: ProfileState = { index: step, step: def, km: m.km, southernKm: m.southernKm };
  return { layout: l, state, still: { width: l.width, height: l.height, svg: markup(l, data, state, labels) } satisfies Still };
}

/** The profile at the end of `step` (-1 = before the first) for `width`: the build-time SVG, per-step stills. Pure. */
export function still(data: ClimbData, labels: Record<string, string>, step: number, width: number): Still {
  return picture(data, labels, step, step < 0 ? 0 : 1, width).still;
}
