/**
 * Every built page passes the W3C Nu HTML Checker (vnu-jar, Java) with 0
 * errors, CSS included. One JVM run over all pages (it takes a list of files),
 * found by walking dist/ rather than from a hand-kept list; the same run checks
 * a known-bad page, so the check is shown to fail on bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST } from './dist';
import { builtPages, nuErrors, type NuError } from './nu';

const dir = mkdtempSync(path.join(tmpdir(), 'nu-fixture-'));
const bad = path.join(dir, 'bad.html');
const good = path.join(dir, 'good.html');
const pages = builtPages(DIST);
let errors: NuError[] = [];

beforeAll(() => {
  // A duplicate id, an unknown CSS property and a script after </html>.
  writeFileSync(
    bad,
    '<!doctype html><html lang="en"><head><title>x</title><style>p{colr:red}</style></head><body><p id="a">a</p><p id="a">b</p></body></html><script src="/x.js"></script>',
  );
  // paint-order is on the allow-list; it must not be reported.
  writeFileSync(good, '<!doctype html><html lang="en"><head><title>x</title><style>text{paint-order:stroke}</style></head><body><p>a</p></body></html>');
  errors = nuErrors([bad, good, ...pages]);
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Nu HTML Checker', () => {
  it('reports a broken page and not an allowed CSS property (the check can fail)', () => {
    expect(errors.filter((e) => e.file === good)).toEqual([]);
    const mine = errors.filter((e) => e.file === bad).map((e) => e.message).join('\n');
    expect(mine).toMatch(/Duplicate ID|Stray start tag|colr/);
  });

  it('reports 0 errors on every built page', () => {
    // Every page the build writes, including embeds, 404 and moderation.
    expect(pages.length).toBeGreaterThan(10);
    expect(pages.length).toBe(readdirSync(DIST, { recursive: true }).filter((f) => String(f).endsWith('.html')).length);
    const onSite = errors.filter((e) => e.file !== bad && e.file !== good);
    expect(onSite.map((e) => `${path.relative(DIST, e.file)}:${e.line}: ${e.message}`)).toEqual([]);
  });
});
