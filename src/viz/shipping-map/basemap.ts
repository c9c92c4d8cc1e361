/**
 * Build-time map geometry: world-atlas land (TopoJSON) -> projected, clipped
 * and rounded SVG path strings, plus projected routes and ports. Runs only in
 * the Astro component and in tests; the browser never loads TopoJSON or this
 * module (render.ts must not import it).
 */
import { geoAzimuthalEqualArea, geoEqualEarth, geoGraticule, geoPath, geoInterpolate, geoDistance, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, MultiPolygon, Polygon, Feature } from 'geojson';
import landTopo from 'world-atlas/land-110m.json' with { type: 'json' };
import countriesTopo from 'world-atlas/countries-110m.json' with { type: 'json' };
import type { RouteRow } from './prep';

/** Width of the map's coordinate system; the SVG scales with CSS. */
export const MAP_W = 640;
/**
 * The phone map (a second SVG, switched by CSS). The routes from Peru to
 * Shanghai are one long arc, about twice as long as the Pacific map is tall,
 * so any north-up map of them is a strip on a portrait phone (about 150 px
 * tall at 390 px). The phone map looks down on the North Pacific (an
 * azimuthal equal-area projection centred on the middle of the route) and is
 * turned by TILT degrees, so the arc runs from the upper left (Shanghai) to
 * the lower right (Peru) and the drawing is about as tall as it is wide.
 * A graticule and a north arrow show the turn.
 */
export const NARROW = { width: 360, centre: [-137, 40] as [number, number], tilt: 18, pad: 22 };
/** The area shown: from east Asia across the Pacific to the US East Coast (lon 0..360 east). */
export const EXTENT = { west: 100, east: 290, south: -22, north: 50 };
/** Pacific-centred: the central meridian is 165°W. */
export const ROTATE: [number, number] = [165, 0];
/** ISO 3166-1 numeric ids of the countries step 1 shades. */
export const SHADED = { peru: '604', china: '156' };

export function land(): FeatureCollection<Polygon | MultiPolygon> | Feature<Polygon | MultiPolygon> {
  const t = landTopo as unknown as Topology<{ land: GeometryCollection }>;
  return feature(t, t.objects.land) as FeatureCollection<Polygon | MultiPolygon>;
}

