/** Copy built from labels (figures.yaml) and computed numbers: the captions under the profile. Pure. */
import type { ClimbData, Gradient } from './prep';
import { fill, fmtInt } from './geometry';
import { label } from '../../lib/viz/labels';

const pm = (g: Gradient) => `${Math.round(Math.abs(g.permille))}‰`;

/** The caption naming the rows that are listed but not drawn. */
export function unplottedText(data: ClimbData, labels: Record<string, string>): string {
  const names = data.central.unplotted.filter((u) => u.kind !== 'zigzag').map((u) => u.name);
  return names.length ? fill(label(labels, 'unplotted', 'climb-profile'), { names: names.join(', ') }) : '';
}

/** The caption with the gradients computed from the data, compared with the documented local maximum. */
export function gradientText(data: ClimbData, labels: Record<string, string>): string {
  const max = Number(labels['documented_max'] ?? NaN);
  const any = data.steepestAny;
  const s = data.steepest;
  const over = Number.isFinite(max) && Math.abs(any.permille) > max ? fill(label(labels, 'over_max', 'climb-profile'), { max: `${max}‰` }) : '';
  const n = (id: string, name: string) => labels[`name_${id}`] ?? name;
  const south = data.southernSteepest;
  return fill(label(labels, 'gradients', 'climb-profile'), {
    grade: pm(s),
    from: n(s.fromId, s.from),
    to: n(s.toId, s.to),
    fromKm: fmtInt(s.fromKm),
    toKm: fmtInt(s.toKm),
    gradeAny: pm(any),
    fromAny: n(any.fromId, any.from),
    toAny: n(any.toId, any.to),
    overMax: over,
    gradeSouth: pm(south),
    fromSouth: n(south.fromId, south.from),
    toSouth: n(south.toId, south.to),
    max: Number.isFinite(max) ? `${max}‰` : '',
  });
}
