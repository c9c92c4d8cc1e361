/**
 * Longest files first. `vitest run` runs every layer's files in one pool of
 * workers (vitest.config.ts: three on a 2-core machine); on a fresh clone (CI)
 * there are no recorded durations, so vitest's own order is by file size,
 * largest first, which starts the short files that run longest late: the two
 * axe files, and the comment API suites (test/e2e/comments-api.test.ts is 7
 * lines and 46 s, so it started last of all 90 files in the fresh-clone CI of
 * 7 Dec 2026 on 2a508f4 and ran alone for its last 23 s while the other
 * workers had nothing left). Every file of 40 s or more in that run starts
 * first, longest first (its durations, vitest's per-file times with setup);
 * every other file keeps vitest's order after them, so the many short ones
 * fill the end. On that run's durations this order ends the pool at 718 s
 * against 739 s for the old list of eight (a list-scheduling simulation of
 * the three workers; `node` over test-results/vitest.json).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const LONGEST = [
  'test/e2e/a11y-pages.test.ts', // 276 s
  'test/e2e/comments-api-pg.test.ts', // 214 s
  'test/e2e/a11y-steps.test.ts', // 211 s
  'test/e2e/reader.test.ts', // 137 s
  'test/e2e/shipping.test.ts', // 136 s
  'test/e2e/chart-text.test.ts', // 125 s
  'test/e2e/phone-reading.test.ts', // 118 s
  'test/e2e/plain-article.test.ts', // 114 s
  'test/e2e/comments-widget.test.ts', // 94 s
  'test/e2e/comments-moderate.test.ts', // 89 s
  'test/e2e/embed.test.ts', // 82 s
  'test/e2e/climb.test.ts', // 63 s
  'test/e2e/after-paint.test.ts', // 62 s
  'test/e2e/funding.test.ts', // 62 s
  'test/comments/store.test.ts', // 50 s
  'test/e2e/comments-api.test.ts', // 46 s
  'test/e2e/stepper.test.ts', // 41 s
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
