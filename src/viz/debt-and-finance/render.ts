/** Browser side of the debt and ownership charts: one picture, re-laid out on resize. */
import type { Mount } from '../../lib/viz/types';
import { mountStatic } from '../../lib/viz/mount';
import type { DebtData } from './prep';
import { stillParts } from './markup';

export const mount: Mount<DebtData> = (el, data, ctx) => mountStatic(el, 'debt-and-finance', (width) => stillParts(data, ctx.labels, -1, width));
