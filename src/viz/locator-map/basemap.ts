/**
 * Build-time coastline for the locator map: world-atlas land at 1:50m
 * (Natural Earth), projected, clipped to the frame and rounded. Runs only in
 * the Astro shell and in tests; the browser never loads TopoJSON (render.ts
 * must not import this module).
 */
import { geoContains, geoPath, type GeoProjection } from 'd3-geo';
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

/** Whether a projected point is in the sea. */
export function seaTest(proj: GeoProjection): (x: number, y: number) => boolean {
  const l = land();
  return (x, y) => {
    const ll = proj.invert?.([x, y]);
    if (!ll) return false;
    return !l.features.some((f) => geoContains(f, ll));
  };
}
