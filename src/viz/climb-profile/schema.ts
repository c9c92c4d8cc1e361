/**
 * Row schemas for the railway station tables (content/data/central-railway.csv,
 * content/data/southern-railway.csv) and the table-level check the row schema
 * cannot do: km must increase down the file. Used by the content loader (a bad
 * file fails the build with the file and the row named) and by unit tests.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { csvLoader, type DataCollections, DataFileError, loadCsvText, optNum, num, text, optText, sourceIds, confidence } from '../../lib/data-loader';
import { parseCsv } from '../../lib/csv';

/** Highest plausible elevation on a Peruvian railway (the highest, La Cima, is 4,818 m). */
export const MAX_ELEVATION_M = 5000;

const elevation = () =>
  optNum().refine((v) => v === undefined || (v >= 0 && v <= MAX_ELEVATION_M), {
    message: `elevation must be between 0 and ${MAX_ELEVATION_M} m, or blank when unknown (never 0 for unknown)`,
  });

const stationFields = {
  /** Stable id (lowercase, hyphens), used for labels and tests. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'id must be lowercase letters, digits and hyphens'),
  /** Station or structure name as printed on the chart. */
  station: text(),
  /** Distance along the line from its port (Callao or Mollendo), km; must increase down the file. */
  km: num().pipe(z.number().min(0, 'km must not be negative').max(2000, 'km looks too large')),
  /** Elevation above sea level in metres; blank = unknown (listed, not plotted). */
  elev_m: elevation(),
  /** station, zigzag (a switchback) or summit (the line's highest point). */
  kind: z.enum(['station', 'zigzag', 'summit'], { error: 'kind must be station, zigzag or summit' }),
  source: sourceIds(),
  confidence: confidence(),
  note: optText(),
};

export const centralRailwaySchema = z.object(stationFields);

export const southernRailwaySchema = z.object({
  ...stationFields,
  /** Latitude (OpenRailwayMap via de.wikipedia), blank when not published. */
  lat: optNum().refine((v) => v === undefined || (v >= -20 && v <= 0), 'lat must be in Peru (-20..0)'),
  /** Longitude, blank when not published. */
  lon: optNum().refine((v) => v === undefined || (v >= -82 && v <= -68), 'lon must be in Peru (-82..-68)'),
  /** yes = on the Mollendo–Cusco through route drawn on the profile; no = on a branch (listed only). */
  on_profile: z.enum(['yes', 'no'], { error: 'on_profile must be yes or no' }),
});

export type CentralRow = z.infer<typeof centralRailwaySchema>;
export type SouthernRow = z.infer<typeof southernRailwaySchema>;

/** Throws DataFileError naming the file and row when km does not increase. Pure. */
export function checkKmAscending(file: string, rows: readonly { line: number; station: string; km: number }[]): void {
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1]!;
    const row = rows[i]!;
    if (!(row.km > prev.km)) {
      throw new DataFileError(
        `${file}: row at line ${row.line} (${row.station}): km ${row.km} must be greater than the previous row's km ${prev.km} (${prev.station}, line ${prev.line})`,
      );
    }
  }
}

/** Parse, validate every row, then check km ascending. Pure (file text in, rows out). */
export function checkStationTable<S extends typeof centralRailwaySchema | typeof southernRailwaySchema>(
  file: string,
  csv: string,
  schema: S,
): z.infer<S>[] {
  const entries = loadCsvText(file, csv, schema);
  const lines = parseCsv(csv, file).rows.map((r) => r.line);
  const rows = entries.map((e) => e.data as z.infer<S>);
  checkKmAscending(
    file,
    rows.map((r, i) => ({ line: lines[i]!, station: r.station, km: r.km })),
  );
  return rows;
}

/** Content loader for a station table: the project's CSV loader plus the table-level check (km ascending). Build time only. */
export function stationTableLoader(file: string, schema: typeof centralRailwaySchema | typeof southernRailwaySchema): Loader {
  const base = csvLoader(file, schema);
  return {
    ...base,
    name: 'chancay-station-table-loader',
    async load(ctx) {
      const abs = path.resolve(new URL('.', ctx.config.root).pathname, file);
      // Fails the build with the file and row named (row schema, then km order).
      checkStationTable(file, await readFile(abs, 'utf8'), schema);
      await base.load(ctx);
    },
  };
}

/** The data files this graphic reads (also read by the climb-3d graphic), as content collections. */
export const collections = {
  /** Central railway stations, Callao -> Huancayo (km must increase). */
  centralRailway: { loader: stationTableLoader('content/data/central-railway.csv', centralRailwaySchema) },
  /** Southern railway stations, Mollendo -> Juliaca -> Cusco (same fields plus lat/lon and on_profile). */
  southernRailway: { loader: stationTableLoader('content/data/southern-railway.csv', southernRailwaySchema) },
} satisfies DataCollections;
