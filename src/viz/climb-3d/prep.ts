/**
 * The 3D climb: stations of the Central railway from Callao to La Oroya,
 * placed in the plane. No per-station coordinates exist, so stations are
 * placed on the straight line between the two surveyed ends of the route
 * (Ministry of Culture, UNESCO tentative-list form), in proportion to their
 * km; stations west of the Lima end (Callao, Monserrate) extend that line.
 * The graphic says so. Pure; runs at build time.
 */
import type { StationInput } from '../climb-profile/prep';

/** Surveyed ends (degrees; south and west negative). Lima 12°02′39″S 77°01′43″W; La Oroya 11°31′22″S 75°54′33″W. */
export const LIMA_END = { lat: -(12 + 2 / 60 + 39 / 3600), lon: -(77 + 1 / 60 + 43 / 3600), id: 'desamparados' };
export const OROYA_END = { lat: -(11 + 31 / 60 + 22 / 3600), lon: -(75 + 54 / 60 + 33 / 3600), id: 'la-oroya' };
/** Heights are drawn this many times taller than distances (stated on the graphic). */
export const EXAGGERATION = 5;
const KM_PER_DEG = 111.32;

export interface Station3d {
  id: string;
  name: string;
  km: number;
  elev: number;
  lat: number;
  lon: number;
  /** East and south of the Lima end, km (three.js: x east, z south). */
  x: number;
  z: number;
  placed: 'surveyed' | 'interpolated' | 'extrapolated';
  /** Labelled in the scene. */
  label: boolean;
}

export interface Climb3dData {
  stations: Station3d[];
  exaggeration: number;
  /** Unit vector of the line in the plane (x, z). */
  dir: [number, number];
  /** Camera stretch per step, km. */
  steps: { from: number; to: number }[];
}

const LABELLED = ['callao', 'chosica', 'matucana', 'galera-summit', 'la-oroya'];

export function prep3d(rows: readonly StationInput[]): Climb3dData {
  const a = rows.find((r) => r.id === LIMA_END.id);
  const b = rows.find((r) => r.id === OROYA_END.id);
  if (!a || !b) throw new Error('[climb-3d] central-railway.csv must contain the surveyed ends (desamparados, la-oroya)');
  const cosLat = Math.cos((LIMA_END.lat * Math.PI) / 180);
  const toXZ = (lat: number, lon: number): [number, number] => [
    (lon - LIMA_END.lon) * cosLat * KM_PER_DEG,
    -(lat - LIMA_END.lat) * KM_PER_DEG,
  ];
  const stations: Station3d[] = rows
    .filter((r) => r.elev_m !== undefined && r.km <= b.km)
    .map((r) => {
      const t = (r.km - a.km) / (b.km - a.km);
      const lat = LIMA_END.lat + (OROYA_END.lat - LIMA_END.lat) * t;
      const lon = LIMA_END.lon + (OROYA_END.lon - LIMA_END.lon) * t;
      const [x, z] = toXZ(lat, lon);
      return {
        id: r.id,
        name: r.station,
        km: r.km,
        elev: r.elev_m!,
        lat,
        lon,
        x,
        z,
        placed: r.id === a.id || r.id === b.id ? 'surveyed' : t < 0 ? 'extrapolated' : 'interpolated',
        label: LABELLED.includes(r.id),
      };
    });
  const [ex, ez] = toXZ(OROYA_END.lat, OROYA_END.lon);
  const len = Math.hypot(ex, ez);
  const km = (id: string) => stations.find((s) => s.id === id)?.km ?? 0;
  return {
    stations,
    exaggeration: EXAGGERATION,
    dir: [ex / len, ez / len],
    steps: [
      { from: 0, to: km('chosica') },
      { from: km('chosica'), to: km('chicla') },
      { from: km('chicla'), to: b.km },
    ],
  };
}

/** Position on the line at a km, in scene units (km; y already exaggerated). */
export function positionAt(d: Climb3dData, km: number): [number, number, number] {
  const s = d.stations;
  const first = s[0]!;
  const last = s[s.length - 1]!;
  const k = Math.min(Math.max(km, first.km), last.km);
  let i = 1;
  while (i < s.length - 1 && s[i]!.km < k) i++;
  const p = s[i - 1]!;
  const q = s[i]!;
  const t = q.km === p.km ? 0 : (k - p.km) / (q.km - p.km);
  const lerp = (u: number, v: number) => u + (v - u) * t;
  return [lerp(p.x, q.x), (lerp(p.elev, q.elev) / 1000) * d.exaggeration, lerp(p.z, q.z)];
}

/**
 * The camera's vertical field of view for a stage of this width/height: 40 degrees on a stage at
 * least 4:3 wide, and on a narrower one (a phone's stage is about square) wide enough to keep the
 * 4:3 stage's horizontal view. With 40 degrees everywhere a phone saw a third less of the line
 * across: step 6 ("the flat blue plane is the Pacific") showed no sea, step 8 no La Oroya
 * (review, 6 Dec 2026).
 */

