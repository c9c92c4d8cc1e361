/** Runs the W3C Nu HTML Checker (vnu-jar) once over a list of files. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * CSS the checker does not know yet, allowed by name. The only list of its kind:
 * add an entry only with the reason it is valid.
 */
export const ALLOWED_CSS = [
  // paint-order (CSS Fill and Stroke, SVG 2) halos the climb profile's labels; every
  // browser supports it, but the checker's CSS validator has no entry for it yet.
  /CSS: “paint-order”: Property “paint-order” doesn't exist\./,
  // animation-timeline (CSS Scroll-driven Animations) ties the chapters' reading-progress bar
  // to the scroll, inside @supports, until the bar's script takes over (and for good without
  // JavaScript); the checker's CSS validator has no entry for it yet.
  /CSS: “animation-timeline”: Property “animation-timeline” doesn't exist\./,
  // The shipping map's stage width on a phone (shipping-map.css): max() of var()s, valid CSS in every
  // browser. The checker's CSS validator resolves a var() only from declarations in the same <style>;
  // --stage-h is the page's (global.css), and since the graphics' rules have a <style> of their own
  // (7 Dec 2026, src/components/graphic-css.ts) it reports the value as invalid. Tried: the same
  // rule in one <style> with global.css passes.
  /CSS: “max-width”: “max\(var\(--sm-min-w\), calc\(\(var\(--stage-h\) - 8rem\) \* var\(--sm-aspect\)\)\)” is not a “max-width” value\./,
];

export interface NuError {
  file: string;
  line: string;
  message: string;
}

/** Every .html file under a built site, sorted. */
export function builtPages(dist: string): string[] {
  return readdirSync(dist, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => path.join(dist, f));
}

export function nuErrors(files: string[]): NuError[] {
  const jar = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
  const java = process.env.JAVA ?? 'java';
  const r = spawnSync(java, ['-Xss4m', '-jar', jar, '--format', 'json', '--also-check-css', '--exit-zero-always', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    throw new Error(
      `The Nu HTML Checker could not run (${r.error?.message ?? `exit ${r.status}`}): it needs Java (Debian: apt-get install default-jre-headless).\n${r.stderr}`,
    );
  }
  const out = JSON.parse(r.stderr || r.stdout) as { messages: { type: string; subType?: string; url?: string; lastLine?: number; message: string }[] };
  return out.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal')
    .filter((m) => !ALLOWED_CSS.some((re) => re.test(m.message)))
    .map((m) => ({ file: m.url ? decodeURIComponent(new URL(m.url).pathname) : '?', line: String(m.lastLine ?? '?'), message: m.message }));
}
