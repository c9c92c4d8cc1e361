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
 * A figure whose page SVG is not the whole picture (the shipping map, whose port names and route key
 * are HTML) leaves the picture to use instead in a <template class="figure-download-src">, which is
 * taken out of every page here.
 *
 * Figure.astro links the first three (download attributes); BaseLayout's
 * og:image names the card. The picture's words render in the chart face
 * they are laid out for (Source Sans 3, the page's subset; the SVG file carries
 * the glyphs it draws), the card's title, credit and source line in our
 * self-hosted serif (both converted to TrueType for resvg), on the light
 * theme's background. A figure without an SVG or a source line fails the build.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { forEachPage } from './built-pages.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { create } from 'fontkitten';
// @ts-expect-error subset-font ships no type declarations
import subsetFont from 'subset-font';

import { CARD } from './card-size.mjs';
/** The card's own words (title, credit, source line): the site's serif. */
const FAMILY = 'Source Serif 4';
/** The chart face, as the page's charts name it (src/styles/tokens.css --font-chart): every picture's words. */
export const CHART_FAMILY = 'Source Sans 3';

/** The chart face's two files, as scripts/fonts.mjs subsets them for the page (src/styles/fonts/). */
export async function chartFaces() {
  return {
    regular: await readFile(fileURLToPath(new URL('../styles/fonts/chart-400.woff2', import.meta.url))),
    bold: await readFile(fileURLToPath(new URL('../styles/fonts/chart-700.woff2', import.meta.url))),
  };
}

/** The characters a still draws: its text, outside the style, title and description, entities decoded. */
export function drawnChars(/** @type {string} */ doc) {
  const body = doc.replace(/<(style|title|desc)\b[\s\S]*?<\/\1>/g, '');
  const text = [...body.matchAll(/>([^<]+)</g)]
    .map((m) => m[1])
    .join('')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...new Set(text.replace(/\s/g, ''))].sort().join('') + ' ';
}

/**
 * The chart face for one still, as @font-face rules with the glyphs it draws
 * (subset, WOFF2, in a data: URL: an SVG shown as an image may load nothing
 * else). Laid out at build time for this face, a still drawn in a phone's or
 * a desktop's own sans ran past its edge or into its neighbours (77 labels on
 * Debian's DejaVu, review of 6 Dec 2026); with its face inside, it draws as
 * the chart on the page does, on any system. The bold face only where the
 * still's rules set bold text. The figure downloads (/files/*.svg) carry one too.
 */
export async function stillFace(/** @type {string} */ doc, /** @type {{ regular: Buffer, bold: Buffer }} */ faces) {
  const chars = drawnChars(doc);
  const bold = /font-weight:\s*(?:bold|[6-9]00)|font-weight="(?:bold|[6-9]00)"/.test(doc);
  /** @type {[Buffer, number][]} */
  const want = [[faces.regular, 400], ...(bold ? /** @type {[Buffer, number][]} */ ([[faces.bold, 700]]) : [])];
  const rules = await Promise.all(
    want.map(async ([buf, weight]) => {
      /** @type {Buffer} */
      const sub = await subsetFont(buf, chars, { targetFormat: 'woff2' });
      return `@font-face{font-family:'${CHART_FAMILY}';font-weight:${weight};font-style:normal;src:url(data:font/woff2;base64,${sub.toString('base64')}) format('woff2')}`;
    }),
  );
  return rules.join('');
}


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

/** A figure's own download picture (its SVG), and the element that carries it, which no page keeps. */
const DOWNLOAD_SRC_SVG = /<template class="figure-download-src">(<svg\b[\s\S]*?<\/svg>)<\/template>/;
export const DOWNLOAD_SRC = /<template class="figure-download-src">[\s\S]*?<\/template>/g;

