/**
 * Longest files first. `vitest run` runs every layer's files in one pool of two
 * workers; on a fresh clone (CI) there are no recorded durations, so vitest's
 * own order is by file size, largest first, which starts the two axe files
 * (short files, the longest runs) near the end of the browser layer, where one
 * of them can run alone while the other worker has nothing left. These files
 * start first, in this order (their measured durations, fresh-clone CI,
 * 2 Dec 2026, with the axe files' and malformed-content's cuts of that
 * afternoon); every other file keeps vitest's order after them.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const LONGEST = [
  'test/e2e/a11y-pages.test.ts',
  'test/e2e/a11y-steps.test.ts',
  'test/e2e/phone-reading.test.ts',
  'test/e2e/comments-moderate.test.ts',
  'test/e2e/comments-widget.test.ts',
  'test/e2e/embed.test.ts',
  'test/e2e/climb.test.ts',
  'test/e2e/comments-api-pg.test.ts',
];

/** `files` in vitest's order, with the LONGEST ones moved to the front in LONGEST's order. */
export function longestFirst<T extends { moduleId: string }>(files: T[]): T[] {
  const rank = (f: T) => {
    const i = LONGEST.findIndex((p) => f.moduleId.replaceAll('\\', '/').endsWith(p));
    return i < 0 ? LONGEST.length : i;
  };
  return files
    .map((f, i) => ({ f, i, r: rank(f) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.f);
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return longestFirst(await super.sort(files));
  }
}
