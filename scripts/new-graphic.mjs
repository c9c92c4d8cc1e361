// `npm run new:graphic -- <name>`: a new graphic from a template, not a copy.
// Writes a working, tested, stepped bar chart into src/viz/<name>/ (schema,
// prep, geometry, markup, render through the shared mount, Astro shell, CSS),
// an example data file content/data/<name>.csv whose source ids exist, its
// Spanish text (content/data/es/<name>.csv: the same ids, words only), and a
// unit test test/unit/<name>.test.ts; then prints the figures.yaml entries
// (English and Spanish) and the MDX to add in each edition. Nothing else in the project needs editing: the
// site finds the folder (ARCHITECTURE.md, "Add a graphic").
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const name = process.argv[2] ?? '';

/** @param {string} msg @returns {never} */
function fail(msg) {
  console.error(`[new:graphic] ${msg}`);
  process.exit(1);
}
if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(name)) fail(`usage: npm run new:graphic -- <name>   (lowercase words joined by hyphens, got "${name}")`);
const dir = path.join(root, 'src/viz', name);
const dataFile = `content/data/${name}.csv`;
const esDataFile = `content/data/es/${name}.csv`;
const testFile = `test/unit/${name}.test.ts`;
for (const p of [dir, path.join(root, dataFile), path.join(root, esDataFile), path.join(root, testFile)]) if (existsSync(p)) fail(`${path.relative(root, p)} already exists`);

const camel = name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const Pascal = camel[0].toUpperCase() + camel.slice(1);
const collection = `${camel}Rows`;

// Example rows cite the project's own research-desk source, which must exist.
const sourceIds = readFileSync(path.join(root, 'content/data/sources.csv'), 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.split(',')[0])
  .filter(Boolean);
const source = sourceIds.includes('facts') ? 'facts' : sourceIds[0];
if (!source) fail('content/data/sources.csv has no source to cite');

