/** Schemas of content/data/sea-routes.json and content/data/trade.csv, and the collections that load them. */
import { z } from 'astro/zod';
import { csvLoader, jsonLoader, type DataCollections, num, text, optText, sourceIds, confidence } from '../../lib/data-loader';

const waypoint = z.object({
  /** Place name; ports are named as in the chart's labels. */
  name: z.string().min(1),
  /** Longitude, degrees east (west negative). */
  lon: z.number().min(-180).max(180),
  /** Latitude, degrees north (south negative). */
  lat: z.number().min(-90).max(90),
  /** A port the route calls at (drawn as a dot, labelled). */
  port: z.boolean().optional(),
  /** Where the waypoint comes from: a port position or the sea lane it keeps to. */
  note: z.string().min(3),
});

/** content/data/sea-routes.json: one record per sea route. */
export const seaRoutesSchema = z.object({
  /** Stable id (lowercase, hyphens). */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Route name as shown on the chart. */
  label: text(),
  /** Short name for the days chart. */
  short: text(),
  /** new = Chancay direct; old = via Callao; contrast = the Panama route. */
  group: z.enum(['new', 'old', 'contrast']),
  /** Source ids from content/data/sources.csv. */
  source: sourceIds(),
  /** H, M or L. */
  confidence: confidence(),
  /** Published distances the computed length is tested against (test/unit/shipping-map.test.ts). */
  checks: z.array(
    z.object({ from: z.string(), to: z.string(), nm: z.number().positive(), method: z.enum(['great-circle', 'sea-lane']) }),
  ),
  /** What the route is and where it comes from. */
  note: text(),
  /** Days added to the sailing time: transshipment, canal. Assumptions, each with its reason. */
  stops: z.array(z.object({ at: z.string(), days: z.number().min(0).max(30), what: z.string(), note: z.string().min(3) })),
  /** The two waypoints between which the route crosses land by design (the Panama Canal). */
  canal: z.array(z.string()).length(2).optional(),
  /** The route's path, port to port. */
  waypoints: z.array(waypoint).min(2),
});

/** content/data/trade.csv: trade and port figures quoted beside the map. */
export const tradeSchema = z.object({
  /** Stable id (lowercase, hyphens). */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** What the figure is, as printed. */
  label: text(),
  /** The figure. */
  value: num(),
  /** Its unit, a code printed in the edition's words (figures.yaml shipping-map `unit_<code>`): `usd_bn` (US$ billions, shown in the edition's money form), `pct` (per cent). */
  unit: z.enum(['usd_bn', 'pct']),
  /** Year the figure is for. */
  year: num().pipe(z.number().int().min(1990).max(2030)),
  /** Source ids from content/data/sources.csv. */
  source: sourceIds(),
  /** H, M or L. */
  confidence: confidence(),
  /** Caveats. */
  note: optText(),
});

/** The data files this graphic reads, as content collections. */
export const collections = {
  seaRoutes: { loader: jsonLoader('content/data/sea-routes.json', seaRoutesSchema) },
  trade: { loader: csvLoader('content/data/trade.csv', tradeSchema) },
} satisfies DataCollections;
