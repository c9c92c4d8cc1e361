/**
 * Money to scale and time to build: rows of content/data/funding-flows.csv
 * and content/data/project-timelines.csv -> bars (two panels, each to its own
 * linear scale) and project spans. Pure.
 */
import { decimalYear, formatDate, formatUsd, yearsBetween } from '../../lib/text';
import { edition } from '../../lib/ui';

export interface FlowRow {
  id: string;
  label: string;
  value_usd_bn: number;
  high_usd_bn?: number | undefined;
  kind: string;
  panel: string;
  stack?: string | undefined;
  confidence: string;
  source: string[];
  note?: string | undefined;
}
export interface TimelineRow {
  id: string;
  project_id: string;
  project: string;
  event: string;
  date: string;
  precision: 'day' | 'month' | 'year';
  stage: 'announce' | 'build' | 'operate' | 'finance';
  confidence: string;
  source: string[];
  note?: string | undefined;
}

export interface Segment {
  id: string;
  label: string;
  value: number;
}
export interface MoneyBar {
  id: string;
  label: string;
  /** Sum of the segments, in US$ bn. */
  value: number;
  /** Upper end of a reported range, drawn as a whisker. */
  high?: number;
  /** A pledge or goal, not money lent or spent: drawn outlined. */
  pledge: boolean;
  segments: Segment[];
}
export interface Panel {
  id: string;
  bars: MoneyBar[];
  /** Domain maximum: the largest value (or range end) in the panel. */
  max: number;
}
export interface ProjectSpan {
  id: string;
  project: string;
  events: { id: string; t: number; date: string; dateText: string; event: string; stage: string }[];
  /** Still under way at `today` (no operating date). */
  ongoing: boolean;
  /** Decimal year the project started operating (its first operate row), if it did. */
  operateT?: number | undefined;
  /** Years from the first event to operation, or to today if ongoing. */
  years: number;
}
export interface TimelinesData {
  panels: Panel[];
  projects: ProjectSpan[];
  today: { t: number; date: string };
  domain: [number, number];
}

export function prepMoney(rows: FlowRow[]): Panel[] {
  const ids = [...new Set(rows.map((r) => r.panel))];
  return ids.map((id) => {
    const bars: MoneyBar[] = [];
    for (const r of rows.filter((x) => x.panel === id)) {
      const key = r.stack ?? r.id;
      let bar = bars.find((b) => b.id === key);
      if (!bar) {
        bar = { id: key, label: r.label, value: 0, pledge: r.kind === 'pledge', segments: [] };
        bars.push(bar);
      }
      bar.segments.push({ id: r.id, label: r.label, value: r.value_usd_bn });
      bar.value = bar.segments.reduce((s, x) => s + x.value, 0);
      if (r.high_usd_bn !== undefined) bar.high = r.high_usd_bn;
      // A stacked bar names each part with its amount.
      if (bar.segments.length > 1) bar.label = bar.segments.map((s) => `${s.label} (${formatUsd(s.value, edition)})`).join(' + ');
    }
    return { id, bars, max: Math.max(...bars.map((b) => Math.max(b.value, b.high ?? 0))) };
  });
}

export function prepProjects(rows: TimelineRow[], today: string): ProjectSpan[] {
  const ids = [...new Set(rows.map((r) => r.project_id))];
  return ids.map((id) => {
    const mine = rows.filter((r) => r.project_id === id);
    const project = mine[0]!.project;
    const ev = mine
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((r) => ({ id: r.id, t: decimalYear(r.date), date: r.date, dateText: formatDate(r.date, r.precision, edition), event: r.event, stage: r.stage }));
    const first = ev[0]!;
    const op = ev.find((e) => e.stage === 'operate');
    return { id, project, events: ev, ongoing: !op, operateT: op?.t, years: yearsBetween(first.date, op ? op.date : today) };
  });
}

export function prep(flows: FlowRow[], timelines: TimelineRow[], today: string): TimelinesData {
  const projects = prepProjects(timelines, today);
  const t0 = Math.floor(Math.min(...projects.flatMap((p) => p.events.map((e) => e.t))));
  const t1 = Math.ceil(decimalYear(today) + 0.05);
  return { panels: prepMoney(flows), projects, today: { t: decimalYear(today), date: today }, domain: [t0, t1] };
}
