// Subsets the body serif (Source Serif 4, from npm) to the characters the
// content actually uses: a static regular and an italic of about 15 kB each
// instead of 50 kB, so the one font on the critical path loads fast on a phone.
// Writes public/fonts/ (generated, git-ignored); runs before every build.
// File names carry a hash of their bytes (serif-<hash>.woff2), so a new subset
// gets a new name and front servers can cache /fonts/ for a year (immutable);
// src/lib/fonts.ts finds the current names for the page head.
import subsetFont from 'subset-font';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = path.join(root, 'node_modules/@fontsource-variable/source-serif-4/files');
const out = path.join(root, 'public/fonts');

function contentChars() {
  const chars = new Set();
  // Printable ASCII always, and Spanish/Portuguese letters; any other
  // character a reader types falls back, glyph by glyph, to the next font.
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  for (const ch of 'áéíóúñüçãõâêôàÁÉÍÓÚÑÜÇÃÕÂÊÔÀ¿¡°×·«»') chars.add(ch);
  for (const ch of '–—‘’‚“”„…•′″€−→←↑↓≈≤≥‰·') chars.add(ch);
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(mdx|md|csv|json|ya?ml)$/.test(name)) for (const ch of readFileSync(p, 'utf8')) chars.add(ch);
    }
  };
  walk(path.join(root, 'content'));
  return [...chars].filter((ch) => ch.codePointAt(0) >= 0x20).join('');
}

const faces = [
  // Regular only: bold is synthesised from it, so bold text never paints in a
  // different face, and the one preloaded file stays small (LCP on mobile).
  { file: 'source-serif-4-latin-wght-normal.woff2', axes: { wght: 400 }, name: 'serif' },
  { file: 'source-serif-4-latin-wght-italic.woff2', axes: { wght: 400 }, name: 'serif-400-italic' },
];

export async function buildFonts() {
  // Old subsets go: only the current names may be published.
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const text = contentChars();
  const sizes = {};
  for (const f of faces) {
    const src = readFileSync(path.join(pkg, f.file));
    const buf = await subsetFont(src, text, { targetFormat: 'woff2', variationAxes: f.axes });
    const name = `${f.name}-${createHash('sha256').update(buf).digest('hex').slice(0, 10)}.woff2`;
    writeFileSync(path.join(out, name), buf);
    sizes[name] = buf.length;
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(pkg)) throw new Error('[fonts] @fontsource-variable/source-serif-4 is not installed: run npm ci');
  const sizes = await buildFonts();
  console.log('[fonts] subset:', Object.entries(sizes).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} kB`).join(', '));
}
