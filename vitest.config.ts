/**
 * Four test layers (ARCHITECTURE.md, "Tests"):
 *   unit         test/unit/        pure modules; no build, no servers; seconds
 *   build        test/build/       the built site (dist/) read as text
 *   browser      test/e2e/         Chromium against dist/ served with a comment server
 *   integration  test/e2e/comments-api*, test/comments/  the comment server: HTTP API (SQLite, PostgreSQL), store, scale, widget strings
 *   deploy       test/deploy/      the front servers as processes: serve.mjs attacked, npm start's supervision, real nginx + comment processes + PostgreSQL
 * `npx vitest run --project unit` runs one layer; `npx vitest run test/unit/csv.test.ts` one file.
 */
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import LongestFirst from './test/setup/sequencer';

// expect.poll waits for a browser or a server: vitest's default of 1 s is a budget a loaded 2-core
// machine misses (a page's scripts load after its first paint; a graphic fetches its data and code).
// A poll that needs less says so; one that needs more (a restart) passes its own timeout.
const SERVER_POLL = { timeout: 15_000, interval: 50 };
const integration = ['test/e2e/comments-api*.test.ts', 'test/comments/**/*.test.ts'];

// Node's on-disk cache of compiled modules, for every process the tests start: the comment server
// (startComments passes it on) loads Waline's ~3,000 modules at each start and restart, about 2.5 s
// of CPU here, 0.3 s of it compiling them, which the cache saves from the second start on.
process.env.NODE_COMPILE_CACHE ??= path.join(tmpdir(), 'chancay-node-compile-cache');

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // One worker more than the machine has cores: a browser test spends part of its time
    // waiting (for a frame, a poll, a server), so with one worker per core the cores sit
    // partly idle. Measured on a 2-core machine, the whole suite back to back on 5 Dec 2026:
    // 2 workers 752 s, 3 workers 662 s with the cores 99 % busy (so a 4th would only queue).
    // At most 8: each browser file runs its own Chromium and servers.
    // VITEST_MAX_WORKERS overrides it (e.g. 1 to read one file's timings undisturbed).
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || Math.min(availableParallelism() + 1, 8),
    // The longest-running files start first (test/setup/sequencer.ts), so neither worker ends up alone with one.
    sequence: { sequencer: LongestFirst },
    reporters: ['default'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'build', include: ['test/build/**/*.test.ts'], globalSetup: ['test/setup/dist.ts'] } },
      { test: { name: 'browser', include: ['test/e2e/**/*.test.ts'], exclude: integration, globalSetup: ['test/setup/site.ts'], expect: { poll: SERVER_POLL } } },
      { test: { name: 'integration', include: integration, expect: { poll: SERVER_POLL } } },
      { test: { name: 'deploy', include: ['test/deploy/**/*.test.ts'], globalSetup: ['test/setup/dist.ts'], expect: { poll: SERVER_POLL } } },
    ],
  },
});
