/**
 * Markup for the shipping map and its days chart. Pure string builders used
 * at build time (the no-JS picture) and in the browser (chart on resize and
 * speed change; notes on speed change).
 */
import { esc, r1 } from '../../lib/svg';
import { overlaps, segmentHitsBox, type Box } from '../../lib/viz/segment-box';
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

/**
 * The ground under a port's name in a still: the map's surface colour (shipping-map.css
 * `.sm-still-portground`), `pad` units round the name's box, so the name keeps 4.5:1 whatever it
 * crosses. A halo alone left China's yellow between and around the letters, and in the dark theme
 * "Shanghai (Yangshan)" was hard to read on it (review, 7 Dec 2026).
 */
function nameGround(x: number, y: number, w: number, h: number, pad: number): string {
  return `<rect class="sm-still-portground" x="${r1(x - pad)}" y="${r1(y - pad / 2)}" width="${r1(w + 2 * pad)}" height="${r1(h + pad)}" rx="${r1(pad)}"/>`;
}

/** Font size, in map units, of the port names on the phone map's still (shipping-map.css `.sm-still-port--narrow`). */
export const NARROW_STILL_PX = 14;
/** Font size, in map units, of the port names in the world map's short-screen still (shipping-map.css `.sm-still-port--short`): 11 px at 468 px wide. */
export const SHORT_STILL_PX = 15;

/** Font size (px) of the phone map's port names (shipping-map.css `.sm-mapwrap--narrow .sm-labels`, the chart face). */
export const PORT_LABEL_PX = 11.5;
/** Where a port's name sits around its dot, as a CSS class (shipping-map.css `.sm-portlabel--…`). */
export type LabelSpot = 'e' | 'w' | 'ne' | 'se' | 'nw' | 'sw' | 'n' | 's';

/**
 * The smallest the phone map is drawn at, in CSS px per map unit. The stage is 58svh and its title
 * and note take 8rem (ShippingMap.astro `phoneFit`), so the map is small where the small viewport
 * is short: 0.53 on a 320×568 screen, about 0.50 on a 375×667 iPhone in Safari (its bars leave a
 * small viewport of about 548 px), 0.68 on a 390×844 one (about 664). Names and the route key keep
 * their size in CSS px, so in map units they are largest here: placed for this size, they stay
 * clear of each other at every larger one. (Until 6 Dec 2026 this was 0.78, a 360×740 screen
 * with no browser bars; below it the key covered "New York" and names ran into each other.)
 */
export const PHONE_MAP_MIN_SCALE = 0.5;

/**
 * How the phone map's route key (short names, figures.yaml `legend…Short`) is set over the map's upper right (land, no
 * route: the routes run from Shanghai in the upper left to Peru in the lower right), under Shanghai's name: one source for its CSS
 * (ShippingMap.astro writes `overKeyStyle()` onto the key as custom properties, which
 * shipping-map.css `.sm-legend--over` reads) and for `legendKeyBox`, which reserves its room.
 * Sizes in rem (16 px) unless named otherwise.
 */
export const OVER_KEY = {
  font: 0.65,
  lineHeight: 1.35,
  /** The key is as wide as its longest item, at most this (rem, whatever the map's size: so it wraps where legendKeyBox says). */
  maxWidth: 7.8,
  /** Its top edge, in map units: below the name of Shanghai (the upper left port) on the smallest map. */
  top: 40,
  pad: { top: 0.15, right: 0.4, bottom: 0.2, left: 0.1 },
  /** Between two items, in em: an item that wraps still reads as one. */
  itemGapEm: 0.4,
  /** Each item's swatch and the gap after it, in em (`li::before`; both keys, `swatchStyle()`). */
  swatchEm: 1.2,
  swatchGapEm: 0.35,
} as const;

/**
 * How much wider the system sans (the key's face) sets a line than the chart face that measureText
 * knows: DejaVu Sans, Debian's, 1.19x on the key's words (measured in Chromium, 6 Dec 2026); phones'
 * Roboto and San Francisco are narrower. Until then 1.1, and the key came out wider than its room.
 */
const KEY_SANS_WIDER = 1.25;

