/**
 * The road ahead: rows of content/data/milestones.csv plus "today" -> dated
 * marks on one time axis. Pure.
 */
import { decimalYear, formatDate } from '../../lib/text';
import { edition } from '../../lib/ui';

export interface MilestoneRow {
  id: string;
  date: string;
  precision: 'day' | 'month' | 'year';
  label: string;
  kind: 'past' | 'apec' | 'future';
  confidence: string;
  source: string[];
  note?: string | undefined;
}

export interface Mark {
  id: string;
  t: number;
  dateText: string;
  label: string;
  kind: 'past' | 'apec' | 'future' | 'today';
  /** Low-confidence dates say so on the graphic. */
  low: boolean;
  note?: string | undefined;
}
export interface RoadData {
  marks: Mark[];
  domain: [number, number];
  today: number;
}

export function prep(rows: MilestoneRow[], today: string, todayLabel: string): RoadData {
  const marks: Mark[] = rows.map((r) => ({
    id: r.id,
    t: decimalYear(r.date),
    dateText: r.precision === 'year' && r.kind === 'future' ? formatDate(r.date, 'year', edition) : formatDate(r.date, r.precision, edition),
    label: r.label,
    kind: r.kind,
    low: r.confidence === 'L' || r.confidence === 'L-M',
    note: r.note,
  }));
  const t = decimalYear(today);
  marks.push({ id: 'today', t, dateText: formatDate(today, 'day', edition), label: todayLabel, kind: 'today', low: false });
  marks.sort((a, b) => a.t - b.t);
  const ts = marks.map((m) => m.t);
  return { marks, domain: [Math.floor(Math.min(...ts)), Math.floor(Math.max(...ts)) + 1], today: t };
}
