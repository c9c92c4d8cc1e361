/**
 * A figure's copy (its `labels`) in each edition, read from content/ the way the site reads it:
 * content/figures.yaml for English; for Spanish, every content/figures.es.*.yaml (translators may
 * split the copy, src/content.config.ts `figuresCopyLoader`) merged over the English entry.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';

type Labels = Record<string, string>;

const labelsIn = (file: string, id: string): Labels =>
  (parse(readFileSync(file, 'utf8')) as { id: string; labels?: Labels }[]).find((f) => f.id === id)?.labels ?? {};

export function figureLabels(id: string): { en: Labels; es: Labels } {
  const en = labelsIn('content/figures.yaml', id);
  const spanishFiles = readdirSync('content').filter((f) => f.startsWith('figures.es.') && /\.ya?ml$/.test(f)).sort();
  const es = Object.assign({}, en, ...spanishFiles.map((f) => labelsIn(`content/${f}`, id)));
  return { en, es };
}