/** The swatch's custom properties, which every `.sm-legend` (over the map and below it) reads. */
export function swatchStyle(): string {
  return `--swatch-w:${OVER_KEY.swatchEm}em;--swatch-gap:${OVER_KEY.swatchGapEm}em`;
}

/** OVER_KEY as the custom properties `.sm-legend--over` reads, on a phone map `mapHeight` units tall. */
export function overKeyStyle(mapHeight: number): string {
  const k = OVER_KEY;
  return `--key-top:${((k.top / mapHeight) * 100).toFixed(2)}%;--key-font:${k.font}rem;--key-lh:${k.lineHeight};--key-max:${k.maxWidth}rem;--key-pad:${k.pad.top}rem ${k.pad.right}rem ${k.pad.bottom}rem ${k.pad.left}rem;--key-gap:${k.itemGapEm}em;${swatchStyle()}`;
}

/**
 * The box the route key takes in the phone map's upper right, in map units, at `scale`: as wide as
 * its longest item (at most OVER_KEY.maxWidth), as tall as its items wrap to (OVER_KEY's
 * text, line height, swatch and gaps; lines wrapped with `wrap`, measured in the chart face and taken
 * KEY_SANS_WIDER wider, as the key is set in the system sans). Pure.
 */
export function legendKeyBox(items: readonly string[], mapWidth: number, scale = PHONE_MAP_MIN_SCALE): Box {
  const k = OVER_KEY;
  const px = k.font * 16;
  const swatch = (k.swatchEm + k.swatchGapEm) * px;
  const pads = (k.pad.left + k.pad.right) * 16;
  // Every line measured as if it followed the swatch, which only the first one does: the box can
  // come out a line taller than the key, never shorter.
  const room = (k.maxWidth * 16 - pads - swatch) / KEY_SANS_WIDER;
  const wrapped = items.map((item) => wrap(item, room, px));
  const lines = wrapped.reduce((n, l) => n + l.length, 0);
  const widest = Math.max(0, ...wrapped.flat().map((l) => measureText(l, px) * KEY_SANS_WIDER));
  const gaps = Math.max(0, items.length - 1) * k.itemGapEm * px;
  const w = Math.min(k.maxWidth * 16, widest + swatch + pads + 1) / scale;
  return { x: mapWidth - w, y: k.top, w, h: (lines * px * k.lineHeight + gaps + (k.pad.top + k.pad.bottom) * 16) / scale };
}

/** A box on the phone map, in map units. */
export type { Box };

/** The spots a port's name may take around its dot, in order of preference (east first: over land, the routes arrive from the west). */
export const LABEL_SPOTS: readonly LabelSpot[] = ['e', 'w', 'ne', 'se', 'nw', 'sw', 'n', 's'];

/**
 * The box a name `w` map units wide takes at `spot` around a dot at (x, y), in map units, on a map drawn at
 * `scale` CSS px a unit: 6 px from the dot, 15 px tall (shipping-map.css `.sm-portlabel--…` sets it there).
 */
export function spotBox(spot: LabelSpot, x: number, y: number, w: number, scale: number): Box {
  const GAP = 6 / scale;
  const H = 15 / scale;
  const dx = spot === 'e' || spot === 'ne' || spot === 'se' ? GAP : spot === 'n' || spot === 's' ? -w / 2 : -w - GAP;
  const dy = spot === 'e' || spot === 'w' ? -H / 2 : spot === 'ne' || spot === 'nw' ? -H - 1 / scale : spot === 'se' || spot === 'sw' ? 1 / scale : spot === 'n' ? -H - 4 / scale : 4 / scale;
  return { x: x + dx, y: y + dy, w, h: H };
}

/** Ports closer than this on the phone map, in map units, share one name (portLabels). */
export const PAIR_UNITS = 24;

/**
 * Where the port names go over the phone map (HTML over the SVG, in % of its box): east of the
 * port first (over land: the routes arrive from the west), else west, above or below; never on
 * another name, a port's dot, the route key (`keyBox`), or off the map, and on no route where a
 * spot allows (else on the fewest of its points); a name with no such spot fails the build. Ports closer
 * than PAIR_UNITS (Chancay and Callao, Colón and Balboa: the same dot at this size) share one
 * name, the northern first ("Chancay / Callao"). Widths are measured in the chart face; `scale`
 * is the smallest the map is drawn at (CSS px per map unit), so the boxes are never smaller than
 * on screen.
 */
