/**
 * Markup for the shipping map and its days chart. Pure string builders used
 * at build time (the no-JS picture) and in the browser (chart on resize and
 * speed change; notes on speed change).
 */
import { esc, r1 } from '../../lib/svg';
import type { MapGeometry } from './basemap';
import { chartLayout, type ChartLayout } from './geometry';
import { routeDays, speedFor, stateAt, type ShippingData } from './prep';
import type { Still } from '../../lib/viz/types';
import { label } from '../../lib/viz/labels';
import { formatFixed, formatNumber, formatUsd, measureText, usdVars, wrap } from '../../lib/text';
import { edition, ui } from '../../lib/ui';

// Numbers in the edition's marks (es-PE, en-GB): at build time the page's edition, in the browser the document's.
export const fmtDays = (d: number) => formatFixed(Math.round(d * 10) / 10, edition, 1);
export const fmtSpeed = (kn: number) => (Number.isInteger(kn) ? formatNumber(kn, edition) : formatFixed(kn, edition, 1));

/** The map's SVG content (land, shaded countries, routes, ports). Routes use pathLength=1 so drawing is a dash offset. */
export function mapMarkup(g: MapGeometry): string {
  const countries = g.countries.map((c) => `<path class="sm-country sm-country--${c.id}" d="${c.d}"/>`).join('');
  // The new route last, so it is drawn on top of the old ones it overlaps.
  const order = { contrast: 0, old: 1, new: 2 } as const;
  const routes = [...g.routes]
    .sort((a, b) => order[a.group] - order[b.group])
    .map((r) => `<path class="sm-route sm-route--${r.group}" data-id="${esc(r.id)}" pathLength="1" d="${r.d}"/>`)
    .join('');
  const ports = g.ports.map((p) => `<circle class="sm-port" cx="${p.x}" cy="${p.y}" r="3"/>`).join('');
  const graticule = g.graticule ? `<path class="sm-graticule" d="${g.graticule}"/>` : '';
  const north = g.north ? `<path class="sm-north" transform="translate(${g.north.x},${g.north.y}) rotate(${g.north.angle})" d="M0,-11L5,5L0,2L-5,5Z"/>` : '';
  return `<rect class="sm-ocean" width="${g.width}" height="${g.height}"/>${graticule}<path class="sm-land" d="${g.land}"/>${countries}${north}<g class="sm-routes">${routes}</g><g class="sm-ports">${ports}</g>`;
}

/** Font size (px) of the phone map's port names (shipping-map.css `.sm-mapwrap--narrow .sm-labels`, the chart face). */
export const PORT_LABEL_PX = 11.5;
/** Where a port's name sits around its dot, as a CSS class (shipping-map.css `.sm-portlabel--…`). */
export type LabelSpot = 'e' | 'w' | 'ne' | 'se' | 'nw' | 'sw' | 'n' | 's';

/**
 * The smallest the phone map is drawn at, in CSS px per map unit: on a 360×740 screen the stage
 * leaves it 287 px of its 360 units (ShippingMap.astro `phoneFit`), 0.80, taken as 0.78 for a margin.
 * Names and the route key are placed for this size, so they stay clear of each other at every
 * larger one.
 */
const PHONE_MAP_MIN_SCALE = 0.78;

/**
 * How the phone map's route key is set over the map's lower left: one source for its CSS
 * (ShippingMap.astro writes `overKeyStyle()` onto the key as custom properties, which
 * shipping-map.css `.sm-legend--over` reads) and for `legendKeyBox`, which reserves its room.
 * Sizes in rem (16 px) unless named otherwise.
 */
export const OVER_KEY = {
  font: 0.7,
  lineHeight: 1.35,
  /** Of the map's width. */
  maxWidth: 0.62,
  pad: { top: 0.15, right: 0.4, bottom: 0.2, left: 0.1 },
  /** Between two items, in em: an item that wraps still reads as one. */
  itemGapEm: 0.4,
  /** Each item's swatch and the gap after it, in em (`li::before`; both keys, `swatchStyle()`). */
  swatchEm: 1.2,
  swatchGapEm: 0.35,
} as const;

/** The swatch's custom properties, which every `.sm-legend` (over the map and below it) reads. */
export function swatchStyle(): string {
  return `--swatch-w:${OVER_KEY.swatchEm}em;--swatch-gap:${OVER_KEY.swatchGapEm}em`;
}

