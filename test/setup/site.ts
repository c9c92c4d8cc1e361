/**
 * Global setup of the `browser` project: serves the built site (dist/) once
 * for all its tests on a free loopback port,
 * with a real comment server (Waline on a fresh SQLite store) behind its
 * same-origin /api/ proxy, as `npm start` does. Test files that need their
 * own servers (embeds' host origin, the comments suites) start them.
 * `npm test` builds first; run `npm run build:local` before `npx vitest` by hand.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-ignore: plain ESM script without types
import { serve } from '../../scripts/serve.mjs';
// @ts-ignore: plain ESM script without types
import { startComments } from '../../server/comments/index.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dist = process.env.DIST_DIR ?? 'dist';
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/ is missing: run \`npm run build:local\` first (npm test does).`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chancay-site-comments-'));
  const comments = await startComments({ dataDir, port: 0, quiet: true });
  const site = await serve({ quiet: true, root: dist, commentsUpstream: comments.url });
  project.provide('siteUrl', site.url);
  return async () => {
    await site.close();
    await comments.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
