// Subsets the body serif (Source Serif 4, from npm) to the characters the
// content actually uses: a static regular and an italic of about 15 kB each
// instead of 50 kB, so the one font on the critical path loads fast on a phone.
// Writes public/fonts/ (generated, git-ignored); runs before every build.
// File names carry a hash of their bytes (serif-<hash>.woff2), so a new subset
// gets a new name and front servers can cache /fonts/ for a year (immutable);
// src/lib/fonts.ts finds the current names for the page head.
// Also the chart label face (Source Sans 3, regular and bold, from npm),
// subset to a fixed character set into src/styles/fonts/ (generated,
// git-ignored), where global.css's @font-face picks it up and the bundler
// names it by its hash (/_astro/chart-400.<hash>.woff2, cached immutable);
// and its glyph advances written to src/lib/chart-font.json: the table
// src/lib/text.ts measures labels with, at build time and in the browser
// (ARCHITECTURE.md, "Text").
import subsetFont from 'subset-font';
import { create } from 'fontkitten';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = path.join(root, 'node_modules/@fontsource-variable/source-serif-4/files');
const out = path.join(root, 'public/fonts');
const chartPkg = path.join(root, 'node_modules/@fontsource/source-sans-3/files');
const chartOut = path.join(root, 'src/styles/fonts');
const metricsFile = path.join(root, 'src/lib/chart-font.json');

/**
 * The characters the chart face carries, fixed (not read from content) so the
 * committed advance table does not change with every edit: printable ASCII,
 * Latin-1 (Spanish and Portuguese letters, ¿ ¡ ° × «»), typographic
 * punctuation, euro and minus. A label character outside the font is drawn
 * by a fallback font and measured generously (src/lib/text.ts);
 * test/unit/chart-font.test.ts fails if content gives a graphic one that is
 * not on its short list.
 */
export function chartChars() {
  let s = '';
  for (let c = 0x20; c < 0x7f; c++) s += String.fromCharCode(c);
  for (let c = 0xa0; c <= 0xff; c++) s += String.fromCharCode(c);
  return s + '–—‘’‚“”„…•′″€−';
}

/** The chart faces: regular for text up to weight 500, bold for 600 and up (global.css maps 600-900 to the one bold file). */
export const chartFaces = [
  { key: 'regular', file: 'source-sans-3-latin-400-normal.woff2', name: 'chart-400.woff2' },
  { key: 'bold', file: 'source-sans-3-latin-700-normal.woff2', name: 'chart-700.woff2' },
];

/**
 * The advance table of the chart faces as shipped: for each face, the
 * characters it has and each one's advance in font units, read from the same
 * subset that is written for the browser, so the browser draws exactly the
 * glyphs this table describes.
 */
export async function chartMetrics() {
  const chars = chartChars();
  /** @type {Record<string, { chars: string, advances: number[] }>} */
  const faces = {};
  let unitsPerEm = 0;
  for (const f of chartFaces) {
    const font = /** @type {import('fontkitten').Font} */ (create(await subsetFont(readFileSync(path.join(chartPkg, f.file)), chars, { targetFormat: 'sfnt' })));
    unitsPerEm = font.unitsPerEm;
    const have = [...chars].filter((ch) => font.hasGlyphForCodePoint(/** @type {number} */ (ch.codePointAt(0))));
    faces[f.key] = { chars: have.join(''), advances: have.map((ch) => font.glyphForCodePoint(/** @type {number} */ (ch.codePointAt(0))).advanceWidth) };
  }
  return { family: 'Source Sans 3', source: '@fontsource/source-sans-3 (latin subset, static 400 and 700)', unitsPerEm, faces };
}

