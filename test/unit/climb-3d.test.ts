import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkStationTable, centralRailwaySchema } from '../../src/viz/climb-profile/schema';
import { prep3d, positionAt, cameraAt, fitStage, fovFor, viewShiftFor, LIMA_END, OROYA_END } from '../../src/viz/climb-3d/prep';
import { PerspectiveCamera, Vector3 } from 'three';
import { ResourceTracker } from '../../src/lib/three/resource-tracker';

const central = checkStationTable('content/data/central-railway.csv', readFileSync('content/data/central-railway.csv', 'utf8'), centralRailwaySchema);
const d = prep3d(central);

describe('3D station placement', () => {
  it('puts the surveyed ends at their coordinates and stops at La Oroya', () => {
    const lima = d.stations.find((s) => s.id === 'desamparados')!;
    const oroya = d.stations.find((s) => s.id === 'la-oroya')!;
    expect(lima.lat).toBeCloseTo(LIMA_END.lat, 9);
    expect(lima.lon).toBeCloseTo(LIMA_END.lon, 9);
    expect(oroya.lat).toBeCloseTo(-11.52278, 4);
    expect(oroya.lon).toBeCloseTo(OROYA_END.lon, 9);
    expect(lima.placed).toBe('surveyed');
    expect(d.stations[d.stations.length - 1]!.id).toBe('la-oroya');
    expect(d.stations.some((s) => s.km > 222)).toBe(false);
  });

  it('interpolates stations by km between the ends and marks Callao as extrapolated', () => {
    const chosica = d.stations.find((s) => s.id === 'chosica')!;
    const t = (54 - 14) / (222 - 14);
    expect(chosica.lat).toBeCloseTo(LIMA_END.lat + (OROYA_END.lat - LIMA_END.lat) * t, 9);
    expect(chosica.placed).toBe('interpolated');
    const callao = d.stations.find((s) => s.id === 'callao')!;
    expect(callao.placed).toBe('extrapolated');
    expect(callao.lon).toBeLessThan(LIMA_END.lon); // west of Lima, towards the sea
    // Straight-line distance Lima–La Oroya is about 134 km.
    const oroya = d.stations.find((s) => s.id === 'la-oroya')!;
    expect(Math.hypot(oroya.x, oroya.z)).toBeGreaterThan(125);
    expect(Math.hypot(oroya.x, oroya.z)).toBeLessThan(140);
  });

  it('draws heights exaggerated by the stated factor', () => {
    const summit = d.stations.find((s) => s.id === 'galera-summit')!;
    expect(positionAt(d, summit.km)[1]).toBeCloseTo((4783 / 1000) * d.exaggeration, 6);
  });
});

describe('3D camera', () => {
  it('follows the train up the line as a pure function of step and progress', () => {
    expect(cameraAt(d, -1, 0.8).km).toBe(0);
    const a = cameraAt(d, 1, 0.2);
    const b = cameraAt(d, 1, 0.8);
    expect(b.km).toBeGreaterThan(a.km);
    expect(b.train[1]).toBeGreaterThan(a.train[1]); // climbing in the gorge
    expect(cameraAt(d, 2, 1).km).toBeCloseTo(222, 6);
    expect(cameraAt(d, 1, 0.5)).toEqual(cameraAt(d, 1, 0.5));
    // The eye stays above the ground and on the south side of the line.
    for (const [s, p] of [[0, 0], [1, 0.5], [2, 1]] as const) {
      const c = cameraAt(d, s, p);
      expect(c.eye[1]).toBeGreaterThan(0);
    }
  });
});

describe('ResourceTracker', () => {
  it('disposes every geometry, material and texture it was given, once', () => {
    const disposed: string[] = [];
    const res = (name: string, extra: object = {}) => ({ ...extra, dispose: () => disposed.push(name) });
    const texture = res('texture', { isTexture: true });
    const material = res('material', { isMaterial: true, map: texture });
    const geometry = res('geometry');
    const mesh = { geometry, material, children: [{ geometry: res('child-geometry'), material: [res('m1', { isMaterial: true })] }] };
    const t = new ResourceTracker();
    t.track(mesh);
    t.track(geometry); // tracked twice, disposed once
    expect(t.size).toBe(5);
    t.dispose();
    expect(disposed.sort()).toEqual(['child-geometry', 'geometry', 'm1', 'material', 'texture']);
    expect(t.size).toBe(0);
  });
});