export function portLabels(
  g: MapGeometry,
  keyBox: Box = { x: 0, y: 0, w: 0, h: 0 },
  scale = PHONE_MAP_MIN_SCALE,
): { name: string; ports: string[]; left: string; top: string; spot: LabelSpot; box: Box }[] {
  const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(2)}%`;
  // One name per dot as the reader sees it: a port within PAIR_UNITS of a port of a group joins its name.
  type Port = MapGeometry['ports'][number];
  const groups: Port[][] = [];
  for (const p of g.ports) {
    const near = groups.find((q) => q.some((o) => Math.hypot(o.x - p.x, o.y - p.y) < PAIR_UNITS));
    if (near) near.push(p);
    else groups.push([p]);
  }
  const named = groups.map((q) => {
    const ports = [...q].sort((a, b) => a.y - b.y);
    const name = ports.map((p) => p.name).join(' / ');
    return { ports, name, w: measureText(name, PORT_LABEL_PX) / scale + 2, x: mean(ports.map((p) => p.x)), y: mean(ports.map((p) => p.y)) };
  });
  // Hard: the key, every port's dot (a name sits GAP from its own), the names placed before. Soft: the routes.
  const taken: Box[] = [keyBox, ...g.ports.map((p) => ({ x: p.x - 3, y: p.y - 3, w: 6, h: 6 }))];
  const lanes = routePoints(g);
  const boxAt = (spot: LabelSpot, x: number, y: number, w: number) => spotBox(spot, x, y, w, scale);
  const order = LABEL_SPOTS;
  const inside = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.w <= g.width && b.y + b.h <= g.height;
  // Where a route starts or ends at one of a name's own ports, its first PAIR_UNITS do not count: it leaves from the
  // dot, in a direction a name may have no other way than. A route passing by (a stop, a port beside the lane) counts.
  const onLanes = (b: Box, own: readonly Port[]) => {
    let n = 0;
    for (const r of lanes) {
      const ends = own.filter((p) => [r.from, r.to].some(([x, y]) => Math.hypot(p.x - x, p.y - y) < 2));
      for (const [x, y] of r.points) if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h && !ends.some((p) => Math.hypot(p.x - x, p.y - y) < PAIR_UNITS)) n++;
    }
    return n;
  };
  // Each name's spots clear of the key, the dots and the map's edge, in order of preference.
  const options = named.map((q) => {
    const fits = order.map((spot, rank) => ({ spot, rank, box: boxAt(spot, q.x, q.y, q.w) })).filter(({ box }) => inside(box) && !taken.some((t) => overlaps(t, box)));
    if (!fits.length) throw new Error(`[shipping-map] the phone map has no room for the name "${q.name}" at ${scale} px a map unit: every spot around its dot is off the map or on the key or a dot (markup.ts portLabels)`);
    return fits.map((f) => ({ ...f, lanes: onLanes(f.box, q.ports) }));
  });
  // Every combination of spots with no two names overlapping (a few thousand at most), the best kept: the fewest
  // names on a route, then the fewest route points under names, then the most preferred spots.
  type Pick = (typeof options)[number][number];
  const cost = (picks: readonly Pick[]) => [picks.filter((p) => p.lanes > 0).length, picks.reduce((s, p) => s + p.lanes, 0), picks.reduce((s, p) => s + p.rank, 0)];
  const before = (a: number[], b: number[]) => {
    const i = a.findIndex((v, k) => v !== b[k]);
    return i >= 0 && a[i]! < b[i]!;
  };
  let best: Pick[] | undefined;
  const search = (i: number, picks: Pick[]) => {
    if (i === named.length) {
      if (!best || before(cost(picks), cost(best))) best = [...picks];
      return;
    }
    for (const o of options[i]!) if (!picks.some((p) => overlaps(p.box, o.box))) search(i + 1, [...picks, o]);
  };
  search(0, []);
  if (!best) throw new Error(`[shipping-map] the phone map has no room for the port names at ${scale} px a map unit: they cannot all be placed clear of each other (markup.ts portLabels)`);
  const placed = new Map(named.map((q, i) => [q, best![i]!]));
  return named.map((q) => {
    const { spot, box } = placed.get(q)!;
    return { name: q.name, ports: q.ports.map((p) => p.name), left: pct(q.x, g.width), top: pct(q.y, g.height), spot, box };
  });
}

/** Each route drawn on the map as points (its path's vertices and every `step` units between them) and its two ends, in map units. */
export function routePoints(g: MapGeometry, step = 2): { points: [number, number][]; from: readonly [number, number]; to: readonly [number, number] }[] {
  return g.routes.map((r) => {
    const pts = [...r.d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    const points: [number, number][] = [];
    for (const [j, [x1, y1]] of pts.entries()) {
      const [x0, y0] = pts[Math.max(0, j - 1)]!;
      const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
      for (let t = j ? 1 : 0; t <= n; t++) points.push([x0 + ((x1 - x0) * t) / n, y0 + ((y1 - y0) * t) / n]);
    }
    return { points, from: pts[0] ?? [0, 0], to: pts.at(-1) ?? [0, 0] };
  });
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;

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
export function still(data: ShippingData, g: MapGeometry, labels: Record<string, string>, step: number, width: number, height = 0): Still {
  const s = stateAt(data, step);
  if (s.pane === 'chart') {
    const l = daysChart(data, labels, width, data.speed.value, height);
    return { width: l.width, height: l.height, svg: chartMarkup(l, labels) };
  }
  const countries = s.countries ? g.countries.map((c) => `<path class="sm-country sm-country--${c.id}" style="opacity:1" d="${c.d}"/>`).join('') : '';
  const order = { contrast: 0, old: 1, new: 2 } as const;
  const routes = g.routes
    .filter((r) => s.show.includes(r.id))
    .sort((a, b) => order[a.group] - order[b.group])
    .map((r) => `<path class="sm-route sm-route--${r.group}${s.highlight.includes(r.id) ? '' : ' is-dim'}" d="${r.d}"/>`)
    .join('');
  const dots = g.ports.map((p) => `<circle class="sm-port" cx="${p.x}" cy="${p.y}" r="3"/>`).join('');
  // Names placed as on the live phone map (portLabels), for text `px` units tall.
  const placedNames = (px: number, modifier: string) => {
    const scale = PORT_LABEL_PX / px;
    return portLabels(g, undefined, scale)
      .map((l) => `${nameGround(l.box.x, l.box.y, l.box.w, l.box.h, 1 / scale)}<text class="sm-still-port sm-still-port--${modifier}" x="${r1(l.box.x + 1 / scale)}" y="${r1(l.box.y + l.box.h * 0.72)}">${esc(l.name)}</text>`)
      .join('');
  };
  if (g.graticule) {
    // The phone map (narrow geometry), for a still shown on a phone: the world map's still is
    // 640 units wide and drawn about 310 px wide there, its names about 5 px tall (review,
    // 6 Dec 2026). Names for text NARROW_STILL_PX units tall, which a 280–310 px picture draws at 10.9–12 px.
    const names = placedNames(NARROW_STILL_PX, 'narrow');
    const north = g.north
      ? `<path class="sm-north" transform="translate(${g.north.x},${g.north.y}) rotate(${g.north.angle})" d="M0,-11L5,5L0,2L-5,5Z"/>` +
        `<text class="sm-still-north" x="${g.north.x}" y="${r1(g.north.y + 19)}" text-anchor="middle">${esc(label(labels, 'north', 'shipping-map'))}</text>`
      : '';
    return {
      width: g.width,
      height: g.height,
      svg: `<rect class="sm-ocean" width="${g.width}" height="${g.height}"/><path class="sm-graticule" d="${g.graticule}"/><path class="sm-land" d="${g.land}"/>${countries}${north}<g class="sm-routes">${routes}</g><g class="sm-ports">${dots}${names}</g>`,
    };
  }
  if (height > 0) {
    // A short screen's still (a phone held sideways): the world map drawn SHORT_STILL_WIDTH (468 px) wide,
    // where 12-unit names were 8.8 px; names SHORT_STILL_PX units tall, placed clear of each other and the dots.
    return {
      width: g.width,
      height: g.height,
      svg: `<rect class="sm-ocean" width="${g.width}" height="${g.height}"/><path class="sm-land" d="${g.land}"/>${countries}<g class="sm-routes">${routes}</g><g class="sm-ports">${dots}${placedNames(SHORT_STILL_PX, 'short')}</g>`,
    };
  }
  const ports = wideNames(g);
  return {
    width: g.width,
    height: g.height,
    svg: `<rect class="sm-ocean" width="${g.width}" height="${g.height}"/><path class="sm-land" d="${g.land}"/>${countries}<g class="sm-routes">${routes}</g><g class="sm-ports">${ports}</g>`,
  };
}

/**
 * The world map's ports with their names, drawn into the SVG (on the page they are HTML over the map).
 * Each name takes, of twelve places round its port (above right, above left, below right, below left,
 * level with it, further above and below, level and further off; ports near the right edge try the
 * left first), the one whose ground, the surface colour under it, covers least: the map's edge, a
 * port or a name placed before it, a route, a little against each place further down the list; and
 * near ports keep their north-south order.
 * With one place for all, the grounds of "Shanghai (Yangshan)", "Manzanillo", "Balboa" and
 * "Chancay" hid the stretch of route beside them (the downloads, 7 Dec 2026).
 */
function wideNames(g: MapGeometry): string {
  const FONT = 12;
  const H = 13;
  const PAD = 1.5;
  const routes = g.routes.map(routeSegments);
  /** The names placed so far: their grounds, and where each port and its baseline are. */
  const taken: Box[] = [];
  const named: { x: number; y: number; baseline: number }[] = [];
  return [...g.ports]
    .sort((a, b) => a.y - b.y)
    .map((p) => {
      const w = measureText(p.name, FONT);
      // [left edge of the text, baseline]
      const rightOf = (dy: number, gap = 5) => [p.x + gap, p.y + dy] as const;
      const leftOf = (dy: number, gap = 5) => [p.x - gap - w, p.y + dy] as const;
      const levels = [-5, 14, 4, -18, 27];
      const spots = [...levels, 4].flatMap((dy, i) => {
        const gap = i === levels.length ? 10 : 5; // last, level with the port and further off it
        return p.x > g.width * 0.8 ? [leftOf(dy, gap), rightOf(dy, gap)] : [rightOf(dy, gap), leftOf(dy, gap)];
      });
      const ground = ([x, y]: readonly [number, number]) => ({ x: x - PAD, y: y - 10 - PAD / 2, w: w + 2 * PAD, h: H + PAD });
      /** 0 where the name is clear; else what it would cover: the map's edge, a name or another port, routes. */
      const cost = (spot: readonly [number, number]) => {
        const b = ground(spot);
        let c = b.x < 0 || b.y < 0 || b.x + b.w > g.width || b.y + b.h > g.height ? 1000 : 0;
        for (const t of taken) if (overlaps(t, b)) c += 100;
        for (const q of g.ports) if (q !== p && overlaps({ x: q.x - 4, y: q.y - 4, w: 8, h: 8 }, b)) c += 100;
        for (const segs of routes) if (segs.some(([a, q]) => segmentHitsBox(a, q, b))) c += 3;
        // Names keep their ports' order down the map: a port south of a near one named before it is
        // named below that name (Callao under Chancay, 3 units apart at this scale).
        for (const n of named) if (Math.abs(n.x - p.x) < 60 && p.y > n.y && spot[1] <= n.baseline) c += 50;
        // and a port north of a near one is not named below that one's port (Chancay over Callao's dot).
        for (const q of g.ports) if (q !== p && Math.abs(q.x - p.x) < 60 && q.y > p.y && q.y - p.y < 30 && spot[1] > q.y) c += 50;
        return c;
      };
      // The place that covers least, a little against each place further down the list (a name beside its
      // port's own route end reads better than one two lines below it).
      let at = spots[0]!;
      let best = Infinity;
      for (const [i, spot] of spots.entries()) {
        const c = cost(spot) + i / 2;
        if (c < best) [at, best] = [spot, c];
      }
      const b = ground(at);
      taken.push(b);
      named.push({ x: p.x, y: p.y, baseline: at[1] });
      return `<circle class="sm-port" cx="${p.x}" cy="${p.y}" r="3"/>${nameGround(at[0], at[1] - 10, w, H, PAD)}<text class="sm-still-port" x="${r1(at[0])}" y="${r1(at[1])}">${esc(p.name)}</text>`;
    })
    .join('');
}

/** The route key drawn into the download: font size and row height in map units, swatch length, padding. */
export const DOWNLOAD_KEY = { font: 11, row: 16, swatch: 24, gap: 6, pad: 6, margin: 8 } as const;

/** A route's path as its straight pieces: the numbers of its `d` in pairs (geoPath writes M, L and Z only), each to the next. */
function routeSegments(r: { d: string }): (readonly [readonly [number, number], readonly [number, number]])[] {
  const n = (r.d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const pts: [number, number][] = [];
  for (let i = 0; i + 1 < n.length; i += 2) pts.push([n[i]!, n[i + 1]!]);
  return pts.slice(1).map((q, i) => [pts[i]!, q] as const);
}

/**
 * Where the download's route key goes: along the map's foot, the first place from the left where
 * its box (and 6 units round it) crosses no route and holds no port; null if none.
 */
export function downloadKeyBox(g: MapGeometry, items: readonly string[]): Box | null {
  const k = DOWNLOAD_KEY;
  const w = Math.ceil(Math.max(...items.map((t) => measureText(t, k.font)))) + k.swatch + k.gap + 2 * k.pad;
  const h = items.length * k.row + 2 * k.pad - 2;
  const y = g.height - k.margin - h;
  const segments = g.routes.flatMap(routeSegments);
  for (let x = k.margin; x + w <= g.width - k.margin; x += 4) {
    const room = { x: x - 6, y: y - 6, w: w + 12, h: h + 12 };
    const clear = !segments.some(([a, q]) => segmentHitsBox(a, q, room)) && !g.ports.some((p) => p.x >= room.x && p.x <= room.x + room.w && p.y >= room.y && p.y <= room.y + room.h);
    if (clear) return { x, y, w, h };
  }
  return null;
}

/**
 * The picture a newsroom downloads (/files/shipping-map.svg and .png, and the social card): the
 * world map with every route whole, every port named and the route key drawn in, so it reads on
 * its own. The page's map has its names and key in HTML over and under the SVG, and the download,
 * made from that SVG, had none of them (closing note of 7 Dec 2026).
 */
export function downloadMarkup(g: MapGeometry, keyItems: readonly (readonly [group: 'new' | 'old' | 'contrast', text: string])[]): string {
  const order = { contrast: 0, old: 1, new: 2 } as const;
  const routes = [...g.routes]
    .sort((a, b) => order[a.group] - order[b.group])
    .map((r) => `<path class="sm-route sm-route--${r.group}" pathLength="1" d="${r.d}"/>`)
    .join('');
  const box = downloadKeyBox(g, keyItems.map(([, t]) => t));
  if (!box) throw new Error('[shipping-map] the download has no room for its route key along the map\'s foot');
  const k = DOWNLOAD_KEY;
  const key =
    `<g class="sm-download-key"><rect class="sm-still-portground" x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="3"/>` +
    keyItems
      .map(([group, text], i) => {
        const cy = box.y + k.pad + i * k.row + k.row / 2 - 1;
        const x = box.x + k.pad;
        return `<path class="sm-route sm-route--${group}" pathLength="1" d="M${x},${cy}H${x + k.swatch}"/><text class="sm-download-key__text" x="${x + k.swatch + k.gap}" y="${r1(cy + k.font * 0.35)}">${esc(text)}</text>`;
      })
      .join('') +
    `</g>`;
  return `<rect class="sm-ocean" width="${g.width}" height="${g.height}"/><path class="sm-land" d="${g.land}"/><g class="sm-routes">${routes}</g><g class="sm-ports">${wideNames(g)}</g>${key}`;
}