/** The parts of one built figure. Throws naming the page and figure when one is missing. */
export function parseFigure(/** @type {string} */ block, /** @type {string} */ where) {
  // A figure whose page picture is not whole on its own (the shipping map: names and key in HTML) leaves
  // the picture to download in a <template class="figure-download-src"> (taken out of the pages below).
  const svg = DOWNLOAD_SRC_SVG.exec(block)?.[1] ?? /<svg\b[\s\S]*?<\/svg>/.exec(block)?.[0];
  const title = /<p class="figure__title"[^>]*>([\s\S]*?)<\/p>/.exec(block)?.[1];
  const source = /<p class="figure__source"[^>]*>([\s\S]*?)<\/p>/.exec(block)?.[1];
  if (!svg) throw new Error(`[figure-files] ${where}: no build-time <svg> to make the picture and card from`);
  if (!title || !source) throw new Error(`[figure-files] ${where}: no figure title or source line`);
  const tables = [...block.matchAll(/<table\b[\s\S]*?<\/table>/g)].map((m) => {
    const caption = textOf(/<caption>([\s\S]*?)<\/caption>/.exec(m[0])?.[1] ?? '');
    const rows = [...m[0].matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1])));
    return { caption, rows };
  });
  // Classes of the SVG's HTML ancestors inside the figure: the graphic's CSS is scoped under them. Ancestors
  // only (an element closed before the SVG, such as the title, is not one): with every class before the SVG,
  // the picture took `.figure__title`'s bold and 1rem, and every word of a download was drawn bold.
  const before = block.slice(0, block.indexOf(svg));
  /** @type {string[][]} */
  const open = [];
  const VOID = /^(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/i;
  for (const m of before.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b([^>]*?)(\/?)>/g)) {
    const [, close, tag, attrs, selfClose] = m;
    if (close) {
      open.pop();
      continue;
    }
    if (selfClose || VOID.test(tag)) continue;
    open.push(/\bclass="([^"]+)"/.exec(attrs)?.[1]?.split(/\s+/) ?? []);
  }
  const scope = [...new Set(open.flat())].join(' ');
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
  // The picture's words in the chart face they were laid out for (in the serif, the PNG downloads and cards ran
  // labels into each other and past the edge: 'Callao–Huancay', review of 7 Dec 2026).
  return out.replace(/font-family:[^;}]+/g, `font-family:'${CHART_FAMILY}'`);
}

/**
 * A built page's stylesheets as one text: the page's own, then its graphics' (`<style data-graphics>`,
 * src/components/graphic-css.ts), as a graphic's rules refine the page's. In the page the graphics' style
 * comes first, where the order decides nothing (their selectors are more specific); a still or a
 * download keeps only some of the rules, and keeps them in this order, as they were before the graphics'
 * rules had a style of their own.
 */
export function pageStyles(/** @type {string} */ html) {
  const styles = [...html.matchAll(/<style([^>]*)>([\s\S]*?)<\/style>/g)].map((m) => ({ graphics: /\bdata-graphics\b/.test(m[1] ?? ''), css: m[2] ?? '' }));
  return [...styles.filter((s) => !s.graphics), ...styles.filter((s) => s.graphics)].map((s) => s.css).join('\n');
}

/**
 * Only the rules a picture can use: those whose selector names classes that
 * all occur in the picture (or are its scope: one class or several), and the shared chart marks.
 * The step stills and the figure downloads carry these: the page's whole stylesheet in a
 * download gave resvg rules it matched too widely (every word bold once the face had a bold file).
 */
