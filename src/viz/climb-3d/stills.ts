/**
 * Each step's picture of the 3D climb for the plain article
 * (src/lib/viz/stills.ts). WebGL has no build-time picture, so the still is
 * the climb seen from the side, which is what the 3D camera shows: the
 * Central railway's elevation profile (the climb profile graphic's own
 * geometry and markup, as the 3D figure's poster is) with every mark, and
 * the train where the 3D scene's step ends (its `to` km along the line).
 */
import type { StepStills } from '../../lib/viz/stills';
import { figureIn } from '../../lib/i18n/content';
import { rowsOf } from '../../lib/rows';
import { centralRailwaySchema, southernRailwaySchema } from '../climb-profile/schema';
import { prep, stepAt } from '../climb-profile/prep';
import { layout } from '../climb-profile/geometry';
import { markup } from '../climb-profile/markup';
import { prep3d } from './prep';

export const stills: StepStills = async (_labels, count, width, height = 0) => {
  const central = await rowsOf('centralRailway', centralRailwaySchema);
  const profile = prep(central, await rowsOf('southernRailway', southernRailwaySchema));
  const data = prep3d(central);
  // In the page's edition (a Spanish still in Spanish).
  const profileLabels = (await figureIn('climb-profile'))?.data.labels;
  if (!profileLabels) throw new Error('[climb-3d] its stills use the climb-profile figure\'s labels: content/figures.yaml has no "climb-profile"');
  const i = profile.steps.findIndex((s) => s.band === 'descent');
  const step = stepAt(profile, i);
  const l = layout(profile, width, { southern: false, steep: step.steep, labels: profileLabels, ...(height > 0 ? { height } : {}) });
  return Array.from({ length: count }, (_, k) => {
    const s3 = data.steps[Math.min(k, data.steps.length - 1)]!;
    const svg = markup(l, profile, { index: i, step, km: s3.to, southernKm: null }, profileLabels);
    return { width: l.width, height: l.height, svg, scope: 'climb-3d__poster' };
  });
};