describe('3D camera on a narrow stage', () => {
  /** Where a point lands across the view (-1 left edge, 1 right edge) for a stage of this aspect. */
  const across = (aspect: number, fov: number, step: number, progress: number, point: [number, number, number]) => {
    const cam = cameraAt(d, step, progress);
    const c = new PerspectiveCamera(fov, aspect, 1, 2000);
    c.position.set(...cam.eye);
    c.lookAt(...cam.look);
    c.updateMatrixWorld();
    return new Vector3(...point).project(c).x;
  };
  it('keeps 40 degrees on a 4:3 or wider stage and widens on a narrower one to keep the same view across', () => {
    expect(fovFor(4 / 3)).toBe(40);
    expect(fovFor(16 / 9)).toBe(40);
    expect(fovFor(0.9)).toBeGreaterThan(50);
    const halfAcross = (aspect: number) => Math.atan(Math.tan(((fovFor(aspect) / 2) * Math.PI) / 180) * aspect);
    expect(halfAcross(0.9)).toBeCloseTo(halfAcross(4 / 3), 9);
  });
  it('on a phone\'s square stage shows what a 4:3 stage shows across: Callao, at the sea, through step 6; La Oroya at the end of step 8', () => {
    const callao = positionAt(d, d.stations[0]!.km);
    const oroya = positionAt(d, d.stations[d.stations.length - 1]!.km);
    for (const [step, point] of [
      [0, callao],
      [2, oroya],
    ] as const) {
      const wide = across(4 / 3, 40, step, 1, point);
      const phone = across(0.95, fovFor(0.95), step, 1, point);
      expect(Math.abs(wide)).toBeLessThan(1);
      expect(phone).toBeCloseTo(wide, 9);
      // What the phone saw before: 40 degrees on a square stage put the point off its edge.
      expect(Math.abs(across(0.95, 40, step, 1, point))).toBeGreaterThan(1);
    }
  });
});

describe('3D camera on a tall stage (a phone\'s)', () => {
  /** The stations the train has passed, on screen (CSS px from the stage's top left), as the scene's camera sees them. */
  const onStage = (width: number, height: number, step: number, progress: number, tall = true) => {
    const c = new PerspectiveCamera(40, 4 / 3, 1, 2000);
    if (tall) fitStage(c, width, height);
    else {
      // As the scene set its camera before 7 Dec 2026: no shift, the wide stage's camera.
      c.aspect = width / height;
      c.fov = fovFor(c.aspect);
      c.updateProjectionMatrix();
    }
    const cam = cameraAt(d, step, progress, tall ? width / height : 4 / 3);
    c.position.set(...cam.eye);
    c.lookAt(...cam.look);
    c.updateMatrixWorld();
    const at = (p: [number, number, number]) => {
      const v = new Vector3(...p).project(c);
      return { x: ((v.x + 1) / 2) * width, y: ((1 - v.y) / 2) * height };
    };
    const passed = d.stations.filter((s) => s.km <= cam.km + 1e-6).map((s) => at(positionAt(d, s.km)));
    const ys = passed.map((p) => p.y);
    return { passed, top: Math.min(...ys), bottom: Math.max(...ys), first: passed[0]!, last: passed[passed.length - 1]! };
  };
  const inside = (p: { x: number; y: number }, w: number, h: number) => p.x >= 0 && p.x <= w && p.y >= 0 && p.y <= h;

  it('shifts the view only on a stage narrower than 4:3, by half the height fovFor adds', () => {
    expect(viewShiftFor(4 / 3)).toBe(0);
    expect(viewShiftFor(2)).toBe(0);
    expect(viewShiftFor(0.8)).toBeCloseTo(0.2, 9);
    // A laptop's stage (688x300 at 1280 px) keeps its camera exactly.
    for (const [s, p] of [[0, 0], [1, 0.5], [2, 1]] as const) expect(cameraAt(d, s, p, 688 / 300)).toEqual(cameraAt(d, s, p));
  });

  it('at the end of step 8 shows the whole line, Callao to La Oroya, up the stage instead of a band across it (390x844: 350x436 stage; 360x740: 320x380)', () => {
    for (const [w, h] of [
      [350, 436],
      [320, 380],
    ] as const) {
      const now = onStage(w, h, 2, 1);
      const before = onStage(w, h, 2, 1, false);
      expect(inside(now.first, w, h) && inside(now.last, w, h), `${w}x${h}: Callao and La Oroya on the stage`).toBe(true);
      // The line's rise took 10% of the stage's height; now a quarter or more.
      expect((before.bottom - before.top) / h).toBeLessThan(0.12);
      expect((now.bottom - now.top) / h, `${w}x${h}`).toBeGreaterThan(0.25);
      // And it starts in the stage's upper part: the sky above it was a third of the stage.
      expect(before.top / h).toBeGreaterThan(0.4);
      expect(now.top / h).toBeLessThan(0.2);
    }
  });

  it('keeps the train and the line behind it on the stage at every step', () => {
    for (const [w, h] of [
      [350, 436],
      [320, 380],
    ] as const) {
      for (const [s, p] of [[0, 0], [0, 1], [1, 0], [1, 0.5], [1, 1], [2, 0], [2, 0.5], [2, 1]] as const) {
        const now = onStage(w, h, s, p);
        expect(inside(now.last, w, h), `${w}x${h} step ${s} at ${p}: the train on the stage`).toBe(true);
        expect(now.top, `${w}x${h} step ${s} at ${p}: nothing above the stage`).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
