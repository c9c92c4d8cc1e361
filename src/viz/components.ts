/**
 * Build-time components by graphic name (the `viz` field in figures.yaml).
 * An unknown name fails the build in Figure.astro.
 */
import RailCosts from './rail-costs/RailCosts.astro';
import ClimbProfile from './climb-profile/ClimbProfile.astro';
import Climb3d from './climb-3d/Climb3d.astro';
import ShippingMap from './shipping-map/ShippingMap.astro';
import FundingModels from './funding-models/FundingModels.astro';
import ProjectTimelines from './project-timelines/ProjectTimelines.astro';
import DebtAndFinance from './debt-and-finance/DebtAndFinance.astro';
import RoadAhead from './road-ahead/RoadAhead.astro';

export const vizComponents: Record<string, any> = {
  'rail-costs': RailCosts,
  'climb-profile': ClimbProfile,
  'climb-3d': Climb3d,
  'shipping-map': ShippingMap,
  'funding-models': FundingModels,
  'project-timelines': ProjectTimelines,
  'debt-and-finance': DebtAndFinance,
  'road-ahead': RoadAhead,
};