/** OVER_KEY as the custom properties `.sm-legend--over` reads. */
export function overKeyStyle(): string {
  const k = OVER_KEY;
  return `--key-font:${k.font}rem;--key-lh:${k.lineHeight};--key-max:${k.maxWidth * 100}%;--key-pad:${k.pad.top}rem ${k.pad.right}rem ${k.pad.bottom}rem ${k.pad.left}rem;--key-gap:${k.itemGapEm}em;${swatchStyle()}`;
}

/**
 * The box the route key takes in the phone map's lower left, in map units: as wide as its
 * max-width, as tall as its items wrap to at `scale` (OVER_KEY's text, line height, swatch and gaps;
 * lines wrapped with `wrap`, measured in the chart face and taken 10% wider, as the key is set
 * in the body's sans). Pure.
 */
export function legendKeyBox(items: readonly string[], mapWidth: number, scale = PHONE_MAP_MIN_SCALE): { w: number; h: number } {
  const k = OVER_KEY;
  const px = k.font * 16;
  const swatch = (k.swatchEm + k.swatchGapEm) * px;
  // Every line measured as if it followed the swatch, which only the first one does: the box can
  // come out a line taller than the key, never shorter.
  const room = (k.maxWidth * mapWidth * scale - (k.pad.left + k.pad.right) * 16 - swatch) / 1.1; // the body's sans set 10% wider
  const lines = items.reduce((n, item) => n + wrap(item, room, px).length, 0);
  const gaps = Math.max(0, items.length - 1) * k.itemGapEm * px;
  return { w: k.maxWidth * mapWidth, h: (lines * px * k.lineHeight + gaps + (k.pad.top + k.pad.bottom) * 16) / scale };
}

/**
 * Where each port's name goes over the phone map (HTML over the SVG, in % of
 * its box): east of the port first (over land: the routes arrive from the
 * west), else west, above or below; never on another name, another port's
 * dot, the route key in the lower left, or off the map. Widths are measured
 * in the chart face; `scale` is the smallest the map is drawn at (CSS px per
 * map unit), so the boxes are never smaller than on screen.
 */
