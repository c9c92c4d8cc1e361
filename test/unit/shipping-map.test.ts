/**
 * The shipping map's numbers: route lengths against the great-circle and
 * sea-lane figures published for them (sea-routes.json `checks`), routes that stay at sea, days as a function
 * of speed, step states, and the build-time map geometry.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { geoContains, geoInterpolate } from 'd3-geo';
import {
  prep,
  prepRoute,
  legNm,
  routeNm,
  greatCircleNm,
  days,
  routeDays,
  speedFor,
  stateAt,
  drawnFraction,
  DEFAULT_SPEED_KN,
  type RouteRow,
  type TradeRow,
} from '../../src/viz/shipping-map/prep';
import { land, mapGeometry, MAP_W } from '../../src/viz/shipping-map/basemap';
import { chartLayout, FILL_MAX, KEY_PX } from '../../src/viz/shipping-map/geometry';
import { fill, chartMarkup, daysChart, portLabels, legendKeyBox, spotBox, LABEL_SPOTS, OVER_KEY, PAIR_UNITS, PHONE_MAP_MIN_SCALE, type Box } from '../../src/viz/shipping-map/markup';
import { measureText } from '../../src/lib/text';
import { parseCsv } from '../../src/lib/csv';
import { figureLabels } from './figure-labels';

const rows = JSON.parse(readFileSync('content/data/sea-routes.json', 'utf8')) as RouteRow[];
const trade: TradeRow[] = readFileSync('content/data/trade.csv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [id, label, value, unit, year] = l.split(',');
    return { id: id!, label: label!, value: Number(value), unit: unit!, year: Number(year), source: [], confidence: 'H' };
  });
const facts = parseCsv(readFileSync('content/data/facts.csv', 'utf8'), 'facts.csv').rows.map(({ values: v }) => ({ id: v.id!, display: v.display!, source: v.source!.split(';') }));
const data = prep(rows, trade, facts);
const byId = (id: string) => rows.find((r) => r.id === id)!;
const at = (r: RouteRow, name: string): [number, number] => {
  const w = r.waypoints.find((x) => x.name === name);
  if (!w) throw new Error(`no waypoint ${name} in ${r.id}`);
  return [w.lon, w.lat];
};

/** Tolerances, stated: a hand-placed sea lane may be up to 15% longer than the great circle. */
const SEA_LANE_OVER_GC = 0.15;
/** Our great circle between the stated port positions vs the published great-circle figure (`checks`). */
const GC_TOLERANCE = 0.01;
/** Our waypoint route vs the published sea-lane network figures (`checks`; a different network). */
const SEA_LANE_TOLERANCE = 0.1;

// Each edition's copy of the figure.
const { en, es } = figureLabels('shipping-map');

describe('route lengths against the published distances (sea-routes.json checks)', () => {
  const checks = rows.flatMap((r) => r.checks.map((c) => ({ route: r, ...c })));
  it('covers every published distance the story quotes', () => {
    const legs = checks.map((c) => `${c.from}–${c.to}:${c.nm}`);
    for (const want of ['Chancay–Shanghai (Yangshan):9237', 'Callao–Shanghai (Yangshan):9262', 'Manzanillo–Shanghai (Yangshan):6798', 'Long Beach–Shanghai (Yangshan):5649', 'Callao–New York:3411', 'Callao–Manzanillo:2571'])
      expect(legs).toContain(want);
  });
  it.each(checks.filter((c) => c.method === 'great-circle').map((c) => [`${c.from} → ${c.to}`, c] as const))(
    'great circle %s: the port positions reproduce the published figure within 1%, and the sea lane is longer by at most 15%',
    (_, c) => {
      const gc = greatCircleNm(at(c.route, c.from), at(c.route, c.to));
      expect(Math.abs(gc - c.nm) / c.nm).toBeLessThan(GC_TOLERANCE);
      const lane = legNm(c.route, c.from, c.to);
      expect(lane).toBeGreaterThanOrEqual(gc);
      expect(lane).toBeLessThanOrEqual(c.nm * (1 + SEA_LANE_OVER_GC));
    },
  );
  it.each(checks.filter((c) => c.method === 'sea-lane').map((c) => [`${c.from} → ${c.to}`, c] as const))(
    'sea lane %s is within 10% of the published sea-lane network figure',
    (_, c) => {
      const lane = legNm(c.route, c.from, c.to);
      expect(Math.abs(lane - c.nm) / c.nm).toBeLessThan(SEA_LANE_TOLERANCE);
    },
  );
  it('every whole route is at least as long as the great circle between its end ports', () => {
    for (const r of rows) {
      const w = r.waypoints;
      expect(routeNm(r)).toBeGreaterThanOrEqual(greatCircleNm([w[0]!.lon, w[0]!.lat], [w.at(-1)!.lon, w.at(-1)!.lat]));
    }
  });
  it('Chancay is not meaningfully closer to Shanghai than Callao (less than 1% apart)', () => {
    const a = routeNm(byId('chancay-shanghai'));
    const b = routeNm(byId('callao-shanghai'));
    expect(Math.abs(a - b) / b).toBeLessThan(0.01);
  });
});

