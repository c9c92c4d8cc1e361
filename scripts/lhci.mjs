// `npm run lhci`: Lighthouse CI on the site's pages, then on the embed pages
// (see lighthouserc.cjs), then the summary table. Non-zero exit if any budget fails.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { listPages, isEmbed } from './pages.mjs';

rmSync('.lighthouseci', { recursive: true, force: true });
let ok = true;
const only = process.env.LHCI_ONLY?.split(',');
for (const set of ['site', 'embeds']) {
  const pages = listPages().filter((p) => (set === 'embeds') === isEmbed(p) && (!only || only.includes(p)));
  if (!pages.length) continue; // LHCI_ONLY named no page of this set
  console.log(`\n--- Lighthouse CI: ${set} pages`);
  const r = spawnSync('lhci', ['autorun', '--config=lighthouserc.cjs'], { stdio: 'inherit', env: { ...process.env, LHCI_SET: set } });
  ok &&= r.status === 0;
}
spawnSync(process.execPath, ['scripts/lhci-summary.mjs'], { stdio: 'inherit' });
process.exit(ok ? 0 : 1);
