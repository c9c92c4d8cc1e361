/**
 * The climb: station tables (content/data/central-railway.csv and
 * southern-railway.csv) -> the series the elevation profile draws, the
 * gradients computed from them, and the scroll steps. Pure.
 */

export interface StationInput {
  id: string;
  station: string;
  km: number;
  elev_m?: number | undefined;
  kind: 'station' | 'zigzag' | 'summit';
  confidence: string;
  note?: string | undefined;
  on_profile?: 'yes' | 'no';
}

/** A station with a known elevation: drawn on the profile. */
export interface Point {
  id: string;
  name: string;
  km: number;
  elev: number;
  kind: StationInput['kind'];
  confidence: string;
  /** 0 = always labelled; higher = dropped first when labels collide. */
  priority: number;
}

/** A row without elevation: listed in the table; zig-zags are also marked on the line by km. */
export interface Unplotted {
  id: string;
  name: string;
  km: number;
  kind: StationInput['kind'];
}

export interface Gradient {
  from: string;
  to: string;
  fromId: string;
  toId: string;
  fromKm: number;
  toKm: number;
  /** Average gradient between the two stations, per mille (m per km); negative = downhill. */
  permille: number;
  /** Both ends have high-confidence (H) elevations. */
  reliable: boolean;
}

export interface Line {
  points: Point[];
  /** Rows with no elevation (listed, not plotted). */
  unplotted: Unplotted[];
  /** Zig-zags, marked on the line by km (with or without an elevation). */
  zigzags: { id: string; name: string; km: number }[];
  summit: Point;
  lengthKm: number;
}

export interface StepDef {
  /** Key of the band label in figures.yaml labels (band_<key>). */
  band: string;
  /** Stretch of the central line the train covers during the step, km. */
  from: number;
  to: number;
  zigzags: boolean;
  steep: boolean;
  summit: boolean;
  southern: boolean;
}

export interface ClimbData {
  central: Line;
  southern: Line;
  /** Steepest station-to-station average between two H-confidence elevations. */
  steepest: Gradient;
  /** Steepest including approximate (M/L) elevations. */
  steepestAny: Gradient;
  southernSteepest: Gradient;
  steps: StepDef[];
}

/** Labels that must survive at every width (the landmarks). */
export const MUST_LABEL = ['callao', 'galera-summit', 'la-oroya', 'huancayo'];
/** Next most useful labels, in order. */
const WANTED = ['chosica', 'matucana', 'desamparados', 'casapalca', 'rio-blanco', 'santa-clara', 'surco', 'tamboraque'];
const SOUTHERN_WANTED = ['mollendo', 'arequipa', 'crucero-alto', 'juliaca', 'la-raya', 'cusco'];

function priorityOf(id: string, wanted: string[]): number {
  if (MUST_LABEL.includes(id)) return 0;
  const i = wanted.indexOf(id);
  return i < 0 ? 50 : 1 + i;
}

export function toLine(rows: readonly StationInput[], wanted: string[] = WANTED): Line {
  const onLine = rows.filter((r) => r.on_profile !== 'no');
  const points: Point[] = onLine
    .filter((r) => r.elev_m !== undefined)
    .map((r) => ({
      id: r.id,
      name: r.station,
      km: r.km,
      elev: r.elev_m!,
      kind: r.kind,
      confidence: r.confidence,
      priority: priorityOf(r.id, wanted),
    }));
  if (points.length < 2) throw new Error('[climb-profile] a line needs at least two stations with an elevation');
  const summit = points.reduce((a, b) => (b.elev > a.elev ? b : a));
  return {
    points,
    unplotted: rows
      .filter((r) => r.elev_m === undefined || r.on_profile === 'no')
      .map((r) => ({ id: r.id, name: r.station, km: r.km, kind: r.kind })),
    zigzags: onLine.filter((r) => r.kind === 'zigzag').map((r) => ({ id: r.id, name: r.station, km: r.km })),
    summit,
    lengthKm: points[points.length - 1]!.km,
  };
}