describe('routes stay at sea', () => {
  const world = land();
  const STEP_KM = 25;
  /** Within this distance of a port the coarse 110m coastline may put a harbour on land. */
  const PORT_KM = 30;
  const KM_PER_NM = 1.852;

  /** Sampled points of a route that fall on land, skipping port approaches and the canal segment. */
  function onLand(r: RouteRow): [number, number][] {
    const ports = r.waypoints.filter((w) => w.port).map((w) => [w.lon, w.lat] as [number, number]);
    const hits: [number, number][] = [];
    for (let i = 0; i < r.waypoints.length - 1; i++) {
      const a = r.waypoints[i]!;
      const b = r.waypoints[i + 1]!;
      // The Panama Canal crosses the isthmus by definition.
      if (r.canal && a.name === r.canal[0] && b.name === r.canal[1]) continue;
      const pa: [number, number] = [a.lon, a.lat];
      const pb: [number, number] = [b.lon, b.lat];
      const n = Math.max(2, Math.ceil((greatCircleNm(pa, pb) * KM_PER_NM) / STEP_KM));
      const f = geoInterpolate(pa, pb);
      for (let k = 0; k <= n; k++) {
        const p = f(k / n) as [number, number];
        if (ports.some((q) => greatCircleNm(p, q) * KM_PER_NM < PORT_KM)) continue;
        if (geoContains(world, p)) hits.push(p);
      }
    }
    return hits;
  }

  it('the land test catches a crossing: the bare great circle Chancay → Shanghai runs over Mexico and Japan', () => {
    const r = byId('chancay-shanghai');
    const bare = { ...r, waypoints: [r.waypoints[0]!, r.waypoints.at(-1)!] };
    expect(onLand(bare).length).toBeGreaterThan(10);
  });
  it.each(rows.map((r) => [r.id, r] as const))('%s: no sampled point (every ~25 km) is on land', (_, r) => {
    expect(onLand(r)).toEqual([]);
  });
  it('only the Panama route skips a segment, and that segment is the canal', () => {
    const withCanal = rows.filter((r) => r.canal);
    expect(withCanal.map((r) => r.id)).toEqual(['callao-panama-newyork']);
    const r = withCanal[0]!;
    expect(greatCircleNm(at(r, 'Balboa'), at(r, 'Colón')) * KM_PER_NM).toBeLessThan(80);
  });
});

