/**
 * Sharing and reuse (issue 12): every chapter and figure embed page has its own
 * social card (og:image 1200×630 PNG in dist/, not blank, absolute URL on the
 * site's address, twitter:card summary_large_image), and every figure on every
 * page links its data as CSV and its picture as SVG and PNG, each file present
 * and carrying the figure's source line. Pages and figures are found in dist/,
 * not listed here.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { DIST, chapterSlugs, html } from './dist';
import { parseFigure, textOf, resvgFonts, CHART_FAMILY } from '../../src/integrations/figure-files.mjs';
import { measureText } from '../../src/lib/text';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Decodes an 8-bit RGB/RGBA, non-interlaced PNG (what resvg writes). */
function decodePng(buf: Buffer): { width: number; height: number; channels: number; pixels: Uint8Array } {
  if (buf.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
  let off = 8;
  let width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.subarray(off + 4, off + 8).toString('latin1');
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      channels = ({ 2: 3, 6: 4, 0: 1, 4: 2 } as Record<number, number>)[data[9]!]!;
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const r = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? px[y * stride + x - channels]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f]!;
      px[y * stride + x] = (r + pred) & 0xff;
    }
  }
  return { width, height, channels, pixels: px };
}

/** Variance of the luminance: near 0 for a blank (one-colour) image. */
function lumaVariance(img: ReturnType<typeof decodePng>): number {
  let n = 0, sum = 0, sq = 0;
  for (let i = 0; i < img.pixels.length; i += img.channels * 7) {
    const l = img.channels >= 3 ? 0.2126 * img.pixels[i]! + 0.7152 * img.pixels[i + 1]! + 0.0722 * img.pixels[i + 2]! : img.pixels[i]!;
    n++; sum += l; sq += l * l;
  }
  return sq / n - (sum / n) ** 2;
}