const files = {
  [dataFile]: `id,label,value,source,confidence,note
first,First example,12,${source},H,Example row: replace with sourced data
second,Second example,30,${source},M,Example row
third,Third example,21,${source},L,Example row
`,
  // The Spanish edition's text columns, merged by id (numbers come from the English file only).
  [esDataFile]: `id,label,note
first,Primer ejemplo,Fila de ejemplo: reemplázala con datos con fuente
second,Segundo ejemplo,Fila de ejemplo
third,Tercer ejemplo,Fila de ejemplo
`,

  [`src/viz/${name}/schema.ts`]: `/** Row schema of ${dataFile} and the collection that loads it. */
import { z } from 'astro/zod';
import { csvLoader, type DataCollections, num, text, optText, sourceIds, confidence } from '../../lib/data-loader';

/** ${dataFile}: one bar per row, in file order. */
export const ${camel}Schema = z.object({
  /** Stable id (lowercase, hyphens). */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Bar label as shown on the chart. */
  label: text(),
  /** The bar's value. */
  value: num().pipe(z.number().min(0, 'value must not be negative')),
  /** Source ids from content/data/sources.csv, separated by ";". */
  source: sourceIds(),
  /** H, M or L. */
  confidence: confidence(),
  /** Caveats, when a figure needs one. */
  note: optText(),
});
export type ${Pascal}Row = z.output<typeof ${camel}Schema>;

/** The data file this graphic reads, as a content collection (found by src/content.config.ts). */
export const collections = {
  ${collection}: { loader: csvLoader('${dataFile}', ${camel}Schema) },
} satisfies DataCollections;
`,

  [`src/viz/${name}/prep.ts`]: `/** Rows of ${dataFile} -> the bars and the steps the chart draws. Pure; runs at build time. */
import { clampStep } from '../../lib/viz/mount';
import type { ${Pascal}Row } from './schema';

export interface Bar {
  id: string;
  label: string;
  value: number;
}
export interface ${Pascal}Data {
  bars: Bar[];
  /** Per step (0-based): the bar ids lit. Step k lights bar k; the last step lights all. */
  steps: string[][];
}

export function prep(rows: readonly Pick<${Pascal}Row, 'id' | 'label' | 'value'>[]): ${Pascal}Data {
  const bars = rows.map((r) => ({ id: r.id, label: r.label, value: r.value }));
  return { bars, steps: [...bars.map((b) => [b.id]), bars.map((b) => b.id)] };
}

/** The bars lit at a step; before the first step (-1), the first step's. Pure. */
export function litAt(data: ${Pascal}Data, step: number): string[] {
  return data.steps[clampStep(step, data.steps.length)] ?? [];
}
`,

  [`src/viz/${name}/geometry.ts`]: `/** Layout of the bars for a width (and, in the sticky stage, its height). Pure: d3-scale, text measured in the label font. */
import { scaleLinear } from 'd3-scale';
import { measureText } from '../../lib/text';
import type { Bar } from './prep';

/** Axis title on the first line, tick labels on the second, bars below. */
export const TOP = 38;
/** A row's height when laid out for a width only (the build-time picture, the plain article). */
export const ROW = 40;
/** The most a row may take when the rows share a tall stage. */
export const ROW_MAX = 140;
export const BAR_H = 14;
export const BAR_H_MAX = 28;
export const FONT = 12;

export interface ${Pascal}Layout {
  width: number;
  height: number;
  /** Thickness of every bar. */
  barH: number;
  ticks: { x: number; label: string; anchor: 'start' | 'middle' | 'end' }[];
  bars: { id: string; label: string; y: number; w: number; value: string; valueX: number; valueInside: boolean }[];
}

/**
 * \`height\`: the stage's height when the page gives the chart one (the sticky stage: on a phone
 * the top ~58% of the screen), else 0. Given one, the rows share it, up to ROW_MAX each, so the
 * chart fills the stage instead of a strip across its top (test/e2e/phone-reading.test.ts
 * asks a phone's drawing to fill at least 40% of the screen); without one, rows are ROW apart.
 */
export function layout(bars: readonly Bar[], width: number, opts: { height?: number; format?: (v: number) => string } = {}): ${Pascal}Layout {
  const { height = 0, format = String } = opts;
  const row = height > 0 ? Math.max(ROW, Math.min(ROW_MAX, (height - TOP) / Math.max(1, bars.length))) : ROW;
  const barH = Math.round(Math.min(BAR_H_MAX, Math.max(BAR_H, row * 0.3)));
  const x = scaleLinear()
    .domain([0, Math.max(1, ...bars.map((b) => b.value))])
    .nice()
    .range([0, width]);
  const ticks = x.ticks(width < 480 ? 3 : 5).map((t) => {
    const label = format(t);
    const tx = x(t);
    const half = measureText(label, 11) / 2;
    // Tick labels stay inside the picture: the first hangs right of its line, the last left.
    const anchor = tx - half < 0 ? 'start' : tx + half > width ? 'end' : 'middle';
    return { x: tx, label, anchor } as const;
  });
  return {
    width,
    height: Math.round(TOP + bars.length * row),
    barH,
    ticks,
    bars: bars.map((b, i) => {
      const w = x(b.value);
      const value = format(b.value);
      const tw = measureText(value, FONT);
      // The value sits after the bar, or inside its end when it would run off the picture.
      const valueInside = w + 4 + tw > width;
      return { id: b.id, label: b.label, y: TOP + i * row, w, value, valueX: valueInside ? w - 4 : w + 4, valueInside };
    }),
  };
}
`,

  [`src/viz/${name}/markup.ts`]: `/** SVG markup of the bars: the build-time SVG, per-step stills and redraws. Pure. */
import { esc, r1 } from '../../lib/svg';
import type { Still } from '../../lib/viz/types';
import { label } from '../../lib/viz/labels';
import { layout, FONT, type ${Pascal}Layout } from './geometry';
import { litAt, type ${Pascal}Data } from './prep';

export function markup(l: ${Pascal}Layout, lit: readonly string[], axis: string): string {
  const ticks = l.ticks
    .map((t) => \`<g class="tick"><line x1="\${r1(t.x)}" x2="\${r1(t.x)}" y1="32" y2="\${l.height}"/><text x="\${r1(t.x)}" y="26" text-anchor="\${t.anchor}">\${esc(t.label)}</text></g>\`)
    .join('');
  const bars = l.bars
    .map((b) => {
      const cls = lit.includes(b.id) ? 'nb-bar is-lit' : 'nb-bar';
      return \`<g class="\${cls}" data-id="\${esc(b.id)}" transform="translate(0,\${r1(b.y)})">
<text class="nb-label" y="\${FONT}">\${esc(b.label)}</text>
<rect class="nb-rect" y="\${FONT + 4}" width="\${r1(b.w)}" height="\${l.barH}" rx="2"/>
<text class="nb-value\${b.valueInside ? ' is-inside' : ''}" x="\${r1(b.valueX)}" y="\${r1(FONT + 4 + l.barH / 2 + FONT * 0.35)}" text-anchor="\${b.valueInside ? 'end' : 'start'}">\${esc(b.value)}</text></g>\`;
    })
    .join('');
  return \`<text class="axis-label" x="0" y="10">\${esc(axis)}</text>\${ticks}\${bars}\`;
}

/** The chart at \`step\` (-1 = before the first) for \`width\` (and the stage's \`height\`, 0 for none). Pure. */
export function still(data: ${Pascal}Data, labels: Record<string, string>, step: number, width: number, height = 0): Still {
  const l = layout(data.bars, width, { height });
  return { width: l.width, height: l.height, svg: markup(l, litAt(data, step), label(labels, 'axis', '${name}')) };
}
`,

  [`src/viz/${name}/stills.ts`]: `/** Each step's picture for the plain article (no JavaScript, print, reduced motion): src/lib/viz/stills.ts. */
import type { StepStills } from '../../lib/viz/stills';
import { rowsOf } from '../../lib/rows';
import { ${camel}Schema } from './schema';
import { prep } from './prep';
import { still } from './markup';

export const stills: StepStills = async (labels, count, width) => {
  const data = prep(await rowsOf('${collection}', ${camel}Schema));
  return Array.from({ length: count }, (_, k) => ({ ...still(data, labels, k, width), scope: '${name}' }));
};
`,

  [`src/viz/${name}/render.ts`]: `/** Browser side: lights the step's bars (classes, so they fade), re-lays out on resize. */
import type { Mount } from '../../lib/viz/types';
import { mountSvg } from '../../lib/viz/mount';
import { litAt, type ${Pascal}Data } from './prep';
import { still } from './markup';

export const mount: Mount<${Pascal}Data> = (el, data, ctx) =>
  mountSvg(el, {
    name: '${name}',
    // In the sticky stage the chart lays itself out to the stage's height too (layout() in geometry.ts).
    usesHeight: true,
    draw: (step, _progress, width, height) => still(data, ctx.labels, step, width, height),
    restyle(svg, step) {
      const lit = litAt(data, step);
      svg.querySelectorAll<SVGGElement>('.nb-bar').forEach((g) => g.classList.toggle('is-lit', lit.includes(g.dataset.id ?? '')));
    },
  });
`,

  [`src/viz/${name}/${Pascal}.astro`]: `---
/** Build-time state of the ${name} chart (the no-JS picture), its data table and its data for the browser. */
import { rowsOf } from '../../lib/rows';
import { confidenceMark, edition } from '../../lib/ui';
import { label } from '../../lib/viz/labels';
import { BUILD_WIDTH } from '../../lib/viz/types';
import { reserveAttrs } from '../../lib/viz/reserve';
import DataTable from '../../components/DataTable.astro';
import { ${camel}Schema } from './schema';
import { prep } from './prep';
import { still } from './markup';

interface Props {
  labels: Record<string, string>;
  titleId: string;
  descId: string;
  /** Reserve the first live drawing's box on a phone (Figure.astro: embed pages, outside a scroll section). */
  reserve?: boolean;
}
const { labels, titleId, descId, reserve = false } = Astro.props;
const L = (key: string) => label(labels, key, '${name}');
const rows = await rowsOf('${collection}', ${camel}Schema);
const data = prep(rows);
// Without JavaScript the reader sees the last step: every bar lit.
const p = still(data, labels, data.steps.length - 1, BUILD_WIDTH);
// On an embed page, the first live drawing's box at every phone column width, before any script runs (src/lib/viz/reserve.ts).
const reserved = reserveAttrs(reserve, \`${name}|\${edition}\`, (w) => still(data, labels, 0, w));
---
<div class="figure__canvas ${name}" {...reserved}>
  <svg viewBox={\`0 0 \${p.width} \${p.height}\`} width={p.width} height={p.height} role="img" aria-labelledby={titleId} aria-describedby={descId} set:html={p.svg} />
</div>
<DataTable
  locale={edition}
  caption={L('table')}
  columns={[L('col_label'), L('col_value'), L('col_confidence')]}
  numeric={[1]}
  rows={rows.map((r) => [r.label, r.value, confidenceMark(r.confidence)])}
/>
<script type="application/json" class="figure__data" set:html={JSON.stringify(data)} />
`,

  [`src/viz/${name}/${name}.css`]: `/* The ${name} chart. Colours from src/styles/tokens.css, so light and dark both work.
   A step dims the marks, never the words: every label keeps its contrast. */
chancay-figure:not([data-mounted]) .${name} svg {
  max-width: 34rem;
}
.${name} svg {
  font-family: var(--font-sans);
}
.${name} .nb-label {
  fill: var(--c-text);
  font-size: 12px;
  font-weight: 600;
}
.${name} .nb-value {
  fill: var(--c-text);
  font-size: 12px;
}
.${name} .nb-value.is-inside {
  fill: var(--c-bg);
}
.${name} .nb-rect {
  fill: var(--c-bar);
  transition: fill 300ms ease;
}
.${name} .is-lit .nb-rect {
  fill: var(--c-accent);
}
`,

  [testFile]: `/** ${name}: prep and geometry are pure, so they are tested without a build or a browser. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCsvText } from '../../src/lib/data-loader';
import { ${camel}Schema } from '../../src/viz/${name}/schema';
import { prep, litAt } from '../../src/viz/${name}/prep';
import { layout, TOP, ROW, ROW_MAX } from '../../src/viz/${name}/geometry';
import { still } from '../../src/viz/${name}/markup';
import { measureText } from '../../src/lib/text';
import { labelsOf, WIDTHS } from './h6-fixtures';

const rows = loadCsvText('${dataFile}', readFileSync('${dataFile}', 'utf8'), ${camel}Schema).map((e) => e.data);
const data = prep(rows);

describe('${name}', () => {
  it('has a bar per row and a step per bar, then one with all lit', () => {
    expect(data.bars.map((b) => b.id)).toEqual(rows.map((r) => r.id));
    expect(litAt(data, -1)).toEqual([data.bars[0]!.id]);
    expect(litAt(data, 99)).toEqual(data.bars.map((b) => b.id));
  });

  for (const width of WIDTHS) {
    it(\`at \${width}px: bars are to scale, and every tick and value label stays inside the picture\`, () => {
      const l = layout(data.bars, width);
      const max = Math.max(...data.bars.map((b) => b.value));
      const big = l.bars.find((b) => b.id === data.bars.find((d) => d.value === max)!.id)!;
      for (const b of l.bars) {
        const v = data.bars.find((d) => d.id === b.id)!.value;
        expect(b.w / big.w).toBeCloseTo(v / max, 1);
        const tw = measureText(b.value, 12);
        const x0 = b.valueInside ? b.valueX - tw : b.valueX;
        expect(x0).toBeGreaterThanOrEqual(0);
        expect(x0 + tw).toBeLessThanOrEqual(width + 0.5);
      }
      for (const t of l.ticks) {
        const tw = measureText(t.label, 11);
        const x0 = t.anchor === 'start' ? t.x : t.anchor === 'end' ? t.x - tw : t.x - tw / 2;
        expect(x0).toBeGreaterThanOrEqual(-0.5);
        expect(x0 + tw).toBeLessThanOrEqual(width + 0.5);
      }
    });
  }

  it('fills a tall stage: given its height, the rows share it (up to ROW_MAX each); without one they are ROW apart', () => {
    const n = data.bars.length;
    expect(layout(data.bars, 350).height).toBe(TOP + n * ROW);
    // A phone's stage (390 x 844: about 450 px under the title), a small phone's, a laptop's.
    for (const stage of [450, 400, 700]) {
      const l = layout(data.bars, 350, { height: stage });
      expect(l.height).toBeCloseTo(Math.max(TOP + n * ROW, Math.min(stage, TOP + n * ROW_MAX)), 0);
      // Each bar, its label above it and its value inside its row.
      for (let i = 1; i < n; i++) expect(l.bars[i]!.y - l.bars[i - 1]!.y).toBeGreaterThanOrEqual(12 + 4 + l.barH);
    }
  });

  it('draws every step from content labels', () => {
    const labels = labelsOf('${name}');
    for (let s = -1; s < data.steps.length; s++) expect(still(data, labels, s, 390).svg).toContain('class="nb-bar is-lit"');
  });
});
`,
};