export function portLabels(
  g: MapGeometry,
  keyBox: { w: number; h: number } = { w: 0, h: 0 },
  scale = PHONE_MAP_MIN_SCALE,
): { name: string; left: string; top: string; spot: LabelSpot; box: { x: number; y: number; w: number; h: number } }[] {
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(2)}%`;
  const GAP = 6 / scale;
  const H = 15 / scale;
  type Box = { x: number; y: number; w: number; h: number };
  const hit = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const taken: Box[] = [
    ...g.ports.map((p) => ({ x: p.x - 3, y: p.y - 3, w: 6, h: 6 })),
    { x: 0, y: g.height - keyBox.h, w: keyBox.w, h: keyBox.h },
  ];
  const boxAt = (spot: LabelSpot, x: number, y: number, w: number): Box => {
    const dx = spot === 'e' || spot === 'ne' || spot === 'se' ? GAP : spot === 'n' || spot === 's' ? -w / 2 : -w - GAP;
    const dy = spot === 'e' || spot === 'w' ? -H / 2 : spot === 'ne' || spot === 'nw' ? -H - 1 / scale : spot === 'se' || spot === 'sw' ? 1 / scale : spot === 'n' ? -H - 4 / scale : 4 / scale;
    return { x: x + dx, y: y + dy, w, h: H };
  };
  const order: LabelSpot[] = ['e', 'w', 'ne', 'se', 'nw', 'sw', 'n', 's'];
  // Ports a few pixels apart (Chancay and Callao, Balboa and Colón): the upper name goes above its dot, the lower one below.
  const pairSpots = (p: MapGeometry['ports'][number]): LabelSpot[] => {
    const q = g.ports.find((o) => o !== p && Math.hypot(o.x - p.x, o.y - p.y) < 24);
    if (!q) return order;
    return p.y < q.y || (p.y === q.y && p.x < q.x) ? ['ne', 'nw', 'n', ...order] : ['se', 'sw', 's', ...order];
  };
  // Close pairs first: they have the fewest places that fit; the others work around them.
  const paired = (p: MapGeometry['ports'][number]) => g.ports.some((o) => o !== p && Math.hypot(o.x - p.x, o.y - p.y) < 24);
  const byConstraint = [...g.ports.filter(paired), ...g.ports.filter((p) => !paired(p))];
  const out = byConstraint.map((p) => {
    const w = measureText(p.name, PORT_LABEL_PX) / scale + 2;
    const own = taken.filter((t) => !(t.x === p.x - 3 && t.y === p.y - 3));
    const inside = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.w <= g.width && b.y + b.h <= g.height;
    const spot = pairSpots(p).find((o) => {
      const b = boxAt(o, p.x, p.y, w);
      return inside(b) && !own.some((t) => hit(t, b));
    }) ?? (p.x > g.width / 2 ? 'w' : 'e');
    const box = boxAt(spot, p.x, p.y, w);
    taken.push(box);
    return { name: p.name, left: pct(p.x, g.width), top: pct(p.y, g.height), spot, box };
  });
  return g.ports.map((p) => out[byConstraint.indexOf(p)]!);
}

/**
 * Fill a label template: {nm:id} sea distance, {days:id} days at the speed,
 * {speed} the speed, {trade:id} a trade figure, {usd:id} a trade figure in US$ bn as money, {saved} days saved,
 * {stopdays:id} a route's assumed stop days, {speedforN:id} the average speed at which the route takes N days. Days are
 * wrapped in spans the browser updates when the speed changes.
 */
export function fill(template: string, data: ShippingData, speed: number, saved = 0): string {
  return esc(template).replace(/\{(\w+)(?::([\w-]+))?\}/g, (m, key: string, id?: string) => {
    const route = id ? data.routes.find((r) => r.id === id) : undefined;
    const target = /^speedfor(\d+)$/.exec(key);
    if (target) {
      if (!route) throw new Error(`[shipping-map] label names unknown route "${id}"`);
      return formatFixed(speedFor(route, Number(target[1])), edition, 1);
    }
    switch (key) {
      case 'stopdays':
        if (!route) throw new Error(`[shipping-map] label names unknown route "${id}"`);
        return formatNumber(route.stopDays, edition, 1);
      case 'nm':
        if (!route) throw new Error(`[shipping-map] label names unknown route "${id}"`);
        return formatNumber(route.nm, edition);
      case 'days':
        if (!route) throw new Error(`[shipping-map] label names unknown route "${id}"`);
        return `<span data-days="${esc(route.id)}">${fmtDays(routeDays(route, speed))}</span>`;
      case 'speed':
        return `<span data-speed>${fmtSpeed(speed)}</span>`;
      case 'saved':
        return `<span data-saved>${fmtDays(saved)}</span>`;
      case 'trade': {
        const v = id ? data.trade[id] : undefined;
        if (v === undefined) throw new Error(`[shipping-map] label names unknown trade figure "${id}"`);
        return formatNumber(v, edition, 1);
      }
      case 'usd': {
        // A trade figure in US$ billions written as money in the edition's form, to a tenth of a billion as the prose's
        // facts give it ("US$23.2 bn", "US$23,200 millones"; formatUsd's whole billions from 10 up made the Spanish note
        // say "US$23,000 millones" where the English said 23.2 and the Spanish prose 23,200).
        const v = id ? data.trade[id] : undefined;
        if (v === undefined) throw new Error(`[shipping-map] label names unknown trade figure "${id}"`);
        return esc(v < 1 ? formatUsd(v, edition) : ui('unit.usd_bn', usdVars(v, edition, 1)));
      }
      default:
        throw new Error(`[shipping-map] unknown placeholder ${m} in a label`);
    }
  });
}

/** The days chart's SVG content. */
export function chartMarkup(l: ChartLayout, labels: Record<string, string>): string {
  const unit = label(labels, 'daysUnit', 'shipping-map');
  const ticks = l.ticks
    .map(
      (t) =>
        `<g class="tick" transform="translate(${r1(t.x)},0)"><line y1="16" y2="${r1(l.plotBottom - 4)}"/><text y="10" text-anchor="middle">${esc(t.label)}</text></g>`,
    )
    .join('');
  const rows = l.rows
    .map((r) => {
      const y = 18;
      const bar = r.reported
        ? r.x1 - r.x0 < 3
          ? `<rect class="sc-reported-point" x="${r1(r.x0 - 1.5)}" y="${y - 2}" width="3" height="${l.barH + 4}"/>`
          : `<rect class="sc-reported" x="${r1(r.x0)}" y="${y}" width="${r1(r.x1 - r.x0)}" height="${l.barH}" rx="1"/>`
        : `<rect class="sc-sea sc-sea--${r.group}" y="${y}" width="${r1(r.seaW)}" height="${l.barH}"/>` +
          (r.stopW > 0 ? `<rect class="sc-stop" x="${r1(r.seaW)}" y="${y}" width="${r1(r.stopW)}" height="${l.barH}"/>` : '');
      const vx = r.reported ? r.x1 : r.seaW + r.stopW;
      return `<g class="sc-row${r.reported ? ' is-reported' : ''}" data-id="${esc(r.id)}" transform="translate(${l.left},${r1(r.y)})"><text class="sc-label" y="12">${esc(r.label)}</text>${bar}<text class="sc-value" x="${r1(vx + 6)}" y="${y + l.barH - 2}">${esc(r.valueLabel)} ${esc(unit)}</text></g>`;
    })
    .join('');
  const key = l.key.lines.length
    ? `<text class="sc-key">${l.key.lines.map((t, i) => `<tspan x="${l.left}" y="${r1(l.key.y + i * l.key.lineH)}">${esc(t)}</tspan>`).join('')}</text>`
    : '';
  return `<text class="axis-label" x="${l.width - 4}" y="10" text-anchor="end">${esc(label(labels, 'axis', 'shipping-map'))}</text>${ticks}${rows}${key}`;
}

/** The chart's layout as the page, the stills and the downloads draw it: the key (figures.yaml `chartDesc`) inside the picture. */
export function daysChart(data: ShippingData, labels: Record<string, string>, width: number, speed: number, height = 0): ChartLayout {
  return chartLayout(data, width, speed, label(labels, 'reportedPrefix', 'shipping-map'), labels, { height, key: label(labels, 'chartDesc', 'shipping-map') });
}

/**
 * The picture at the end of `step`, without a DOM (the plain article's
 * per-step still): the pane the step puts in front. The map: the routes the
 * step has drawn (the others left out), the ones it does not highlight
 * dimmed, the countries shaded when the step shades them, and the ports named
 * (the page names them in HTML over the map; a still has to carry its own
 * words). The days chart: laid out at `width` at the default speed.
 */
export function still(data: ShippingData, g: MapGeometry, labels: Record<string, string>, step: number, width: number): Still {
  const s = stateAt(data, step);
  if (s.pane === 'chart') {
    const l = daysChart(data, labels, width, data.speed.value);
    return { width: l.width, height: l.height, svg: chartMarkup(l, labels) };
  }
  const countries = s.countries ? g.countries.map((c) => `<path class="sm-country sm-country--${c.id}" style="opacity:1" d="${c.d}"/>`).join('') : '';
  const order = { contrast: 0, old: 1, new: 2 } as const;
  const routes = g.routes
    .filter((r) => s.show.includes(r.id))
    .sort((a, b) => order[a.group] - order[b.group])
    .map((r) => `<path class="sm-route sm-route--${r.group}${s.highlight.includes(r.id) ? '' : ' is-dim'}" d="${r.d}"/>`)
    .join('');
  // Names near the right edge end at their port instead of running off the picture; a name that
  // would sit on a neighbour's (ports a few pixels apart, like Chancay and Callao) goes under its port.
  const placed: { x: number; y: number }[] = [];
  const ports = [...g.ports]
    .sort((a, b) => a.y - b.y)
    .map((p) => {
      const right = p.x > g.width * 0.8;
      let y = p.y - 5;
      if (placed.some((q) => Math.abs(q.x - p.x) < 80 && Math.abs(q.y - y) < 13)) y = p.y + 14;
      placed.push({ x: p.x, y });
      return `<circle class="sm-port" cx="${p.x}" cy="${p.y}" r="3"/><text class="sm-still-port" x="${r1(p.x + (right ? -5 : 5))}" y="${r1(y)}"${right ? ' text-anchor="end"' : ''}>${esc(p.name)}</text>`;
    })
    .join('');
  return {
    width: g.width,
    height: g.height,
    svg: `<rect class="sm-ocean" width="${g.width}" height="${g.height}"/><path class="sm-land" d="${g.land}"/>${countries}<g class="sm-routes">${routes}</g><g class="sm-ports">${ports}</g>`,
  };
}
