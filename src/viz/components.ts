/**
 * Build-time components by graphic name (the `viz` field in figures.yaml).
 * An unknown name fails the build in Figure.astro.
 */
import RailCosts from './rail-costs/RailCosts.astro';

export const vizComponents: Record<string, any> = {
  'rail-costs': RailCosts,
};