export function cssFor(/** @type {string} */ css, /** @type {string} */ scope, /** @type {string} */ svg) {
  const used = new Set([...scope.split(/\s+/), 'tick', 'axis-label']);
  for (const m of svg.matchAll(/\bclass="([^"]+)"/g)) for (const c of m[1].split(/\s+/)) used.add(c);
  const fits = (/** @type {string} */ sel) => {
    const classes = [...sel.matchAll(/\.([\w-]+)/g)].map((c) => c[1]);
    return classes.length > 0 && classes.every((c) => used.has(c));
  };
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)]
    .filter((m) => m[1].split(',').some(fits))
    .map((m) => `${m[1].trim()}{${m[2]}}`)
    .join('');
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
    // The picture's words (all inside its <g>) in the chart face, drawn as they were measured (no kerning, no
    // ligatures), as on the page; a social card's own title, source line and credit keep the serif.
    `<style><![CDATA[g text{font-family:'${CHART_FAMILY}';font-kerning:none;font-variant-ligatures:none}${css.replace(/\]\]>/g, '')}]]></style>` +
    `<rect x="${x}" y="${y}" width="${w}" height="${H}" fill="${bg}"/>` +
    `<g class="${esc(f.scope)}">${inner}</g>` +
    (foot
      ? `<text x="${x}" y="${y + h + 22}" font-size="11" font-family="'${CHART_FAMILY}'" fill="#5c5850">` +
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

/**
 * The fonts resvg draws the PNG downloads and cards with (it reads TrueType, not WOFF2): the build's
 * serif subsets in `<root>/fonts/` (scripts/fonts.mjs) for a card's own words, and the chart face for
 * the pictures' words, converted into `cacheDir`. `forResvg` renames the chart face in an SVG to the
 * family resvg knows it by: its name table's, which for these static files (made from the variable
 * font) is "Source Sans 3 ExtraLight", at weights 400 and 700; unrenamed, resvg fell back to the serif
 * without a word (and the serif's wider words ran into each other and past the edge).
 */
export async function resvgFonts(/** @type {string} */ root, /** @type {string} */ cacheDir) {
  await mkdir(cacheDir, { recursive: true });
  const all = Array.from({ length: 0x2fff }, (_, i) => String.fromCodePoint(i + 0x20)).join('');
  /** @type {string[]} */ const fontFiles = [];
  for (const f of await readdir(path.join(root, 'fonts'))) {
    if (!f.endsWith('.woff2')) continue;
    // subset-font with the full text of the font keeps every glyph; 'truetype' is sfnt.
    const out = path.join(cacheDir, f.replace(/\.woff2$/, '.ttf'));
    await writeFile(out, await subsetFont(await readFile(path.join(root, 'fonts', f)), all, { targetFormat: 'truetype' }));
    fontFiles.push(out);
  }
  let chartName = CHART_FAMILY;
  for (const [name, woff2] of Object.entries(await chartFaces())) {
    const out = path.join(cacheDir, `chart-${name}.ttf`);
    const ttf = await subsetFont(woff2, all, { targetFormat: 'truetype' });
    await writeFile(out, ttf);
    fontFiles.push(out);
    chartName = /** @type {import('fontkitten').Font} */ (create(ttf)).familyName;
  }
  const font = { loadSystemFonts: false, fontFiles, defaultFontFamily: chartName, serifFamily: FAMILY, sansSerifFamily: chartName };
  const forResvg = (/** @type {string} */ s) => s.split(`'${CHART_FAMILY}'`).join(`'${chartName}'`);
  return { font, forResvg };
}

/** @returns {import('astro').AstroIntegration} */
export default function figureFiles() {
  return {
    name: 'chancay-figure-files',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const repo = process.cwd();
        const faces = await chartFaces();
        const { font, forResvg } = await resvgFonts(root, path.join(repo, 'node_modules/.cache/chancay-card-fonts'));
        // The site's name in each edition (the card's credit): content/site.json, content/site.<locale>.json.
        /** @type {(lang: string) => Promise<string>} */
        const siteNameOf = async (lang) => JSON.parse(await readFile(path.join(repo, lang === 'en' ? 'content/site.json' : `content/site.${lang}.json`), 'utf8')).name;

        /** @type {Map<string, {block: string, css: string, lang: string, where: string}>} */
        const figures = new Map();
        await forEachPage(root, async (p) => {
          const html = await readFile(p, 'utf8');
          const css = pageStyles(html);
          // Each edition has its own files (a Spanish page's table, labels and source line are Spanish): <id>-<lang>.* beside <id>.*.
          const rel = path.relative(root, p);
          const lang = /^([a-z]{2})\//.exec(rel.split(path.sep).join('/'))?.[1] ?? 'en';
          for (const m of html.matchAll(/<chancay-figure\b[^>]*data-figure="([^"]+)"[^>]*>([\s\S]*?)<\/chancay-figure>/g)) {
            // The chapter page's copy (first found) and the embed's are the same figure.
            const key = lang === 'en' ? m[1] : `${m[1]}-${lang}`;
            if (!figures.has(key)) figures.set(key, { block: m[2], css, lang, where: `${rel} figure "${m[1]}"` });
          }
          // The download picture is for the files only: no page carries it (the shipping map's is 60 kB).
          if (html.includes('<template class="figure-download-src">')) await writeFile(p, html.replace(DOWNLOAD_SRC, ''));
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
          // Only the rules the picture uses (cssFor); its content sits in <g class="scope">, not in the page's <svg> inside it.
          const scoped = f.scope.split(/\s+/).reduce((c, cls) => c.split(`.${cls} svg`).join(`.${cls}`), svgCss(css));
          const pictureCss = cssFor(scoped, f.scope, f.svg);
          const svg = standaloneSvg(f, pictureCss, bg);
          await writeFile(path.join(root, 'files', `${id}.csv`), toCsv(f));
          // The file opened anywhere draws its words in the face they were laid out for: its own subset, inside it.
          await writeFile(path.join(root, 'files', `${id}.svg`), svg.replace('<style><![CDATA[', `<style><![CDATA[${await stillFace(svg, faces)}`));
          const w = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 600);
          await writeFile(path.join(root, 'files', `${id}.png`), new Resvg(forResvg(svg), { font, fitTo: { mode: 'width', value: Math.round(w * 2) } }).render().asPng());
          const card = cardSvg(f, standaloneSvg(f, pictureCss, bg, false), { bg, text: color('--c-text', '#1c1b19'), muted: color('--c-muted', '#5c5850'), rule: color('--c-accent', '#b3261e') }, siteName);
          await writeFile(path.join(root, 'cards', `${id}.png`), new Resvg(forResvg(card), { font }).render().asPng());
        }
        logger.info(`${figures.size} figure(s): CSV, SVG and PNG downloads in /files/, social cards in /cards/`);
      },
    },
  };
}
