/**
 * The locator map's data: places and lines from content/data/locator-*.csv,
 * with each line's `via` resolved to coordinates. Pure. A `via` that names a
 * place not in the file, or a hand-placed point on a line that is not
 * schematic, fails naming the file and the row.
 */
export interface PlaceRow {
  id: string;
  name: string;
  kind: 'capital' | 'port' | 'town' | 'mine' | 'station' | 'offmap';
  lon: number;
  lat: number;
  elev_m?: number | undefined;
  source: string[];
  confidence: string;
  note?: string | undefined;
}
export interface LineRow {
  id: string;
  name: string;
  kind: 'existing' | 'proposed' | 'area';
  via: string;
  schematic: 'yes' | 'no';
  source: string[];
  confidence: string;
  note?: string | undefined;
}

export interface Place {
  id: string;
  name: string;
  kind: PlaceRow['kind'];
  lon: number;
  lat: number;
  elev?: number | undefined;
}
export interface Line {
  id: string;
  name: string;
  kind: LineRow['kind'];
  schematic: boolean;
  /** [lon, lat] points in order. */
  coords: [number, number][];
  /** Place ids the line passes through (hand-placed points are left out). */
  places: string[];
}
export interface LocatorData {
  places: Place[];
  lines: Line[];
}

const LINES_FILE = 'content/data/locator-lines.csv';

export function prep(places: PlaceRow[], lines: LineRow[]): LocatorData {
  const byId = new Map(places.map((p) => [p.id, p]));
  const out: Line[] = lines.map((r) => {
    const coords: [number, number][] = [];
    const ids: string[] = [];
    for (const part of r.via.split(';').map((s) => s.trim()).filter(Boolean)) {
      if (part.startsWith('@')) {
        if (r.schematic !== 'yes') throw new Error(`${LINES_FILE}: row "${r.id}": hand-placed point "${part}" on a line that is not schematic: a real route goes through published places only`);
        const m = /^@(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)$/.exec(part);
        if (!m) throw new Error(`${LINES_FILE}: row "${r.id}": "${part}" is not "@lon lat"`);
        coords.push([Number(m[1]), Number(m[2])]);
        continue;
      }
      const p = byId.get(part);
      if (!p) throw new Error(`${LINES_FILE}: row "${r.id}": via names "${part}", which is not in content/data/locator-places.csv`);
      coords.push([p.lon, p.lat]);
      ids.push(p.id);
    }
    if (coords.length < 2) throw new Error(`${LINES_FILE}: row "${r.id}": a line needs at least two points`);
    return { id: r.id, name: r.name, kind: r.kind, schematic: r.schematic === 'yes', coords, places: ids };
  });
  return {
    places: places.map((p) => ({ id: p.id, name: p.name, kind: p.kind, lon: p.lon, lat: p.lat, elev: p.elev_m })),
    lines: out,
  };
}
