/**
 * Serves the built site (dist/) once for all tests on a free loopback port,
 * and a second server on another port for cross-origin host pages (embeds).
 * `npm test` builds first; run `npm run build` before `npx vitest` by hand.
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: plain ESM script without types
import { serve } from '../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dist = process.env.DIST_DIR ?? 'dist';
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/ is missing: run \`npm run build\` first (npm test does).`);
  const site = await serve({ quiet: true, root: dist });
  project.provide('siteUrl', site.url);
  return async () => {
    await site.close();
  };
}