describe('days as a function of speed', () => {
  it('is distance / (knots × 24) plus stop days', () => {
    expect(days(9237, 0, 16.7)).toBeCloseTo(23.05, 1);
    expect(days(336, 2, 14)).toBeCloseTo(3, 10);
    expect(() => days(100, 0, 0)).toThrow(/speed/);
  });
  it('halving the speed doubles the sailing time, not the stops', () => {
    const r = data.routes.find((x) => x.stopDays > 0)!;
    const sea = (kn: number) => routeDays(r, kn) - r.stopDays;
    expect(sea(10) / sea(20)).toBeCloseTo(2, 10);
  });
  it('every route gets faster as the slider moves from 12 to 20 knots', () => {
    for (const r of data.routes) {
      let prev = Infinity;
      for (let kn = 12; kn <= 20; kn += 0.5) {
        const d = routeDays(r, kn);
        expect(d).toBeLessThan(prev);
        prev = d;
      }
    }
  });
  it('the reported 23 days Chancay → Shanghai takes an average of 16.5–17.5 knots on our route (the transit-knots fact: 16.7 on the great circle)', () => {
    const r = data.routes.find((x) => x.id === 'chancay-shanghai')!;
    const kn = speedFor(r, 23);
    expect(kn).toBeGreaterThan(16.5);
    expect(kn).toBeLessThan(17.5);
    expect(routeDays(r, kn)).toBeCloseTo(23, 6);
  });
  it('at the default 14 knots, distance alone does not reach the reported 35 days on any routing to Shanghai', () => {
    for (const r of data.routes.filter((x) => x.group !== 'contrast')) expect(routeDays(r, DEFAULT_SPEED_KN)).toBeLessThan(35);
  });
  it('stop days come from the data file', () => {
    expect(prepRoute(byId('callao-manzanillo-shanghai')).stopDays).toBe(byId('callao-manzanillo-shanghai').stops[0]!.days);
    expect(prepRoute(byId('chancay-shanghai')).stopDays).toBe(0);
  });
});

describe('step states', () => {
  it('has five steps: exports, old routes, new route, chart, Panama', () => {
    expect(data.steps.map((s) => s.pane)).toEqual(['map', 'map', 'map', 'chart', 'map']);
    expect(stateAt(data, 1).show).toEqual(['callao-shanghai', 'callao-manzanillo-shanghai', 'callao-longbeach-shanghai']);
    expect(stateAt(data, 2).highlight).toEqual(['chancay-shanghai']);
    expect(stateAt(data, 4).highlight).toEqual(['callao-panama-newyork']);
  });
  it('before the first step draws the first state; past the last, the last', () => {
    expect(stateAt(data, -1)).toEqual(stateAt(data, 0));
    expect(stateAt(data, 9)).toEqual(stateAt(data, 4));
  });
  it('routes draw along their length with progress, whole under reduced motion, whole once their step is past', () => {
    const id = 'chancay-shanghai';
    expect(drawnFraction(data, id, 1, 0.5, false)).toBe(0);
    expect(drawnFraction(data, id, 2, 0, false)).toBe(0);
    expect(drawnFraction(data, id, 2, 0.3, false)).toBeCloseTo(0.5, 10);
    expect(drawnFraction(data, id, 2, 0.9, false)).toBe(1);
    expect(drawnFraction(data, id, 2, 0, true)).toBe(1);
    expect(drawnFraction(data, id, 4, 0, false)).toBe(1);
  });
  it('is a pure function of (step, progress): same inputs, same picture, in any order', () => {
    const pic = (s: number, p: number) => data.routes.map((r) => drawnFraction(data, r.id, s, p, false));
    const a = pic(2, 0.4);
    pic(4, 1);
    pic(0, 0);
    expect(pic(2, 0.4)).toEqual(a);
  });
});

describe('reported transit times', () => {
  it("are the facts the prose quotes (facts.csv), one number typed once, with the facts' sources", () => {
    const got = Object.fromEntries(data.reported.map((r) => [r.id, [r.min, r.max, r.source.join(';')]]));
    expect(got).toEqual({ 'reported-chancay': [23, 23, 'xinhua'], 'reported-before': [35, 40, 'shanghai-gov-2025-12-09'] });
  });
  it('change with the fact, and a missing fact or a display with no days fails naming the fact', () => {
    const edited = facts.map((f) => (f.id === 'before-chancay-days' ? { ...f, display: '30 to 45 days' } : f));
    expect(prep(rows, trade, edited).reported[1]).toMatchObject({ min: 30, max: 45 });
    expect(() => prep(rows, trade, facts.filter((f) => f.id !== 'chancay-shanghai-days'))).toThrow(/no fact "chancay-shanghai-days"/);
    const wordy = facts.map((f) => (f.id === 'chancay-shanghai-days' ? { ...f, display: 'about three weeks' } : f));
    expect(() => prep(rows, trade, wordy)).toThrow(/chancay-shanghai-days.*about three weeks/);
  });
  it('a reported row without its label in figures.yaml fails instead of falling back to English', () => {
    expect(() => chartLayout(data, 600, 14, 'Reported', { 'reported-chancay': 'Chancay → Shanghai' })).toThrow(/missing label "reported-before"/);
  });
});