/** The table as written to src/lib/chart-font.json (stable formatting, one face per line). */
/** @param {Awaited<ReturnType<typeof chartMetrics>>} m */
export function formatMetrics(m) {
  const faces = Object.entries(m.faces).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n  "family": ${JSON.stringify(m.family)},\n  "source": ${JSON.stringify(m.source)},\n  "unitsPerEm": ${m.unitsPerEm},\n  "faces": {\n${faces.join(',\n')}\n  }\n}\n`;
}

/** Writes the chart faces for the bundler and refreshes the advance table if the font changed. */
export async function buildChartFonts() {
  mkdirSync(chartOut, { recursive: true });
  /** @type {Record<string, number>} */
  const sizes = {};
  for (const f of chartFaces) {
    const buf = await subsetFont(readFileSync(path.join(chartPkg, f.file)), chartChars(), { targetFormat: 'woff2' });
    writeFileSync(path.join(chartOut, f.name), buf);
    sizes[f.name] = buf.length;
  }
  const text = formatMetrics(await chartMetrics());
  if (!existsSync(metricsFile) || readFileSync(metricsFile, 'utf8') !== text) writeFileSync(metricsFile, text);
  return sizes;
}

function contentChars() {
  /** @type {Set<string>} */
  const chars = new Set();
  // Printable ASCII always, and Spanish/Portuguese letters; any other
  // character a reader types falls back, glyph by glyph, to the next font.
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  for (const ch of 'áéíóúñüçãõâêôàÁÉÍÓÚÑÜÇÃÕÂÊÔÀ¿¡°×·«»') chars.add(ch);
  for (const ch of '–—‘’‚“”„…•′″€−→←↑↓≈≤≥‰·') chars.add(ch);
  const walk = (/** @type {string} */ d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(mdx|md|csv|json|ya?ml)$/.test(name)) for (const ch of readFileSync(p, 'utf8')) chars.add(ch);
    }
  };
  walk(path.join(root, 'content'));
  return [...chars].filter((ch) => /** @type {number} */ (ch.codePointAt(0)) >= 0x20).join('');
}

const faces = [
  // Regular only: bold is synthesised from it, so bold text never paints in a
  // different face, and the one file the body text waits for stays small.
  { file: 'source-serif-4-latin-wght-normal.woff2', axes: { wght: 400 }, name: 'serif' },
  { file: 'source-serif-4-latin-wght-italic.woff2', axes: { wght: 400 }, name: 'serif-400-italic' },
];
/**
 * The OpenType features the body text uses: kerning, standard ligatures, and
 * lining figures (`.fact` sets lining-nums). Keeping only these drops the
 * glyphs other features reach (small caps, oldstyle and fraction figures,
 * alternates): 16.0 -> 12.7 kB for the regular face, under the ~14 kB a new
 * connection's first round trip carries, so the face arrives one round trip
 * sooner on a slow phone (and in Lighthouse's simulation, which puts the face
 * on the path to first paint: chapters' FCP = LCP went from 1.21 s to
 * 0.88-1.03 s in most runs, 3 Dec 2026; some runs still give 1.21 s). Text is precomposed
 * (NFC), so no mark-positioning features are needed. A test fails if a file
 * grows past the budget (test/build/budget.test.ts).
 */
export const SERIF_FEATURES = ['kern', 'liga', 'lnum'];
/** The body faces' budget, bytes: a new connection's first round trip (10 segments of 1,460 bytes) less the response headers. */
export const SERIF_MAX_BYTES = 14000;

export async function buildFonts() {
  // Old subsets go: only the current names may be published.
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const text = contentChars();
  /** @type {Record<string, number>} */
  const sizes = {};
  for (const f of faces) {
    const src = readFileSync(path.join(pkg, f.file));
    const buf = await subsetFont(src, text, { targetFormat: 'woff2', variationAxes: f.axes, keepFeatures: SERIF_FEATURES });
    const name = `${f.name}-${createHash('sha256').update(buf).digest('hex').slice(0, 10)}.woff2`;
    writeFileSync(path.join(out, name), buf);
    sizes[name] = buf.length;
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(pkg)) throw new Error('[fonts] @fontsource-variable/source-serif-4 is not installed: run npm ci');
  if (!existsSync(chartPkg)) throw new Error('[fonts] @fontsource/source-sans-3 (the chart label face) is not installed: run npm ci');
  const sizes = { ...(await buildFonts()), ...(await buildChartFonts()) };
  console.log('[fonts] subset:', Object.entries(sizes).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} kB`).join(', '));
}
