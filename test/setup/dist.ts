/** Global setup of the `build` project: the tests read dist/ as text, so it must exist. */
import { existsSync } from 'node:fs';

export default function setup() {
  const dist = process.env.DIST_DIR ?? 'dist';
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/ is missing: run \`npm run build:local\` first (npm test does).`);
}
