/**
 * Each step says in words what its picture shows (issue 12): the description
 * comes from the MDX (`<Step shows="…">`), is in the no-JS HTML of the chapter
 * and of its embed, and the stepper's strings travel with each section.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { html, chapterSlugs, DIST } from './dist';

/** Steps of a page whose card has no non-empty `.step__shows` paragraph. */
export function stepsWithoutDescription(page: string): string[] {
  const missing: string[] = [];
  for (const m of page.matchAll(/<div class="step" id="(step-\d+)"[^>]*>([\s\S]*?)<\/div>\s*<\/div>/g)) {
    const shows = m[2]!.match(/<p class="step__shows">([\s\S]*?)<\/p>/);
    const text = shows ? shows[1]!.replace(/<[^>]+>/g, '').replace(/In the graphic:/, '').trim() : '';
    if (text.length < 20) missing.push(m[1]!);
  }
  return missing;
}

describe('step descriptions', () => {
  it('the checker catches a step without a description', () => {
    const bad = '<div class="step" id="step-1" data-step="1"><div class="step__card"><p>Text only.</p></div></div>';
    const good = '<div class="step" id="step-2" data-step="2"><div class="step__card"><p>Text.</p><p class="step__shows"><span class="step__shows-label">In the graphic:</span> Two bars are highlighted, the rest are dimmed.</p></div></div>';
    expect(stepsWithoutDescription(bad + good)).toEqual(['step-1']);
  });

  for (const slug of chapterSlugs()) {
    it(`${slug}: every step describes its picture in the static HTML, and the stepper's strings are there`, () => {
      const page = html(slug);
      const steps = [...page.matchAll(/<div class="step" id="step-\d+"/g)].length;
      expect(stepsWithoutDescription(page)).toEqual([]);
      // The checker saw every step (a markup change cannot make it pass by matching nothing).
      expect([...page.matchAll(/<p class="step__shows">/g)].length).toBe(steps);
      if (steps > 0) expect(page).toMatch(/<scrolly-section[^>]+data-stepper="[^"]*label/);
      const embed = path.join(DIST, 'embed', slug, 'index.html');
      if (existsSync(embed)) expect(stepsWithoutDescription(html(`embed/${slug}`))).toEqual([]);
    });
  }
});