/**
 * The camera's vertical field of view for a stage of this width/height: 40 degrees on a stage at
 * least 4:3 wide, and on a narrower one (a phone's stage is about square) wide enough to keep the
 * 4:3 stage's horizontal view. With 40 degrees everywhere a phone saw a third less of the line
 * across: step 6 ("the flat blue plane is the Pacific") showed no sea, step 8 no La Oroya
 * (review, 6 Dec 2026).
 */
export function fovFor(aspect: number): number {
  const wide = 4 / 3;
  if (!(aspect > 0) || aspect >= wide) return 40;
  const half = Math.atan((Math.tan((20 * Math.PI) / 180) * wide) / aspect);
  return (2 * half * 180) / Math.PI;
}

/**
 * How far down (a fraction of the stage's height) a stage narrower than 4:3 looks. fovFor keeps the
 * 4:3 stage's view across and adds the rest of a tall stage's height above and below it: above the
 * line that was sky, the page's own colour, so on a phone the drawing ended a third of the way
 * down the stage (37-53% of it blank at steps 6-8, 390x844 and 360x740, 7 Dec 2026). Shifted by half the added
 * height, the 4:3 view sits at the top of the stage and the added room shows the land in front of
 * the line; the camera and what it sees across are unchanged.
 */
export function viewShiftFor(aspect: number): number {
  const wide = 4 / 3;
  if (!(aspect > 0) || aspect >= wide) return 0;
  return (1 - aspect / wide) / 2;
}

/** The part of a three.js PerspectiveCamera fitStage sets (prep.ts stays free of three at run time). */
interface StageCamera {
  aspect: number;
  fov: number;
  setViewOffset(fullWidth: number, fullHeight: number, x: number, y: number, width: number, height: number): void;
}

/** The camera's lens for a stage of this size in CSS px: its aspect, field of view (fovFor) and shift (viewShiftFor). */
export function fitStage(camera: StageCamera, width: number, height: number): void {
  camera.aspect = width / height;
  camera.fov = fovFor(camera.aspect);
  // setViewOffset updates the projection: the window onto the same view, moved down the frame.
  camera.setViewOffset(width, height, 0, Math.round(viewShiftFor(camera.aspect) * height), width, height);
}

/**
 * On a stage 3:4 or taller, the camera following the train and at the end of the last step's
 * pull-back: so much further behind (along the line), closer to it and higher, in the scene's units
 * (the wide stage's view: 30 behind, 95 to the side and 34 up following; 0, 190 and 28 at the end).
 */
const TALL = { follow: { back: 60, closer: 15, up: 20 }, end: { back: 110, closer: 75, up: 35 } };

/**
 * Where the train is and where the camera looks: a pure function of (step, progress) and the stage's
 * width/height. The narrower the stage than 4:3 (a phone's), the further behind the train and the
 * higher the camera stands, and the last step's pull-back ends behind Callao: the line runs up the
 * stage from front left to back right instead of a thin band across it.
 */
export function cameraAt(d: Climb3dData, step: number, progress: number, aspect = 4 / 3) {
  const st = d.steps[Math.min(Math.max(step, 0), d.steps.length - 1)]!;
  const t = step < 0 ? 0 : Math.min(1, Math.max(0, progress));
  const km = st.from + (st.to - st.from) * t;
  const train = positionAt(d, km);
  const [dx, dz] = d.dir;
  // Look from the south side, a little behind the train, so the line climbs left to right.
  const side: [number, number] = [dz, -dx].map((v) => -v) as [number, number];
  // A side view that pans with the train, a little from behind and above;
  // over the last step it pulls back to show the whole climb.
  const last = step >= d.steps.length - 1;
  const w = last ? t * t * (3 - 2 * t) : 0;
  // How tall the stage is: 0 at 4:3 or wider, 1 at 3:4 or taller.
  const tall = Math.min(1, Math.max(0, (4 / 3 - aspect) / (4 / 3 - 3 / 4)));
  const mid = positionAt(d, (d.stations[0]!.km + d.stations[d.stations.length - 1]!.km) / 2);
  const focus: [number, number, number] = [
    train[0] + (mid[0] - train[0]) * w,
    train[1] + (mid[1] - train[1]) * w,
    train[2] + (mid[2] - train[2]) * w,
  ];
  // Following the train, then at the end of the pull-back: behind, to the side, above.
  const follow = { back: 30 + TALL.follow.back * tall, off: 95 - TALL.follow.closer * tall, up: 34 + TALL.follow.up * tall };
  const end = { back: TALL.end.back * tall, off: 190 - TALL.end.closer * tall, up: 28 + TALL.end.up * tall };
  const back = follow.back * (1 - w) + end.back * w;
  const off = follow.off * (1 - w) + end.off * w;
  const eye: [number, number, number] = [
    focus[0] - dx * back + side[0] * off,
    focus[1] * 0.5 + follow.up * (1 - w) + end.up * w,
    focus[2] - dz * back + side[1] * off,
  ];
  const look: [number, number, number] = [focus[0] + dx * 12 * (1 - w), focus[1] * (0.55 - 0.25 * w), focus[2] + dz * 12 * (1 - w)];
  return { km, train, eye, look };
}
