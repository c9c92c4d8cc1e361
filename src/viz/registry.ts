/**
 * Graphic modules by name (the `viz` field in content/figures.yaml). Each is
 * a dynamic import, so a graphic's code is its own chunk and loads only when
 * its figure nears the viewport.
 */
import type { Mount } from './types';

type Loader = () => Promise<{ mount: Mount<any> }>;

export const vizLoaders: Record<string, Loader> = {
  'rail-costs': () => import('./rail-costs/render'),
  'climb-profile': () => import('./climb-profile/render'),
  'climb-3d': () => import('./climb-3d/render'),
  'shipping-map': () => import('./shipping-map/render'),
  'funding-models': () => import('./funding-models/render'),
  'project-timelines': () => import('./project-timelines/render'),
  'debt-and-finance': () => import('./debt-and-finance/render'),
  'road-ahead': () => import('./road-ahead/render'),
};
