/** Layout of money-to-scale bars and the announcement-to-operation timeline. Pure: d3-scale. */
import { finish } from '../../lib/viz/parts';
import { fill, label } from '../../lib/viz/labels';
import { scaleLinear } from 'd3-scale';
import type { TimelinesData } from './prep';
import { formatFixed, formatUsd, formatUsdRange, measureText, wrap } from '../../lib/text';
import { edition } from '../../lib/ui';

export interface BarBox {
  id: string;
  y: number;
  /** Wrapped name lines, above the bar. */
  lines: string[];
  labelY: number;
  pledge: boolean;
  segments: { id: string; x: number; w: number }[];
  whisker?: { x1: number; x2: number };
  value: { text: string; x: number; inside: boolean };
}
export interface PanelBox {
  id: string;
  y: number;
  titleLines: string[];
  axisY: number;
  ticks: Tick[];
  bars: BarBox[];
  /** In the first panel: the stretch of its scale that the next panel enlarges. */
  /** The shaded next panel's scale and its note, wrapped to the width at 11 px (a Spanish note once ran 8 px past a 288 px picture). */
  zoom?: { x: number; w: number; lines: string[] } | undefined;
  bottom: number;
}
/** A money axis tick: its label is anchored as drawn (markup.ts), so the layout measured what is drawn. */
export interface Tick {
  x: number;
  label: string;
  anchor: 'start' | 'middle' | 'end';
}
export interface SpanBox {
  id: string;
  project: string;
  y: number;
  titleLines: string[];
  /** First event to operation (or, if ongoing, to today): the thick line. */
  x1: number;
  x2: number;
  /** Operating from x2 to today: the thin line (absent when ongoing). */
  xOperating?: number | undefined;
  ongoing: boolean;
  events: { id: string; x: number; label: string[]; labelX: number; anchor: 'start' | 'end'; labelY: number }[];
  yearsText: string;
}
export interface TimelinesLayout {
  width: number;
  height: number;
  panels: PanelBox[];
  time: {
    y: number;
    titleLines: string[];
    ticks: { x: number; label: string }[];
    today: { x: number; label: string };
    spans: SpanBox[];
    axisY: number;
    bottom: number;
  };
}

export const FONT = 12;
export const LINE = 15;
const BAR_H = 14;
/** Tick labels: 11 px (global.css `.tick text`), at least this far apart. */
const TICK_FONT = 11;
/** The zoom note's size (project-timelines.css `.pt-zoom text`) and line step. */
export const ZOOM_FONT = 11;
export const ZOOM_LINE = 13;
const TICK_GAP = 8;

/**
 * The most ticks, up to `max`, whose labels fit side by side across the width, measured in the
 * chart face: the first label starts at its tick, the last ends at its tick when centring it
 * would cross the right edge, the rest are centred. Spanish money labels ("US$400,000 millones")
 * are about twice as wide as English ones ("US$400 bn"), so a phone shows fewer ticks in Spanish.
 */
export function fittingTicks(x: { (v: number): number; ticks(n: number): number[]; domain(): number[] }, max: number, width: number, format: (v: number) => string): Tick[] {
  const place = (values: number[]): Tick[] =>
    values.map((v, i) => {
      const tx = x(v);
      const label = v === 0 ? '0' : format(v);
      const w = measureText(label, TICK_FONT);
      const anchor = i === 0 ? 'start' : i === values.length - 1 && tx + w / 2 > width ? 'end' : 'middle';
      return { x: tx, label, anchor };
    });
  const span = (t: Tick): [number, number] => {
    const w = measureText(t.label, TICK_FONT);
    return t.anchor === 'start' ? [t.x, t.x + w] : t.anchor === 'end' ? [t.x - w, t.x] : [t.x - w / 2, t.x + w / 2];
  };
  const fits = (ts: Tick[]) =>
    ts.every((t, i) => {
      const [a, b] = span(t);
      return a >= 0 && b <= width && (i === 0 || a - span(ts[i - 1]!)[1] >= TICK_GAP);
    });
  for (let n = max; n >= 1; n--) {
    const ts = place(x.ticks(n));
    if (ts.length && fits(ts)) return ts;
  }
  // Nothing fits: the scale's two ends.
  return place(x.domain());
}