describe('chart and labels', () => {
  it('bars are proportional to days, and the saving is the slowest old routing minus the direct one', () => {
    const l = chartLayout(data, 600, 14, 'Reported', { 'reported-chancay': 'Chancay → Shanghai (Xinhua)', 'reported-before': 'Before Chancay (Shanghai Customs)' });
    const direct = l.rows.find((r) => r.id === 'chancay-shanghai')!;
    const manz = l.rows.find((r) => r.id === 'callao-manzanillo-shanghai')!;
    expect((manz.seaW + manz.stopW) / (direct.seaW + direct.stopW)).toBeCloseTo(manz.days / direct.days, 6);
    const old = data.routes.filter((r) => r.group === 'old').map((r) => routeDays(r, 14));
    expect(l.saved).toBeCloseTo(Math.max(...old) - routeDays(data.routes[0]!, 14), 6);
    expect(chartMarkup(l, { daysUnit: 'days', axis: 'days' })).toContain('27.8 days');
  });
  it("names the reported rows from the figure's labels, so the Spanish chart says them in Spanish", () => {
    const es = chartLayout(data, 600, 14, 'Informado', { 'reported-chancay': 'Chancay → Shanghái (Xinhua)', 'reported-before': 'Antes de Chancay (Aduana de Shanghái)' });
    const names = es.rows.filter((r) => r.reported).map((r) => r.label);
    expect(names).toEqual(['Informado: Chancay → Shanghái (Xinhua)', 'Informado: Antes de Chancay (Aduana de Shanghái)']);
    expect(chartMarkup(es, { daysUnit: 'días', axis: 'días' })).not.toMatch(/Before Chancay|Reported/);
  });

  const lastRowBottom = (l: ReturnType<typeof chartLayout>) => Math.max(...l.rows.map((r) => r.y + 18 + l.barH + 4));

  it('draws its key inside the picture, under the rows and clear of the ticks, wrapped to the width in either edition', () => {
    expect(es['chartDesc']).not.toBe(en['chartDesc']);
    for (const [edition, L] of [['en', en], ['es', es]] as const)
      for (const w of [280, 300, 320, 350, 390, 420, 700]) {
        const l = daysChart(data, L, w, 14);
        const where = `${edition} ${w}px`;
        expect(l.key.lines.join(' '), where).toBe(L['chartDesc']);
        for (const line of l.key.lines) expect(measureText(line, KEY_PX), `${where}: "${line}"`).toBeLessThanOrEqual(w - l.left);
        // The key's first line sits below the last row and the ticks' lines; its last line ends inside the picture.
        expect(l.key.y - KEY_PX, where).toBeGreaterThanOrEqual(Math.max(lastRowBottom(l), l.plotBottom - 4));
        expect(l.key.y + (l.key.lines.length - 1) * l.key.lineH + 4, where).toBeLessThanOrEqual(l.height);
        const svg = chartMarkup(l, L);
        expect(svg.match(/<tspan /g)?.length, where).toBe(l.key.lines.length);
      }
    // The width check can fail: the key unwrapped is wider than a phone's chart in either edition.
    for (const L of [en, es]) expect(measureText(L['chartDesc']!, KEY_PX)).toBeGreaterThan(350);
    expect(chartLayout(data, 350, 14, 'Reported', en).key.lines).toEqual([]);
  });

  it('fills the height the phone stage gives it (rows spread, bars thicken), never beyond its stretch limit, and never shrinks', () => {
    for (const [edition, L] of [['en', en], ['es', es]] as const)
      for (const w of [320, 350, 420]) {
        const natural = daysChart(data, L, w, 14);
        const where = `${edition} ${w}px`;
        // Less room than it needs: the natural layout (the page scales it down whole, never crops it).
        expect(daysChart(data, L, w, 14, natural.height - 50).height, where).toBe(natural.height);
        // Some more room: the chart fills it (to the pixel), with thicker bars and every row still in order.
        const room = natural.height + 60;
        const filled = daysChart(data, L, w, 14, room);
        expect(Math.abs(filled.height - room), where).toBeLessThanOrEqual(1);
        expect(filled.barH, where).toBeGreaterThan(natural.barH);
        for (const [i, r] of filled.rows.entries()) if (i) expect(r.y - filled.rows[i - 1]!.y, where).toBeGreaterThanOrEqual(natural.rows[i]!.y - natural.rows[i - 1]!.y);
        expect(filled.key.y - KEY_PX, where).toBeGreaterThanOrEqual(lastRowBottom(filled));
        // Far more room: the rows stop at FILL_MAX times their pitch; the chart is shorter than its box.
        const tall = daysChart(data, L, w, 14, natural.height * 4);
        expect(tall.rows[1]!.y - tall.rows[0]!.y, where).toBeCloseTo((natural.rows[1]!.y - natural.rows[0]!.y) * FILL_MAX, 6);
        expect(tall.height, where).toBeLessThan(natural.height * 4);
        // Bars keep their proportions whatever the height.
        expect(tall.rows.map((r) => r.seaW), where).toEqual(natural.rows.map((r) => r.seaW));
      }
  });

  it('fills label templates with computed numbers and fails loudly on unknown ids', () => {
    const s = fill('{nm:chancay-shanghai} nm, {days:chancay-shanghai} days at {speed} kn; {trade:exports-china} bn; {speedfor23:chancay-shanghai} kn', data, 14);
    expect(s).toMatch(/^9,3\d\d nm, <span data-days="chancay-shanghai">27\.\d<\/span> days at <span data-speed>14<\/span> kn; 23\.2 bn; 16\.\d kn$/);
    expect(() => fill('{days:nowhere}', data, 14)).toThrow(/unknown route/);
    expect(() => fill('{trade:nothing}', data, 14)).toThrow(/unknown trade/);
  });
  it('writes a trade figure as money to a tenth of a billion in either edition, as the prose does (23.2, not 23)', async () => {
    expect(fill('{usd:exports-china}', data, 14)).toBe('US$23.2 bn');
    const i18n = await import('../../src/lib/i18n');
    i18n.setEdition('es');
    try {
      expect(fill('{usd:exports-china}', data, 14)).toBe('US$23,200 millones');
    } finally {
      i18n.setEdition('en');
    }
  });
});