function country(id: string): Feature<Polygon | MultiPolygon> {
  const t = countriesTopo as unknown as Topology<{ countries: GeometryCollection }>;
  const fc = feature(t, t.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
  const f = fc.features.find((x) => String(x.id) === id);
  if (!f) throw new Error(`[shipping-map] country ${id} is not in world-atlas countries-110m`);
  return f;
}

export function projection(): { proj: GeoProjection; width: number; height: number } {
  // Sample the edges of the lon/lat box so the fit follows the curved outline.
  const pts: [number, number][] = [];
  for (let lon = EXTENT.west; lon <= EXTENT.east; lon += 2) pts.push([lon, EXTENT.south], [lon, EXTENT.north]);
  for (let lat = EXTENT.south; lat <= EXTENT.north; lat += 2) pts.push([EXTENT.west, lat], [EXTENT.east, lat]);
  const box = { type: 'MultiPoint' as const, coordinates: pts.map(([lon, lat]) => [lon > 180 ? lon - 360 : lon, lat]) };
  const proj = geoEqualEarth().rotate(ROTATE).fitWidth(MAP_W, box);
  const [[, y0], [, y1]] = geoPath(proj).bounds(box);
  const height = Math.ceil(y1 - y0);
  const [tx, ty] = proj.translate();
  proj.translate([tx, ty - y0]).clipExtent([
    [0, 0],
    [MAP_W, height],
  ]);
  return { proj, width: MAP_W, height };
}

/**
 * The phone map's projection: fitted to the routes (with NARROW.pad around
 * them) at NARROW.width; the height follows from the fit.
 */
export function narrowProjection(rows: RouteRow[]): { proj: GeoProjection; width: number; height: number } {
  const routes = { type: 'MultiLineString' as const, coordinates: rows.map((r) => routeLine(r).coordinates) };
  const { width, pad } = NARROW;
  const proj = geoAzimuthalEqualArea()
    .rotate([-NARROW.centre[0], -NARROW.centre[1], -NARROW.tilt])
    .fitWidth(width - 2 * pad, routes);
  const [[x0, y0], [, y1]] = geoPath(proj).bounds(routes);
  const height = Math.ceil(y1 - y0 + 2 * pad);
  const [tx, ty] = proj.translate();
  proj.translate([tx - x0 + pad, ty - y0 + pad]).clipExtent([
    [0, 0],
    [width, height],
  ]);
  return { proj, width, height };
}

/** A route as a projected polyline: great-circle segments densified every ~200 km (about 8 px here) so they curve like the sea lane. */
function routeLine(row: RouteRow): { type: 'LineString'; coordinates: [number, number][] } {
  const coords: [number, number][] = [];
  const w = row.waypoints;
  for (let i = 0; i < w.length - 1; i++) {
    const a: [number, number] = [w[i]!.lon, w[i]!.lat];
    const b: [number, number] = [w[i + 1]!.lon, w[i + 1]!.lat];
    const f = geoInterpolate(a, b);
    const n = Math.max(1, Math.ceil((geoDistance(a, b) * 6371) / 200));
    for (let k = 0; k < n; k++) coords.push(f(k / n) as [number, number]);
  }
  const last = w[w.length - 1]!;
  coords.push([last.lon, last.lat]);
  return { type: 'LineString', coordinates: coords };
}

export interface MapGeometry {
  width: number;
  height: number;
  /** Meridians and parallels every 30° (the phone map only: it is turned, so the reader needs them). */
  graticule?: string;
  /** The north arrow's position and angle (degrees clockwise from up), phone map only. */
  north?: { x: number; y: number; angle: number };
  land: string;
  countries: { id: keyof typeof SHADED; d: string }[];
  routes: { id: string; group: RouteRow['group']; d: string }[];
  ports: { name: string; x: number; y: number }[];
}

export function mapGeometry(rows: RouteRow[], kind: 'wide' | 'narrow' = 'wide'): MapGeometry {
  const { proj, width, height } = kind === 'narrow' ? narrowProjection(rows) : projection();
  const path = geoPath(proj).digits(1);
  // Land at whole pixels: at most half a pixel off at this width, and a third smaller.
  const coarse = geoPath(proj).digits(0);
  const ports = new Map<string, { name: string; x: number; y: number }>();
  for (const r of rows)
    for (const w of r.waypoints) {
      if (!w.port || ports.has(w.name)) continue;
      const p = proj([w.lon, w.lat]);
      if (p) ports.set(w.name, { name: w.name, x: Math.round(p[0] * 10) / 10, y: Math.round(p[1] * 10) / 10 });
    }
  let extra: Pick<MapGeometry, 'graticule' | 'north'> = {};
  if (kind === 'narrow') {
    // The arrow sits in the empty ocean at the left (the route key is over the upper right); it points along the meridian through it.
    const at: [number, number] = [NARROW.pad, Math.round(height * 0.55)];
    const ll = proj.invert?.(at);
    const up = ll ? proj([ll[0], ll[1] + 1]) : null;
    const angle = up ? (Math.atan2(up[0] - at[0], at[1] - up[1]) * 180) / Math.PI : 0;
    extra = {
      graticule: path(geoGraticule().step([30, 30])()) ?? '',
      north: { x: at[0], y: at[1], angle: Math.round(angle * 10) / 10 },
    };
  }
  return {
    width,
    height,
    ...extra,
    land: coarse(land()) ?? '',
    countries: (Object.keys(SHADED) as (keyof typeof SHADED)[]).map((id) => ({ id, d: coarse(country(SHADED[id])) ?? '' })),
    routes: rows.map((r) => ({ id: r.id, group: r.group, d: path(routeLine(r)) ?? '' })),
    ports: [...ports.values()],
  };
}
