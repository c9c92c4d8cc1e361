/**
 * No English prose in src/: every string a reader sees comes from content/
 * (figures.yaml labels, content/ui/<locale>.json, chapters), so the Spanish
 * edition can translate it without touching code. This scans the string
 * literals of every .ts/.astro file in src/ for runs of words that read as
 * prose. Build errors (thrown messages and schema messages, which only a
 * developer sees) are allowed; so are the files listed in KNOWN with a reason.
 */
import { describe, it, expect } from 'vitest';
import { globSync, readFileSync } from 'node:fs';

/** Files still holding reader-visible English, each with why it is not fixed here. */
const KNOWN: Record<string, string> = {
};
/**
 * Not scanned: the comment widget (its own string table and test), and the
 * data-file parsers, whose every message is a build error naming file and row for an editor.
 */
const SKIP = ['/components/comments/', 'src/lib/csv.ts', 'src/lib/data-loader.ts'];

/** String literals of a source file that read as English prose (three or more words), outside comments and error messages. */
export function proseLiterals(src: string): string[] {
  const code = src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
    .replace(/<!--[\s\S]*?-->/g, '')
    // Build errors: new Error('…'), z message / error options, refine messages.
    .replace(/new (?:\w*Error)\(\s*(['"`])(?:(?!\1)[^\\]|\\.)*\1/g, '')
    .replace(/\bclass(?:Name|List\.add)?\s*[=:(]\s*(['"`])(?:(?!\1)[^\\]|\\.)*\1/g, '')
    .replace(/\b(?:message|error)\s*:\s*(['"`])(?:(?!\1)[^\\]|\\.)*\1/g, '')
    .replace(/\.(?:regex|refine|min|max|int|positive|nonnegative)\([^'"`]*?,\s*(['"`])(?:(?!\1)[^\\]|\\.)*\1/g, '');
  const out: string[] = [];
  for (const m of code.matchAll(/(['"`])((?:(?!\1)[^\\\n]|\\.)*)\1/g)) {
    const s = m[2]!.replace(/\$\{[^}]*\}/g, ' ');
    // Code-like strings: selectors, CSS, paths, markup, key names.
    if (/[{}();=<>|]|--|^\s*[.#@]|\.\w|^[\w-]+:/.test(s)) continue;
    if (/\b[A-Za-z][a-z’']+\b[ ,;:]+\b[a-z’']{2,}\b[ ,;:]+\b[a-z’']{2,}\b/.test(s)) out.push(m[2]!);
  }
  return out;
}

describe('no English prose in src/', () => {
  it('finds prose in a bad sample and ignores code, comments and build errors', () => {
    const bad = `const t = 'Show the data for this chart';\nel.textContent = \`Copied. Paste it into your page\`;`;
    expect(proseLiterals(bad)).toHaveLength(2);
    const fine = [
      `// a comment with several words in it`,
      `/** doc comment with words in it */`,
      `throw new Error(\`[x] label "\${k}" is missing from the file\`);`,
      `z.string().regex(/x/, 'expected an ISO date here')`,
      `const c = 'figure__canvas climb-profile';`,
      `<div class="table-wrap wide comparison">`,
      `el.setAttribute('aria-label', ui('figure.show_data', { caption }));`,
    ].join('\n');
    expect(proseLiterals(fine)).toEqual([]);
  });

  it('every graphic, component, layout, page and lib file reads its words from content/', () => {
    const files = globSync('src/**/*.{ts,astro}').filter((f) => !SKIP.some((s) => f.includes(s)));
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((f) => proseLiterals(readFileSync(f, 'utf8')).map((s) => `${f}: ${JSON.stringify(s)}`));
    const unexpected = found.filter((l) => !Object.keys(KNOWN).some((k) => l.startsWith(`${k}:`)));
    expect(unexpected, 'English prose in src/: move it to content/ui/en.json or the figure labels').toEqual([]);
    // A known exception that has been fixed must leave the list.
    for (const k of Object.keys(KNOWN)) expect(found.some((l) => l.startsWith(`${k}:`)), `${k} is clean: remove it from KNOWN`).toBe(true);
  });
});
