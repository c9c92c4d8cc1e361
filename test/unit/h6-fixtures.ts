/** Shared fixtures for the funding-models / project-timelines / debt-and-finance / road-ahead unit tests. */
import { readFileSync } from 'node:fs';
// `yaml` comes with Astro; tests read the real copy so a missing label fails here, not on the page.
import { parse } from 'yaml';
import type { z } from 'astro/zod';
import { loadCsvText } from '../../src/lib/data-loader';

export function csv<S extends z.ZodType>(file: string, schema: S): z.infer<S>[] {
  return loadCsvText(file, readFileSync(file, 'utf8'), schema).map((e) => e.data);
}

export function labelsOf(figure: string): Record<string, string> {
  const all = parse(readFileSync('content/figures.yaml', 'utf8')) as { id: string; labels?: Record<string, string> }[];
  const f = all.find((x) => x.id === figure);
  if (!f) throw new Error(`figure ${figure} missing from content/figures.yaml`);
  return f.labels ?? {};
}

export const WIDTHS = [320, 390, 768, 1280];

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export const overlap = (a: Rect, b: Rect, pad = 0) =>
  a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;
