// @ts-check
/**
 * After the build, for every figure (each `<chancay-figure data-figure="ID">` in
 * the built pages), writes the files a newsroom or a reader takes away, all
 * from the figure's build-time SVG and data table, each carrying the source line:
 *
 *   /files/ID.csv   the "Show the data" table(s); first row a `# Source: …` comment
 *   /files/ID.svg   the build-time picture, standalone (light theme styles inlined),
 *                   with a <desc> and a drawn <text> source line
 *   /files/ID.png   that SVG rendered (resvg) at 2×
 *   /cards/ID.png   the social card, 1200×630: title, picture, source line
 *
 * Figure.astro links the first three (download attributes); BaseLayout's
 * og:image names the card. Text renders in our self-hosted serif (the
 * build's subset, converted to TrueType for resvg), on the light theme's
 * background. A figure without an SVG or a source line fails the build.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { forEachPage } from './built-pages.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
// @ts-expect-error subset-font ships no type declarations
import subsetFont from 'subset-font';

import { CARD } from './card-size.mjs';
const FAMILY = 'Source Serif 4';

/** Entity-decoded text content of an HTML fragment. */
export function textOf(/** @type {string} */ html) {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
const esc = (/** @type {string} */ s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const csvCell = (/** @type {string} */ s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The parts of one built figure. Throws naming the page and figure when one is missing. */
export function parseFigure(/** @type {string} */ block, /** @type {string} */ where) {
  const svg = /<svg\b[\s\S]*?<\/svg>/.exec(block)?.[0];
  const title = /<p class="figure__title"[^>]*>([\s\S]*?)<\/p>/.exec(block)?.[1];
  const source = /<p class="figure__source"[^>]*>([\s\S]*?)<\/p>/.exec(block)?.[1];
  if (!svg) throw new Error(`[figure-files] ${where}: no build-time <svg> to make the picture and card from`);
  if (!title || !source) throw new Error(`[figure-files] ${where}: no figure title or source line`);
  const tables = [...block.matchAll(/<table\b[\s\S]*?<\/table>/g)].map((m) => {
    const caption = textOf(/<caption>([\s\S]*?)<\/caption>/.exec(m[0])?.[1] ?? '');
    const rows = [...m[0].matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1])));
    return { caption, rows };
  });
  // Classes of the SVG's HTML ancestors inside the figure: the graphic's CSS is scoped under them.
  const before = block.slice(0, block.indexOf(svg));
  const scope = [...new Set([...before.matchAll(/class="([^"]+)"/g)].flatMap((m) => m[1].split(/\s+/)))].join(' ');
  return { svg, scope, title: textOf(title), source: textOf(source).replace(/^Source:\s*/, ''), sourceLine: textOf(source), tables };
}

/** CSV of the figure's tables: the source line first (a `#` comment row), then each table under its caption. */
export function toCsv(/** @type {ReturnType<typeof parseFigure>} */ f) {
  // Comment rows are one cell each, quoted when they need it, so the file stays valid CSV.
  const lines = [csvCell(`# ${f.title}`), csvCell(`# ${f.sourceLine}`)];
  for (const t of f.tables) {
    if (f.tables.length > 1) lines.push('', csvCell(`# ${t.caption}`));
    for (const r of t.rows) lines.push(r.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Page CSS made usable inside a standalone SVG: light-theme tokens substituted, @media and :root
 * rules dropped. `theme` overrides tokens (the dark theme's, for a still shown on a dark page).
 */
export function svgCss(/** @type {string} */ css, /** @type {Map<string, string>} */ theme = new Map()) {
  const tokens = new Map();
  const root = /:root\{([^}]*)\}/.exec(css)?.[1] ?? '';
  for (const m of root.matchAll(/(--[\w-]+):([^;]+)/g)) tokens.set(m[1], m[2].trim());
  for (const [k, v] of theme) tokens.set(k, v);
  let out = css;
  // Drop at-rule blocks (dark scheme, motion, widths): the file shows the light, default state.
  for (let i; (i = out.indexOf('@')) >= 0; ) {
    const open = out.indexOf('{', i);
    if (open < 0) break;
    let depth = 0, j = open;
    for (; j < out.length; j++) {
      if (out[j] === '{') depth++;
      else if (out[j] === '}' && --depth === 0) break;
    }
    out = out.slice(0, i) + out.slice(j + 1);
  }
  out = out.replace(/[^{}]*:root[^{}]*\{[^}]*\}/g, '');
  for (let k = 0; k < 4 && out.includes('var('); k++) {
    out = out.replace(/var\((--[\w-]+)(?:,([^()]*))?\)/g, (_, n, d) => tokens.get(n) ?? d ?? 'initial');
  }
  // resvg has no color-mix(): mix sRGB hex colours (or a colour with transparent) here.
  const rgba = (/** @type {string} */ c) => {
    if (c === 'transparent') return [0, 0, 0, 0];
    const h = c.replace('#', '');
    const x = h.length <= 4 ? [...h].map((d) => d + d).join('') : h;
    return [0, 2, 4].map((i) => parseInt(x.slice(i, i + 2), 16)).concat(x.length === 8 ? parseInt(x.slice(6, 8), 16) / 255 : 1);
  };
  out = out.replace(/color-mix\(in srgb,\s*(#[0-9a-f]{3,8}|transparent)\s*(\d+(?:\.\d+)?)%?,\s*(#[0-9a-f]{3,8}|transparent)\s*(?:(\d+(?:\.\d+)?)%)?\)/gi, (_, a, p, b, q) => {
    const pa = Number(p) / 100, pb = q ? Number(q) / 100 : 1 - pa;
    const [A, B] = [rgba(a), rgba(b)];
    const alpha = A[3] * pa + B[3] * pb;
    const ch = [0, 1, 2].map((i) => (alpha ? Math.round((A[i] * A[3] * pa + B[i] * B[3] * pb) / alpha) : 0));
    return `rgba(${ch.join(',')},${+alpha.toFixed(3)})`;
  });
  return out.replace(/font-family:[^;}]+/g, `font-family:'${FAMILY}'`);
}

/** The dark theme's colour tokens, as the page's stylesheet forces them for embeds (`:root[data-theme=dark]`). */
export function darkTokens(/** @type {string} */ css) {
  const block = /:root\[data-theme=(?:'|")?dark(?:'|")?\]\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return new Map([...block.matchAll(/(--c-[\w-]+):([^;]+)/g)].map((m) => [m[1], m[2].trim()]));
}

/** The figure's SVG, standalone: namespace, inlined styles, background, source line in <desc> and (foot) drawn below. */
export function standaloneSvg(/** @type {ReturnType<typeof parseFigure>} */ f, /** @type {string} */ css, /** @type {string} */ bg, foot = true) {
  const open = /^<svg\b[^>]*>/.exec(f.svg)?.[0] ?? '<svg>';
  const vb = /viewBox="([^"]+)"/.exec(open)?.[1]?.split(/[\s,]+/).map(Number) ?? [0, 0, 600, 400];
  const [x, y, w, h] = vb;
  const inner = f.svg.slice(open.length, -'</svg>'.length).replace(/ (?:aria-[\w-]+|role)="[^"]*"/g, '');
  // Source line: wrapped to the picture's width (about 0.5 em per character at 11 px).
  const perLine = Math.max(30, Math.floor(w / 5.6));
  const words = f.sourceLine.split(' ');
  /** @type {string[]} */ const lines = [''];
  for (const wd of words) {
    if ((lines.at(-1) + ' ' + wd).trim().length > perLine) lines.push(wd);
    else lines[lines.length - 1] = (lines.at(-1) + ' ' + wd).trim();
  }
  const H = foot ? h + 40 + (lines.length - 1) * 14 : h;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${w} ${H}" width="${w}" height="${H}">` +
    `<title>${esc(f.title)}</title><desc>${esc(f.sourceLine)}</desc>` +
    `<style><![CDATA[${css.replace(/\]\]>/g, '')}]]></style>` +
    `<rect x="${x}" y="${y}" width="${w}" height="${H}" fill="${bg}"/>` +
    `<g class="${esc(f.scope)}">${inner}</g>` +
    (foot
      ? `<text x="${x}" y="${y + h + 22}" font-size="11" font-family="'${FAMILY}'" fill="#5c5850">` +
    lines.map((l, i) => `<tspan x="${x}" dy="${i ? 14 : 0}">${esc(l)}</tspan>`).join('') +
      `</text>`
      : '') +
    `</svg>`
  );
}

/** Wraps text to lines of at most `max` characters. */
function wrap(/** @type {string} */ s, /** @type {number} */ max) {
  /** @type {string[]} */ const lines = [''];
  for (const wd of s.split(' ')) {
    if ((lines.at(-1) + ' ' + wd).trim().length > max) lines.push(wd);
    else lines[lines.length - 1] = (lines.at(-1) + ' ' + wd).trim();
  }
  return lines;
}

/** The 1200×630 social card: title top left, the picture scaled into the middle, the source line at the foot. */
export function cardSvg(/** @type {ReturnType<typeof parseFigure>} */ f, /** @type {string} */ picture, /** @type {{bg:string,text:string,muted:string,rule:string}} */ c, /** @type {string} */ siteName) {
  const { width: W, height: H } = CARD;
  const titleLines = wrap(f.title, 58).slice(0, 2);
  const srcLines = wrap(f.sourceLine, 120).slice(0, 2);
  if (wrap(f.sourceLine, 120).length > 2) srcLines[1] = srcLines[1].replace(/\s*\S*$/, ' …');
  const top = 56 + titleLines.length * 44;
  const bottom = H - 40 - srcLines.length * 22;
  const inner = picture.replace(/^<svg\b[^>]*>/, (t) => t.replace(/ (?:width|height|x|y)="[^"]*"/g, '')).replace(/^<svg\b/, `<svg x="56" y="${top}" width="${W - 112}" height="${bottom - top}" preserveAspectRatio="xMidYMid meet"`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<rect width="${W}" height="${H}" fill="${c.bg}"/>` +
    `<rect width="${W}" height="8" fill="${c.rule}"/>` +
    `<text x="56" y="60" font-family="'${FAMILY}'" font-size="38" font-weight="700" fill="${c.text}">` +
    titleLines.map((l, i) => `<tspan x="56" dy="${i ? 44 : 0}">${esc(l)}</tspan>`).join('') +
    `</text>` +
    inner +
    `<text x="56" y="${bottom + 24}" font-family="'${FAMILY}'" font-size="18" fill="${c.muted}">` +
    srcLines.map((l, i) => `<tspan x="56" dy="${i ? 22 : 0}">${esc(l)}</tspan>`).join('') +
    `</text>` +
    `<text x="${W - 56}" y="${H - 16}" text-anchor="end" font-family="'${FAMILY}'" font-size="16" font-style="italic" fill="${c.muted}">${esc(siteName)}</text>` +
    `</svg>`
  );
}

/** @returns {import('astro').AstroIntegration} */
export default function figureFiles() {
  return {
    name: 'chancay-figure-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const repo = process.cwd();
        // resvg reads TrueType, not WOFF2: convert the build's subset fonts (scripts/fonts.mjs).
        const fontDir = path.join(repo, 'node_modules/.cache/chancay-card-fonts');
        await mkdir(fontDir, { recursive: true });
        /** @type {string[]} */ const fontFiles = [];
        for (const f of await readdir(path.join(root, 'fonts'))) {
          if (!f.endsWith('.woff2')) continue;
          const woff2 = await readFile(path.join(root, 'fonts', f));
          // subset-font with the full text of the font keeps every glyph; 'truetype' is sfnt.
          const ttf = await subsetFont(woff2, Array.from({ length: 0x2fff }, (_, i) => String.fromCodePoint(i + 0x20)).join(''), { targetFormat: 'truetype' });
          const out = path.join(fontDir, f.replace(/\.woff2$/, '.ttf'));
          await writeFile(out, ttf);
          fontFiles.push(out);
        }
        const font = { loadSystemFonts: false, fontFiles, defaultFontFamily: FAMILY, serifFamily: FAMILY, sansSerifFamily: FAMILY };
        // The site's name in each edition (the card's credit): content/site.json, content/site.<locale>.json.
        /** @type {(lang: string) => Promise<string>} */
        const siteNameOf = async (lang) => JSON.parse(await readFile(path.join(repo, lang === 'en' ? 'content/site.json' : `content/site.${lang}.json`), 'utf8')).name;

        /** @type {Map<string, {block: string, css: string, lang: string, where: string}>} */
        const figures = new Map();
        await forEachPage(root, async (p) => {
          const html = await readFile(p, 'utf8');
          const css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
          // Each edition has its own files (a Spanish page's table, labels and source line are Spanish): <id>-<lang>.* beside <id>.*.
          const rel = path.relative(root, p);
          const lang = /^([a-z]{2})\//.exec(rel.split(path.sep).join('/'))?.[1] ?? 'en';
          for (const m of html.matchAll(/<chancay-figure\b[^>]*data-figure="([^"]+)"[^>]*>([\s\S]*?)<\/chancay-figure>/g)) {
            // The chapter page's copy (first found) and the embed's are the same figure.
            const key = lang === 'en' ? m[1] : `${m[1]}-${lang}`;
            if (!figures.has(key)) figures.set(key, { block: m[2], css, lang, where: `${rel} figure "${m[1]}"` });
          }
        });
        await mkdir(path.join(root, 'files'), { recursive: true });
        await mkdir(path.join(root, 'cards'), { recursive: true });
        for (const [id, { block, css, lang, where }] of figures) {
          const siteName = await siteNameOf(lang);
          const f = parseFigure(block, where);
          if (!f.tables.length) throw new Error(`[figure-files] ${where}: no data table to offer as CSV`);
          const tokens = new Map([...(/:root\{([^}]*)\}/.exec(css)?.[1] ?? '').matchAll(/(--[\w-]+):([^;]+)/g)].map((t) => [t[1], t[2].trim()]));
          const color = (/** @type {string} */ n, /** @type {string} */ d) => tokens.get(n) ?? d;
          const bg = color('--c-bg', '#fbfaf7');
          const svg = standaloneSvg(f, svgCss(css), bg);
          await writeFile(path.join(root, 'files', `${id}.csv`), toCsv(f));
          await writeFile(path.join(root, 'files', `${id}.svg`), svg);
          const w = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 600);
          await writeFile(path.join(root, 'files', `${id}.png`), new Resvg(svg, { font, fitTo: { mode: 'width', value: Math.round(w * 2) } }).render().asPng());
          const card = cardSvg(f, standaloneSvg(f, svgCss(css), bg, false), { bg, text: color('--c-text', '#1c1b19'), muted: color('--c-muted', '#5c5850'), rule: color('--c-accent', '#b3261e') }, siteName);
          await writeFile(path.join(root, 'cards', `${id}.png`), new Resvg(card, { font }).render().asPng());
        }
        logger.info(`${figures.size} figure(s): CSV, SVG and PNG downloads in /files/, social cards in /cards/`);
      },
    },
  };
}