/** Average gradient of each stretch between consecutive stations with elevations. */
export function gradients(points: readonly Point[]): Gradient[] {
  const out: Gradient[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const dKm = b.km - a.km;
    if (dKm <= 0) continue;
    out.push({
      from: a.name,
      to: b.name,
      fromId: a.id,
      toId: b.id,
      fromKm: a.km,
      toKm: b.km,
      // metres per kilometre is per mille
      permille: (b.elev - a.elev) / dKm,
      reliable: a.confidence === 'H' && b.confidence === 'H',
    });
  }
  return out;
}

/** The steepest stretch (by absolute gradient), optionally among reliable ones only. */
export function maxGradient(points: readonly Point[], reliableOnly = false): Gradient {
  const g = gradients(points).filter((x) => !reliableOnly || x.reliable);
  if (!g.length) throw new Error('[climb-profile] no stretch to compute a gradient from');
  return g.reduce((a, b) => (Math.abs(b.permille) > Math.abs(a.permille) ? b : a));
}

/** Elevation on the drawn line at a km (linear between stations; clamped at the ends). */
export function elevAt(points: readonly Point[], km: number): number {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (km <= first.km) return first.elev;
  if (km >= last.km) return last.elev;
  for (let i = 1; i < points.length; i++) {
    const b = points[i]!;
    if (km <= b.km) {
      const a = points[i - 1]!;
      return a.elev + ((b.elev - a.elev) * (km - a.km)) / (b.km - a.km);
    }
  }
  return last.elev;
}

export function prep(central: readonly StationInput[], southern: readonly StationInput[]): ClimbData {
  const c = toLine(central);
  const s = toLine(southern, SOUTHERN_WANTED);
  const km = (id: string) => {
    const p = c.points.find((x) => x.id === id);
    if (!p) throw new Error(`[climb-profile] station "${id}" is missing from central-railway.csv`);
    return p.km;
  };
  const lastZigzag = c.zigzags.length ? c.zigzags[c.zigzags.length - 1]!.km : km('chicla');
  const steps: StepDef[] = [
    { band: 'coast', from: 0, to: km('chosica'), zigzags: false, steep: false, summit: false, southern: false },
    { band: 'gorge', from: km('chosica'), to: lastZigzag, zigzags: true, steep: true, summit: false, southern: false },
    { band: 'summit', from: lastZigzag, to: c.summit.km, zigzags: true, steep: true, summit: true, southern: false },
    { band: 'descent', from: c.summit.km, to: c.lengthKm, zigzags: true, steep: true, summit: true, southern: false },
    { band: 'south', from: c.lengthKm, to: c.lengthKm, zigzags: true, steep: true, summit: true, southern: true },
  ];
  return {
    central: c,
    southern: s,
    steepest: maxGradient(c.points, true),
    steepestAny: maxGradient(c.points),
    southernSteepest: maxGradient(s.points),
    steps,
  };
}

const clamp01 = (t: number) => Math.min(1, Math.max(0, t));

/** The step drawn: before the first step, the first; past the last, the last. */
export function stepAt(data: Pick<ClimbData, 'steps'>, step: number): StepDef {
  return data.steps[Math.min(Math.max(step, 0), data.steps.length - 1)]!;
}

/**
 * Where the train is, as a pure function of (step, progress): on the central
 * line it runs from the step's `from` to its `to`; in the Southern step a
 * second train runs Mollendo -> Cusco. Before the first step: at the port.
 */
export function markerAt(
  data: Pick<ClimbData, 'steps' | 'southern'>,
  step: number,
  progress: number,
): { km: number; southernKm: number | null } {
  if (step < 0) return { km: data.steps[0]!.from, southernKm: null };
  const s = stepAt(data, step);
  const t = clamp01(progress);
  const km = s.from + (s.to - s.from) * t;
  return { km, southernKm: s.southern ? data.southern.lengthKm * t : null };
}
