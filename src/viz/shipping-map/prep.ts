/**
 * Sea routes from content/data/sea-routes.json and Peru's export figures from
 * content/data/trade.csv -> the lengths, days and step states the shipping map
 * draws. Pure; d3-geo only for great-circle distances. Runs at build time; the
 * browser gets the result as JSON and recomputes days when the reader changes
 * the ship's speed.
 */
import { geoDistance } from 'd3-geo';

/** Mean Earth radius in nautical miles (6,371 km / 1.852). */
export const EARTH_RADIUS_NM = 3440.065;
/** The slider's default: a container ship's service speed of about 14 knots, inside the 12–20 knots of the `service-speed` fact (content/data/facts.csv). */
export const DEFAULT_SPEED_KN = 14;
export const MIN_SPEED_KN = 12;
export const MAX_SPEED_KN = 20;

export interface Waypoint {
  name: string;
  lon: number;
  lat: number;
  port?: boolean | undefined;
  note: string;
}
export interface Stop {
  at: string;
  days: number;
  what: string;
  note: string;
}
export interface Check {
  from: string;
  to: string;
  nm: number;
  method: 'great-circle' | 'sea-lane';
}
export interface RouteRow {
  id: string;
  label: string;
  short: string;
  group: 'new' | 'old' | 'contrast';
  source: string[];
  confidence: string;
  checks: Check[];
  note: string;
  stops: Stop[];
  /** Names of the two waypoints between which the route crosses land by design (a canal). */
  canal?: string[] | undefined;
  waypoints: Waypoint[];
}
export interface TradeRow {
  id: string;
  label: string;
  value: number;
  unit: string;
  year: number;
  source: string[];
  confidence: string;
  note?: string | undefined;
}

/** A route as the browser needs it: no coordinates, just the numbers. */
export interface Route {
  id: string;
  label: string;
  short: string;
  group: RouteRow['group'];
  /** Sea distance along the waypoints, nautical miles. */
  nm: number;
  /** Port, transshipment and canal days added to the sailing time. */
  stopDays: number;
  stops: { at: string; days: number; what: string }[];
  from: string;
  to: string;
}
export interface Reported {
  /** The row's id; its name is the figure's label of that id (figures.yaml `reported-chancay`, `reported-before`). */
  id: string;
  min: number;
  max: number;
  /** Source ids (content/data/sources.csv), the fact's. */
  source: string[];
}
/** A row of content/data/facts.csv, as far as the chart needs it. */
export interface FactLike {
  id: string;
  display: string;
  source: string[];
}
/**
 * The reported transit times the computed days are compared with, each the fact the prose quotes
 * (content/data/facts.csv), so the chart and the text show one number typed once: the chart's row id
 * and the fact it draws.
 */
export const REPORTED_FACTS = { 'reported-chancay': 'chancay-shanghai-days', 'reported-before': 'before-chancay-days' } as const;

/** A reported row from its fact: the first and last number of the fact's English display ("35 to 40 days"). */
export function reportedFrom(id: string, fact: FactLike | undefined, factId: string): Reported {
  if (!fact) throw new Error(`[shipping-map] content/data/facts.csv has no fact "${factId}" (the chart's reported row "${id}")`);
  // (A local pattern, not lib/i18n/facts: this module also runs in the browser, which needs no edition tables.)
  const n = [...fact.display.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));
  if (!n.length || n.length > 2) throw new Error(`[shipping-map] content/data/facts.csv: fact "${factId}" display "${fact.display}" should give one number of days or a range`);
  return { id, min: n[0]!, max: n[n.length - 1]!, source: fact.source };
}
export interface StepState {
  /** Routes drawn (animated in during this step when not already drawn). */
  show: string[];
  /** Routes drawn in full colour; the others are dimmed. */
  highlight: string[];
  /** Routes that draw themselves along their length with the step's progress. */
  animate: string[];
  /** Which pane is in front: the map or the days chart. */
  pane: 'map' | 'chart';
  /** Countries shaded on the map. */
  countries: boolean;
  /** Annotation key in the figure's labels. */
  note: string;
}
export interface ShippingData {
  routes: Route[];
  reported: Reported[];
  trade: Record<string, number>;
  steps: StepState[];
  speed: { min: number; max: number; value: number; step: number };
}

type LonLat = [number, number];
const ll = (w: Waypoint): LonLat => [w.lon, w.lat];

