/** Each step's picture of the shipping map for the plain article (src/lib/viz/stills.ts): see `still` in markup.ts. */
import type { StepStills } from '../../lib/viz/stills';
import { rowsOf } from '../../lib/rows';
import { seaRoutesSchema, tradeSchema } from './schema';
import { prep, stateAt, type RouteRow, type TradeRow } from './prep';
import { reportedFacts } from './facts';
import { mapGeometry } from './basemap';
import { still } from './markup';

export const stills: StepStills = async (labels, count, width, height = 0) => {
  const rows = (await rowsOf('seaRoutes', seaRoutesSchema)) as RouteRow[];
  const data = prep(rows, (await rowsOf('trade', tradeSchema)) as TradeRow[], await reportedFacts());
  const geo = mapGeometry(rows);
  const phone = mapGeometry(rows, 'narrow');
  // A map step also has the phone map's picture, for a screen too narrow for the world map's names.
  return Array.from({ length: count }, (_, k) => ({
    ...still(data, geo, labels, k, width, height),
    scope: 'shipping-map',
    ...(stateAt(data, k).pane === 'map' ? { narrow: still(data, phone, labels, k, width) } : {}),
  }));
};