export function layout(d: TimelinesData, labels: Record<string, string>, width: number): TimelinesLayout {
  return finish(layoutParts(d, labels, width));
}

/** `layout` in parts, one a panel (src/lib/viz/parts.ts): wrapping and measuring every label is most of a first drawing. */
export function* layoutParts(d: TimelinesData, labels: Record<string, string>, width: number): Generator<void, TimelinesLayout, void> {
  const L = (k: string) => label(labels, k, 'project-timelines');
  const right = 4;
  const panels: PanelBox[] = [];
  let y = 0;
  for (const [pi, p] of d.panels.entries()) {
    const titleLines = wrap(L(`panel-${p.id}`), width, 13, { weight: 700 });
    const top = y;
    y += titleLines.length * 17 + 6;
    const axisY = y + 8;
    const x = scaleLinear().domain([0, p.max]).nice(4).range([0, width - right]);
    const ticks = fittingTicks(x, width < 480 ? 3 : 5, width, (t) => formatUsd(t, edition));
    y = axisY + 10;
    const bars: BarBox[] = p.bars.map((b) => {
      const lines = wrap(`${b.label}${b.pledge ? ` ${L('pledge')}` : ''}`, width, FONT);
      const labelY = y + FONT;
      const by = y + lines.length * LINE + 2;
      let acc = 0;
      const segments = b.segments.map((s) => {
        const seg = { id: s.id, x: x(acc), w: Math.max(1, x(acc + s.value) - x(acc)) };
        acc += s.value;
        return seg;
      });
      const end = x(b.value);
      const text = b.high !== undefined ? formatUsdRange(b.value, b.high, edition) : formatUsd(b.value, edition);
      const tw = measureText(text, FONT, { weight: 600 });
      const outerEnd = Math.max(end, b.high !== undefined ? x(b.high) : 0);
      const inside = outerEnd + 6 + tw > width - right;
      const box: BarBox = {
        id: b.id,
        y: by,
        lines,
        labelY,
        pledge: b.pledge,
        segments,
        value: { text, x: inside ? end - 6 : outerEnd + 6, inside },
      };
      if (b.high !== undefined) box.whisker = { x1: end, x2: x(b.high) };
      y = by + BAR_H + 12;
      return box;
    });
    const next = d.panels[pi + 1];
    let zoom: PanelBox['zoom'];
    if (next) {
      const zmax = scaleLinear().domain([0, next.max]).nice(4).domain()[1]!;
      zoom = { x: 0, w: Math.max(1, x(zmax)), lines: wrap(fill(L('zoom'), { max: formatUsd(zmax, edition) }, 'project-timelines'), width - right, ZOOM_FONT) };
      y += 14; // room for the zoom note's first line under the bars
    }
    const panel: PanelBox = { id: p.id, y: top, titleLines, axisY, ticks, bars, bottom: y };
    if (zoom) panel.zoom = zoom;
    panels.push(panel);
    y += 14 + (zoom ? (zoom.lines.length - 1) * ZOOM_LINE : 0);
    yield;
  }

  // Time: one row per project, on a shared axis of years.
  const timeTop = y;
  const titleLines = wrap(L('panel-time'), width, 13, { weight: 700 });
  y += titleLines.length * 17 + 6;
  const tx = scaleLinear().domain(d.domain).range([16, width - 18]);
  const step = width < 480 ? 2 : 1;
  const ticks = [];
  for (let t = d.domain[0]; t <= d.domain[1]; t += step) ticks.push({ x: tx(t), label: String(t) });
  const axisY = y + 10;
  y = axisY + 14;
  const spans: SpanBox[] = d.projects.map((p) => {
    const yearsText = fill(p.ongoing ? L('ongoing') : L('years'), { years: formatFixed(p.years, edition, 1) }, 'project-timelines');
    // A row's title says what kind of project it is (figures.yaml `title_<id>`), so unlike projects are not read as alike.
    const title = labels[`title_${p.id}`];
    const tl = wrap(title ? fill(title, { years: formatFixed(p.years, edition, 1) }, 'project-timelines') : `${p.project}: ${yearsText}`, width, 13, { weight: 600 });
    const top = y;
    const lineY = top + tl.length * 17 + 8;
    const x1 = tx(p.events[0]!.t);
    // The thick line is the build, from the first event to opening; a line that was already running
    // (no build event, e.g. Lobito) is drawn thin, as operating, from its first event.
    const built = p.events.some((e) => e.stage === 'build');
    const x2 = p.ongoing ? tx(d.today.t) : built ? tx(p.operateT!) : x1;
    const xOperating = p.ongoing ? undefined : tx(d.today.t);
    // Event labels under the line, alternating anchors so neighbours don't collide.
    let labelBottom = lineY;
    const placed: { x1: number; x2: number; top: number; bottom: number }[] = [];
    const events = p.events.map((e, i) => {
      const ex = tx(e.t);
      const next = p.events[i + 1];
      // A label stops short of the next event, so that event's leader never crosses it;
      // the last one may hang left of its date when near the right edge.
      const last = !next;
      const prev = p.events[i - 1];
      const roomRight = next ? tx(next.t) - ex - 12 : width - ex;
      // Room to hang left of the date: back to the previous event's leader (or the left edge).
      const roomLeft = prev ? ex - tx(prev.t) - 12 : ex - 4;
      // Hang left when the next event is too close on the right and there is more room on the left.
      const crowded = !last && roomRight < 90 && roomLeft > roomRight && roomLeft >= 64;
      const anchor: 'start' | 'end' = (last && ex > width * 0.6) || crowded ? 'end' : 'start';
      const maxW = crowded ? roomLeft : last ? Math.max(90, width / 2 - 8) : Math.max(64, roomRight);
      const label = wrap(`${e.dateText}: ${e.event}`, maxW, 11);
      const w = Math.max(...label.map((s) => measureText(s, 11)));
      const lx1 = anchor === 'start' ? ex - 4 : ex - w + 4;
      let ly = lineY + 18;
      const h = (label.length - 1) * 13 + 13; // from baseline - 10 to the last line's descenders
      // Stack below any earlier label this one would overlap horizontally (until nothing overlaps).
      for (let moved = true; moved; ) {
        moved = false;
        for (const q of placed) {
          const overlapsX = lx1 < q.x2 + 6 && lx1 + w > q.x1 - 6;
          const overlapsY = ly - 10 < q.bottom + 4 && ly - 10 + h > q.top - 4;
          if (overlapsX && overlapsY) {
            ly = q.bottom + 4 + 10;
            moved = true;
          }
        }
      }
      placed.push({ x1: lx1, x2: lx1 + w, top: ly - 10, bottom: ly - 10 + h });
      labelBottom = Math.max(labelBottom, ly - 10 + h);
      return { id: e.id, x: ex, label, labelX: anchor === 'start' ? ex - 4 : ex + 4, anchor, labelY: ly };
    });
    y = labelBottom + 20;
    return { id: p.id, project: p.project, y: lineY, titleLines: tl, x1, x2, xOperating, ongoing: p.ongoing, events, yearsText };
  });
  const today = { x: tx(d.today.t), label: L('today') };
  return {
    width,
    height: Math.ceil(y + 6), // room for the Today label's descenders
    panels,
    time: { y: timeTop, titleLines, ticks, today, spans, axisY, bottom: y },
  };
}
