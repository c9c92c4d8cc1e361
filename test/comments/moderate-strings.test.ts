/**
 * The moderators' page reads its words from content/moderate/en.json (m() in
 * src/pages/moderate/_strings.ts). Every key the page's template and script
 * ask for is in the file (both plural forms where a number picks one), and
 * every key in the file is used. That no English is left in the code is
 * test/unit/english-in-src.test.ts's check (the page is no longer skipped).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import table from '../../content/moderate/en.json';

const FILES = ['src/pages/moderate/index.astro', 'src/pages/moderate/_moderate.ts'];
/** Keys built from a prefix and a value: the values each family takes. */
const FAMILIES: Record<string, string[]> = {
  queue_: ['waiting', 'reported', 'likely_spam', 'approved', 'rejected', 'spam'],
  bulk_: ['approve', 'reject', 'spam', 'waiting', 'delete'],
  action_: ['approve', 'reject', 'spam', 'waiting', 'delete'],
  done_: ['approve', 'reject', 'spam', 'waiting', 'delete'],
  audit_: ['approve', 'reject', 'spam', 'waiting', 'delete', 'self_delete', 'delete_by_email', 'export', 'purge', 'when', 'who', 'what', 'n', 'ids'],
  reason_: ['abuse', 'spam', 'personal', 'off_topic', 'other'],
};

/** The keys a source file asks m() / slots() for; `n:` in the call means a plural pair. */
export function keysAsked(src: string): string[] {
  const out: string[] = [];
  for (const call of src.matchAll(/\b(?:m|slots)\(\s*(['`])([^'`]+)\1\s*(,[^)]*)?/g)) {
    const key = call[2]!;
    const plural = /\bn\b/.test(call[3] ?? '');
    const fam = /^(\w+_)\$\{[^}]+\}$/.exec(key);
    const keys = fam ? (FAMILIES[fam[1]!] ?? [`${fam[1]}?`]).map((v) => fam[1] + v) : [key];
    for (const k of keys) out.push(...(plural && !(k in table) ? [`${k}_one`, `${k}_other`] : [k]));
  }
  // Template arrays of keys passed to m(k).
  for (const arr of src.matchAll(/\[((?:'audit_\w+',?\s*)+)\]\.map\(\(k\)/g)) out.push(...[...arr[1]!.matchAll(/'(\w+)'/g)].map((x) => x[1]!));
  return [...new Set(out)];
}

function missing(asked: string[], file: Record<string, string>) {
  return asked.filter((k) => typeof file[k] !== 'string');
}

describe('moderation page strings (content/moderate/en.json)', () => {
  it('finds a key the file lacks, and a plural pair half missing (the check can fail)', () => {
    const bad = `say(m('no_such_key')); m('changed', { n: 2, what }); m(\`queue_\${q}\`);`;
    const file = { changed_one: '{n} comment {what}.', queue_waiting: 'Waiting' } as Record<string, string>;
    expect(missing(keysAsked(bad), file)).toEqual(['no_such_key', 'changed_other', 'queue_reported', 'queue_likely_spam', 'queue_approved', 'queue_rejected', 'queue_spam']);
  });

  it('has every key the template and the script ask for, and no key nobody asks for', () => {
    const asked = FILES.flatMap((f) => keysAsked(readFileSync(f, 'utf8')));
    expect(asked.length).toBeGreaterThan(60);
    expect(missing(asked, table as Record<string, string>)).toEqual([]);
    const unused = Object.keys(table).filter((k) => !k.startsWith('$') && !asked.includes(k));
    expect(unused).toEqual([]);
  });
});
