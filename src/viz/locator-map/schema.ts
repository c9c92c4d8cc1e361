/** Row schemas of the locator map's data (content/data/locator-places.csv, locator-lines.csv) and their collections. */
import { z } from 'astro/zod';
import { csvLoader, type DataCollections, optNum, text, optText, sourceIds, confidence, num } from '../../lib/data-loader';

/** content/data/locator-places.csv: one published position per place. */
export const locatorPlacesSchema = z.object({
  /** Stable id (lowercase, hyphens), used by locator-lines.csv `via`. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Name as shown on the map. */
  name: text(),
  /**
   * capital, port, town, mine: drawn and labelled; station: a point a line is drawn through, not labelled;
   * offmap: outside the frame (a line points toward it).
   */
  kind: z.enum(['capital', 'port', 'town', 'mine', 'station', 'offmap'], { error: 'kind must be capital, port, town, mine, station or offmap' }),
  /** Longitude, degrees east (west negative). */
  lon: num().pipe(z.number().min(-180).max(180)),
  /** Latitude, degrees north (south negative). */
  lat: num().pipe(z.number().min(-90).max(90)),
  /** Elevation in metres when a source gives it, blank otherwise. */
  elev_m: optNum(),
  /** Source ids (content/data/sources.csv) for the position, separated by ";". */
  source: sourceIds(),
  /** H, M or L. */
  confidence: confidence(),
  note: optText(),
});

/** content/data/locator-lines.csv: railways (existing and proposed) and the Andes band. */
export const locatorLinesSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Name as shown on the map and in the legend. */
  name: text(),
  /** existing = a railway that runs today (solid); proposed = a planned line (dashed); area = a shaded band. */
  kind: z.enum(['existing', 'proposed', 'area'], { error: 'kind must be existing, proposed or area' }),
  /**
   * The points the line is drawn through, separated by ";": place ids from locator-places.csv, or
   * "@lon lat" for a hand-placed point (allowed only when `schematic` is yes).
   */
  via: text(),
  /** yes when no route is published: drawn dashed and labelled schematic. */
  schematic: z.enum(['yes', 'no'], { error: 'schematic must be yes or no' }),
  source: sourceIds(),
  confidence: confidence(),
  /** How the line is drawn and why. */
  note: optText(),
});

export const collections = {
  locatorPlaces: { loader: csvLoader('content/data/locator-places.csv', locatorPlacesSchema) },
  locatorLines: { loader: csvLoader('content/data/locator-lines.csv', locatorLinesSchema) },
} satisfies DataCollections;