/** RFC 4180 CSV; throws on an unterminated quote or a stray quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') { q = false; if (![',', '\r', '\n', undefined].includes(text[i + 1])) throw new Error(`stray quote at ${i}`); }
      else cell += ch;
    } else if (ch === '"' && cell === '') q = true;
    else if (ch === '"') throw new Error(`stray quote at ${i}`);
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  if (q) throw new Error('unterminated quote');
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const pagesUnder = (dir: string): string[] =>
  readdirSync(path.join(DIST, dir), { recursive: true }).map(String).filter((f) => f.endsWith('index.html')).map((f) => path.join(dir, path.dirname(f)));
const figurePages = pagesUnder('embed').filter((p) => p.split(path.sep).length === 3);
const site = JSON.parse(readFileSync(path.join(DIST, '.headers.json'), 'utf8')).site as string;
const metaOf = (doc: string, key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(doc)?.[1];

describe('checks fail on bad input', () => {
  it('a blank PNG has no variance; a card does', () => {
    const blank = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="63"><rect width="120" height="63" fill="#fbfaf7"/></svg>').render().asPng();
    expect(lumaVariance(decodePng(blank))).toBeLessThan(1);
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow(/not a PNG/);
  });
  it('a malformed CSV and a figure without an SVG are refused', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unterminated/);
    expect(() => parseFigure('<p class="figure__title">t</p><p class="figure__source">s</p>', 'x.html figure "f"')).toThrow(/x\.html figure "f": no build-time <svg>/);
  });
});

describe('social cards', () => {
  const pages = [...chapterSlugs(), ...figurePages];
  it('covers every chapter and every figure embed page', () => {
    expect(chapterSlugs().length).toBeGreaterThan(0);
    expect(figurePages.length).toBeGreaterThan(0);
  });
  it.each(pages)('%s has its own 1200×630 card that is not blank', (page) => {
    const doc = html(page);
    const image = metaOf(doc, 'og:image');
    expect(image, 'og:image').toBeTruthy();
    expect(image!.startsWith(new URL('/cards/', site).href), `${image} is absolute on ${site}`).toBe(true);
    expect(metaOf(doc, 'og:image:width')).toBe('1200');
    expect(metaOf(doc, 'og:image:height')).toBe('630');
    expect(metaOf(doc, 'og:image:alt')!.length).toBeGreaterThan(20);
    expect(metaOf(doc, 'twitter:card')).toBe('summary_large_image');
    // A figure page's card is that figure's.
    if (page.startsWith('embed')) expect(image!.endsWith(`/cards/${path.basename(page)}.png`)).toBe(true);
    const file = path.join(DIST, new URL(image!).pathname);
    expect(existsSync(file), file).toBe(true);
    const png = decodePng(readFileSync(file));
    expect([png.width, png.height]).toEqual([1200, 630]);
    expect(lumaVariance(png)).toBeGreaterThan(100);
  });
});

describe('"Show the data" downloads', () => {
  const all = readdirSync(DIST, { recursive: true }).map(String).filter((f) => f.endsWith('.html'));
  const figures = all.flatMap((f) =>
    [...readFileSync(path.join(DIST, f), 'utf8').matchAll(/<chancay-figure\b[^>]*data-figure="([^"]+)"[^>]*>([\s\S]*?)<\/chancay-figure>/g)].map((m) => ({
      page: f,
      id: m[1]!,
      block: m[2]!,
    })),
  );
  it('finds figures', () => expect(figures.length).toBeGreaterThan(0));
  it.each(figures.map((f) => [`${f.page} ${f.id}`, f] as const))('%s links CSV, SVG and PNG with the source line inside', (_, f) => {
    const source = textOf(/<p class="figure__source"[^>]*>([\s\S]*?)<\/p>/.exec(f.block)![1]!);
    const links = [...f.block.matchAll(/<a href="([^"]+\.(csv|svg|png))" download="[^"]+"/g)].map((m) => ({ href: m[1]!, ext: m[2]! }));
    expect(links.map((l) => l.ext).sort()).toEqual(['csv', 'png', 'svg']);
    for (const l of links) expect(existsSync(path.join(DIST, l.href)), l.href).toBe(true);
    const read = (ext: string) => readFileSync(path.join(DIST, links.find((l) => l.ext === ext)!.href));
    const rows = parseCsv(read('csv').toString('utf8'));
    expect(rows.some((r) => r.join(',').includes(source))).toBe(true);
    const table = rows.filter((r) => !r[0]!.startsWith('#') && r.length > 1);
    expect(table.length).toBeGreaterThan(1);
    const svg = read('svg').toString('utf8');
    const rendered = new Resvg(svg).render(); // throws if the SVG does not parse
    expect(rendered.width).toBeGreaterThan(100);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    expect(svg).toContain(`<desc>${esc(source)}</desc>`);
    const png = decodePng(read('png'));
    expect(lumaVariance(png)).toBeGreaterThan(100);
  });
});

describe('a download reads on its own', () => {
  // The shipping map's names and route key are HTML over and under its SVG on the page; its downloads,
  // made from that SVG, had neither (7 Dec 2026). Its picture now comes from the figure's
  // <template class="figure-download-src">, which no page keeps.
  const decode = (t: string) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
  it.each([
    ['beyond-the-tracks', 'shipping-map.svg'],
    ['es/beyond-the-tracks', 'shipping-map-es.svg'],
  ])('%s: %s names every port and draws the route key', (page, file) => {
    const doc = html(page);
    const wide = /<div class="sm-mapwrap sm-mapwrap--wide"[\s\S]*?<\/div>\s*<\/div>/.exec(doc)![0];
    const ports = [...wide.matchAll(/<span class="sm-portlabel"[^>]*>([^<]+)<\/span>/g)].map((m) => decode(m[1]!));
    const key = [.../<ul class="sm-legend sm-legend--below"[^>]*>([\s\S]*?)<\/ul>/.exec(doc)![1]!.matchAll(/<li[^>]*>([^<]+)<\/li>/g)].map((m) => decode(m[1]!));
    expect(ports.length).toBeGreaterThanOrEqual(8);
    expect(key).toHaveLength(3);
    const drawn = [...readFileSync(path.join(DIST, 'files', file), 'utf8').matchAll(/<text\b[^>]*>([^<]+)<\/text>/g)].map((m) => decode(m[1]!));
    for (const name of [...ports, ...key]) expect(drawn, `${file}: "${name}"`).toContain(name);
  });
  it('no page keeps a figure\'s download picture', () => {
    const pages = readdirSync(DIST, { recursive: true }).map(String).filter((f) => f.endsWith('.html'));
    expect(pages.filter((f) => readFileSync(path.join(DIST, f), 'utf8').includes('figure-download-src'))).toEqual([]);
  });
});

describe('the PNG downloads and cards draw a picture in its chart face', () => {
  // The pictures are laid out for the chart face (src/lib/text.ts measures it). resvg knows the face by its name
  // table's family, not the page's: named as on the page, it fell back to the serif, whose wider words ran into
  // each other and past the picture's edge ('Callao–Huancay' in the climb profile's key, 7 Dec 2026).
  const inkWidth = (png: Buffer) => {
    const { width, height, channels, pixels } = decodePng(png);
    let right = 0;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (pixels[(y * width + x) * channels]! < 128) right = Math.max(right, x);
    return right + 1;
  };
  it('a label set in the chart face draws as wide as the layout measured it, regular and bold', async () => {
    const { font, forResvg } = await resvgFonts(DIST, mkdtempSync(path.join(tmpdir(), 'chancay-fonts-')));
    const words = 'Central: Callao–Huancayo · Mollendo–Cusco';
    for (const weight of [400, 700]) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="40"><rect width="600" height="40" fill="#fff"/><g class="x"><text x="0" y="30" style="font-family:'${CHART_FAMILY}';font-kerning:none" font-size="20" font-weight="${weight}">${words}</text></g></svg>`;
      const drawn = inkWidth(new Resvg(forResvg(svg), { font }).render().asPng());
      const measured = measureText(words, 20, { weight });
      expect(Math.abs(drawn - measured), `weight ${weight}: drawn ${drawn} px, measured ${measured.toFixed(1)} px`).toBeLessThan(measured * 0.03);
    }
  });
});
