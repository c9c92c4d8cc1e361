/** axe-core injected into a real page (no CDN): returns violations as readable lines. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Run axe on the page, or only inside `selector` (the page as a whole is checked separately). */
export async function axe(page: Page, selector?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE); // not addScriptTag: the site's CSP blocks inline scripts; evaluate is not a page script
  const violations = await page.evaluate(async (sel) => {
    // @ts-expect-error injected global
    const r = await window.axe.run(sel ? { include: [sel] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return (r.violations as { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[]).map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1, 2).join(' ')}`),
    }));
  }, selector);
  return violations.map((v) => `${v.id} (${v.help}): ${v.nodes.join(' | ')}`);
}