for (const [file, text] of Object.entries(files)) {
  const abs = path.join(root, file);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  console.log(`  created ${file}`);
}

console.log(`
Now add the figure to content/figures.yaml:

- id: ${name}
  chapter: <chapter-slug>
  viz: ${name}
  title: <What the chart shows, as a headline>
  alt: <One or two sentences: what the picture shows, for screen readers.>
  description: <A longer description for screen-reader users and the no-JS page.>
  source: <publishers, as a reader would name them: Reuters; El Comercio>
  labels:
    axis: <What the values measure>
    table: <Caption of the data table>
    col_label: <First column header>
    col_value: <Value column header>
    col_confidence: Confidence

and its Spanish copy to content/figures.es.a.yaml (chapters 1-3) or figures.es.b.yaml (4-5),
the same keys translated (viz, chapter and sources come from the English entry):

- id: ${name}
  title: <El titular del gráfico>
  alt: <Qué muestra la imagen, para lectores de pantalla.>
  description: <Una descripción más larga.>
  source: <los medios, como los nombraría un lector: Reuters; El Comercio>
  labels:
    axis: <Qué miden los valores>
    table: <Título de la tabla de datos>
    col_label: <Primera columna>
    col_value: <Columna de valores>
    col_confidence: Confianza

and use it in the chapter's MDX, content/chapters/NN-<slug>.mdx and content/chapters/es/NN-<slug>.mdx
(one step per bar, then one for all; N numbers the page's steps, counting on from its last <Step>;
\`shows\` says in a sentence or two, 20 characters at least, what the picture shows at that step:
test/build/step-descriptions.test.ts holds every step to it):

<Scrolly figure="${name}">
  <Step n={N} shows="The first bar is highlighted, the others dimmed.">…</Step>
</Scrolly>

Then: npm run build:local && npx vitest run ${testFile}
Replace the example rows in ${dataFile} with sourced data (source ids from content/data/sources.csv),
and their words in ${esDataFile}.`);
