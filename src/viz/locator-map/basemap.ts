/**
 * Build-time coastline for the locator map: world-atlas land at 1:50m
 * (Natural Earth), projected, clipped to the frame and rounded. Runs only in
 * the Astro shell and in tests; the browser never loads TopoJSON (render.ts
 * must not import this module).
 */
import { geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import landTopo from 'world-atlas/land-50m.json' with { type: 'json' };

let cached: FeatureCollection<Polygon | MultiPolygon> | undefined;
export function land(): FeatureCollection<Polygon | MultiPolygon> {
  if (!cached) {
    const t = landTopo as unknown as Topology<{ land: GeometryCollection }>;
    cached = feature(t, t.objects.land) as FeatureCollection<Polygon | MultiPolygon>;
  }
  return cached;
}

/** The land as an SVG path for this projection (whole pixels: at most half a pixel off, and much shorter). */
export function landPath(proj: GeoProjection): string {
  return geoPath(proj).digits(0)(land()) ?? '';
}

/**
 * Whether a projected point is in the sea: a plane test against the land's rings as this projection draws them,
 * those near the frame only. (d3's spherical geoContains on the world's land took milliseconds a point, and label
 * placement asks thousands of times.)
 */
export function seaTest(proj: GeoProjection): (x: number, y: number) => boolean {
  const polys = land().features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
  const rings: { pts: [number, number][]; x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const poly of polys)
    for (const ring of poly) {
      const pts = ring.map((c): [number, number] => proj(c as [number, number]) ?? [NaN, NaN]);
      if (pts.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) continue;
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      rings.push({ pts, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) });
    }
  return (x, y) => {
    // Even-odd: inside an odd number of rings (an island's hole in a lake counts back out) is land.
    let inside = false;
    for (const r of rings) {
      if (x < r.x0 || x > r.x1 || y < r.y0 || y > r.y1) continue;
      const p = r.pts;
      for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
        const [xi, yi] = p[i]!;
        const [xj, yj] = p[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return !inside;
  };
}