describe('build-time map', () => {
  const g = mapGeometry(rows);
  it('is Pacific-centred: Shanghai on the left, Peru on the right, every route one unbroken line', () => {
    const x = (n: string) => g.ports.find((p) => p.name === n)!.x;
    expect(x('Shanghai (Yangshan)')).toBeLessThan(MAP_W * 0.25);
    expect(x('Chancay')).toBeGreaterThan(MAP_W * 0.75);
    for (const r of g.routes) expect(r.d.match(/M/g)?.length).toBe(1);
    for (const p of g.ports) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(g.width);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(g.height);
    }
  });
  it('ships rounded path strings, not TopoJSON, within a size budget', () => {
    expect(g.land).toMatch(/^M[\d.,LZM-]+$/);
    expect(g.land).not.toMatch(/\.\d\d/);
    const bytes = g.land.length + g.countries.reduce((s, c) => s + c.d.length, 0) + g.routes.reduce((s, r) => s + r.d.length, 0);
    expect(bytes).toBeLessThan(45_000);
  });
});

describe('the phone map (basemap.ts NARROW)', () => {
  const g = mapGeometry(rows, 'narrow');
  const port = (n: string) => g.ports.find((p) => p.name === n)!;
  it('is about as tall as it is wide, so it fills a phone stage instead of a strip', () => {
    expect(g.height / g.width).toBeGreaterThan(0.85);
    expect(g.height / g.width).toBeLessThan(1.2);
  });
  it('runs corner to corner: Shanghai upper left, Peru lower right, every port on the map, every route one line', () => {
    expect(port('Shanghai (Yangshan)').x).toBeLessThan(g.width * 0.25);
    expect(port('Shanghai (Yangshan)').y).toBeLessThan(g.height * 0.25);
    expect(port('Chancay').x).toBeGreaterThan(g.width * 0.75);
    expect(port('Chancay').y).toBeGreaterThan(g.height * 0.75);
    for (const r of g.routes) expect(r.d.match(/M/g)?.length).toBe(1);
    for (const p of g.ports) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(g.width);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(g.height);
    }
    expect(g.graticule).toMatch(/^M/);
    expect(Math.abs(g.north!.angle)).toBeGreaterThan(5);
  });
  it('places every port name, in either edition, on the map and off every other name, dot and the route key, on the smallest phone map', () => {
    const esRoutes = JSON.parse(readFileSync('content/data/es/sea-routes.json', 'utf8')) as { id: string; waypoints: { name: string }[] }[];
    const spanish = new Map<string, string>();
    for (const r of rows) {
      const t = esRoutes.find((x) => x.id === r.id)!;
      r.waypoints.forEach((w, i) => spanish.set(w.name, t.waypoints[i]!.name));
    }
    const legend = (lang: string) => ['legendNewShort', 'legendOldShort', 'legendContrastShort'].map((k) => (lang === 'es' ? es : en)[k] ?? '');
    const hit = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    /** The first route point (sampled every map unit along each drawn segment) inside `box`, if any. */
    const routeUnder = (box: Box, skip: (x: number, y: number) => boolean = () => false) => {
      for (const r of g.routes) {
        const pts = [...r.d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
        for (const [j, [x1, y1]] of pts.entries()) {
          const [x0, y0] = pts[Math.max(0, j - 1)]!;
          const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
          for (let t = 0; t <= n; t++) {
            const x = x0 + ((x1 - x0) * t) / n;
            const y = y0 + ((y1 - y0) * t) / n;
            if (x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h && !skip(x, y)) return `${r.id} at ${x.toFixed(0)},${y.toFixed(0)}`;
          }
        }
      }
      return undefined;
    };
    for (const [lang, names] of [['en', g.ports], ['es', g.ports.map((p) => ({ ...p, name: spanish.get(p.name) ?? p.name }))]] as const) {
      const items = legend(lang);
      expect(items.every((t) => t.length > 3), `${lang} route key read from figures.yaml`).toBe(true);
      const key = legendKeyBox(items, g.width);
      const placed = portLabels({ ...g, ports: names }, key);
      // Every port is named once; the ports that are one dot at this size (closer than PAIR_UNITS) share a name.
      expect(placed.flatMap((a) => a.ports).sort(), lang).toEqual(names.map((p) => p.name).sort());
      expect(placed.map((a) => a.name), lang).toEqual(expect.arrayContaining(['Chancay / Callao', 'Colón / Balboa']));
      for (const [i, a] of placed.entries()) {
        expect(a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.w <= g.width && a.box.y + a.box.h <= g.height, `${a.name} on the map`).toBe(true);
        expect(hit(a.box, key), `${a.name} off the key`).toBe(false);
        for (const b of placed.slice(i + 1)) expect(hit(a.box, b.box), `${a.name} / ${b.name}`).toBe(false);
        for (const p of names) expect(hit(a.box, { x: p.x - 3, y: p.y - 3, w: 6, h: 6 }), `${a.name} on ${p.name}'s dot`).toBe(false);
      }
      // The key hides no route and not the north arrow: every route drawn, sampled every unit, stays out of its box.
      expect(routeUnder(key), lang).toBeUndefined();
    }
    // The checks can fail: a box over the lower right (the Peruvian coast) is on routes; a name as long as the map has no room, and the build says which.
    expect(routeUnder({ x: g.width - 60, y: g.height - 60, w: 60, h: 60 })).toMatch(/^chancay-shanghai at /);
    expect(() => portLabels({ ...g, ports: g.ports.map((p) => ({ ...p, name: 'Puerto con un nombre larguísimo, más largo que el mapa entero' })) }, legendKeyBox(legend('es'), g.width))).toThrow(
      /no room for the name "Puerto con un nombre larguísimo/,
    );
  });
  it('sets a name on a route only where it has no free spot, at the sizes phones draw the map', () => {
    // A name's outline cuts the line under it where the reader follows a route. A route's first PAIR_UNITS
    // from a name's own port do not count: it leaves from the dot. The map's own route line, sampled every
    // unit, independently of portLabels' sampling.
    const routes = g.routes.map((r) => {
      const v = [...r.d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
      const pts = v.flatMap(([x1, y1], j) => {
        const [x0, y0] = v[Math.max(0, j - 1)]!;
        const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
        return Array.from({ length: n + 1 }, (_, t) => [x0 + ((x1 - x0) * t) / n, y0 + ((y1 - y0) * t) / n] as const);
      });
      return { pts, ends: [v[0]!, v.at(-1)!] };
    });
    // Route points under a box, but for the first PAIR_UNITS of a route that starts or ends at one of `own`'s ports.
    const under = (b: Box, own: readonly string[]) =>
      routes.reduce((n, r) => {
        const from = g.ports.filter((p) => own.includes(p.name) && r.ends.some(([x, y]) => Math.hypot(p.x - x, p.y - y) < 2));
        return n + r.pts.filter(([x, y]) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h && !from.some((p) => Math.hypot(p.x - x, p.y - y) < PAIR_UNITS)).length;
      }, 0);
    const hit = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    let onRoute = 0;
    for (const scale of [PHONE_MAP_MIN_SCALE, 0.68, 0.8, 1]) {
      const key = legendKeyBox(['New route', 'Old routes', 'Via Panama'], g.width, scale);
      const placed = portLabels(g, key, scale);
      for (const a of placed) {
        if (!under(a.box, a.ports)) continue;
        onRoute++;
        // A name on a route had no better place: every other spot around its dot is off the map, on the key, a dot,
        // another name, or a route too.
        const own = g.ports.filter((p) => a.ports.includes(p.name));
        const [x, y] = [own.reduce((s, p) => s + p.x, 0) / own.length, own.reduce((s, p) => s + p.y, 0) / own.length];
        for (const spot of LABEL_SPOTS) {
          const b = spotBox(spot, x, y, a.box.w, scale);
          const blocked =
            b.x < 0 || b.y < 0 || b.x + b.w > g.width || b.y + b.h > g.height || hit(b, key) ||
            g.ports.some((p) => hit(b, { x: p.x - 3, y: p.y - 3, w: 6, h: 6 })) || placed.some((o) => o !== a && hit(o.box, b));
          expect(blocked || under(b, a.ports) > 0, `"${a.name}" at ${scale} px a unit is on a route, where ${spot} of its dot is free`).toBe(true);
        }
      }
    }
    // Some are (Colón / Balboa: the Pacific routes pass just west of the canal, and east is off the map), so the check ran.
    expect(onRoute).toBeGreaterThan(0);
    // The placement does move a name off a route: a lane just east of a lone port sends its name west, not to its first choice, east.
    const lone = { ...g, ports: [{ name: 'Puerto', x: 180, y: 180 }], routes: [{ id: 'lane', group: 'new', d: 'M200,100L200,260' }] } as typeof g;
    expect(portLabels(lone, { x: 0, y: 0, w: 0, h: 0 }, 1)[0]!.spot).toBe('w');
    expect(portLabels({ ...lone, routes: [] }, { x: 0, y: 0, w: 0, h: 0 }, 1)[0]!.spot).toBe('e');
  });
  it('draws the key no wider than its longest item, so the names have the rest of the map', () => {
    const key = legendKeyBox(['New route', 'Old routes', 'Via Panama'], g.width);
    expect(key.w * PHONE_MAP_MIN_SCALE).toBeGreaterThan(measureText('Via Panama', OVER_KEY.font * 16));
    expect(key.w * PHONE_MAP_MIN_SCALE).toBeLessThan(OVER_KEY.maxWidth * 16);
    expect(key.x + key.w).toBe(g.width);
    // A longer item makes it wider, up to its cap, and wraps (taller).
    const long = legendKeyBox(['New route from the port of Chancay, direct to Shanghai', 'Old routes', 'Via Panama'], g.width);
    expect(long.w).toBeGreaterThan(key.w);
    expect(long.w * PHONE_MAP_MIN_SCALE).toBeLessThanOrEqual(OVER_KEY.maxWidth * 16);
    expect(long.h).toBeGreaterThan(key.h);
  });
});