/** Great-circle distance between two points in nautical miles. */
export function greatCircleNm(a: LonLat, b: LonLat): number {
  return geoDistance(a, b) * EARTH_RADIUS_NM;
}

/** Length of a waypoint path: the sum of its great-circle segments, in nautical miles. */
export function pathNm(points: readonly LonLat[]): number {
  let nm = 0;
  for (let i = 1; i < points.length; i++) nm += greatCircleNm(points[i - 1]!, points[i]!);
  return nm;
}

/** Length between two named waypoints of a route (first occurrence of `from`, last of `to`). */
export function legNm(route: RouteRow, from: string, to: string): number {
  const i = route.waypoints.findIndex((w) => w.name === from);
  const j = route.waypoints.map((w) => w.name).lastIndexOf(to);
  if (i < 0 || j < 0 || j <= i) throw new Error(`[shipping-map] route ${route.id} has no leg ${from} -> ${to}`);
  return pathNm(route.waypoints.slice(i, j + 1).map(ll));
}

export function routeNm(route: RouteRow): number {
  return pathNm(route.waypoints.map(ll));
}

/** Days at sea plus stop days: nm / (knots x 24 h) + stops. */
export function days(nm: number, stopDays: number, speedKn: number): number {
  if (!(speedKn > 0)) throw new Error(`[shipping-map] speed must be positive, got ${speedKn}`);
  return nm / (speedKn * 24) + stopDays;
}

export const routeDays = (r: Route, speedKn: number) => days(r.nm, r.stopDays, speedKn);

/** The average speed at which a route's sailing time equals `targetDays`. */
export function speedFor(r: Route, targetDays: number): number {
  return r.nm / ((targetDays - r.stopDays) * 24);
}

export function prepRoute(row: RouteRow): Route {
  const ports = row.waypoints.filter((w) => w.port);
  return {
    id: row.id,
    label: row.label,
    short: row.short,
    group: row.group,
    nm: Math.round(routeNm(row)),
    stopDays: row.stops.reduce((s, x) => s + x.days, 0),
    stops: row.stops.map(({ at, days, what }) => ({ at, days, what })),
    from: ports[0]?.name ?? '',
    to: ports[ports.length - 1]?.name ?? '',
  };
}

export function prep(rows: RouteRow[], trade: TradeRow[], facts: FactLike[]): ShippingData {
  const routes = rows.map(prepRoute);
  const ids = (g: RouteRow['group']) => routes.filter((r) => r.group === g).map((r) => r.id);
  const [newer, old, contrast] = [ids('new'), ids('old'), ids('contrast')];
  const all = routes.map((r) => r.id);
  return {
    routes,
    reported: Object.entries(REPORTED_FACTS).map(([id, factId]) => reportedFrom(id, facts.find((f) => f.id === factId), factId)),
    trade: Object.fromEntries(trade.map((t) => [t.id, t.value])),
    steps: [
      { show: [], highlight: [], animate: [], pane: 'map', countries: true, note: 'note1' },
      { show: old, highlight: old, animate: old, pane: 'map', countries: false, note: 'note2' },
      { show: [...old, ...newer], highlight: newer, animate: newer, pane: 'map', countries: false, note: 'note3' },
      { show: [...old, ...newer], highlight: [...old, ...newer], animate: [], pane: 'chart', countries: false, note: '' },
      { show: all, highlight: contrast, animate: contrast, pane: 'map', countries: false, note: 'note5' },
    ],
    speed: { min: MIN_SPEED_KN, max: MAX_SPEED_KN, value: DEFAULT_SPEED_KN, step: 0.5 },
  };
}

/** The state at a step; before the first step, the first step's. Pure. */
export function stateAt(data: ShippingData, step: number): StepState {
  const i = Math.min(Math.max(step, 0), data.steps.length - 1);
  return data.steps[i]!;
}

/**
 * How much of a route is drawn (0..1) at (step, progress). Routes animating in
 * this step finish drawing by 60% of the step; routes from earlier steps are
 * whole. Under reduced motion every shown route is whole. Pure.
 */
export function drawnFraction(data: ShippingData, id: string, step: number, progress: number, reduced: boolean): number {
  const s = stateAt(data, step);
  if (!s.show.includes(id)) return 0;
  if (reduced || !s.animate.includes(id)) return 1;
  return Math.min(1, Math.max(0, progress / 0.6));
}
