/**
 * Content loader for a station table: the project's CSV loader plus the
 * table-level check (km ascending). Build time only.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { csvLoader } from '../../lib/data-loader';
import { checkStationTable, type centralRailwaySchema, type southernRailwaySchema } from './schema';

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
