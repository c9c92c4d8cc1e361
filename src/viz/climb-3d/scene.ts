/**
 * The 3D climb's WebGL side, without the DOM: it runs in a worker on an
 * OffscreenCanvas (worker.ts), so creating the context, compiling shaders,
 * uploading geometry and drawing never block the page's main thread — the
 * first frame took ~0.9 s of main thread on a phone profile with software
 * WebGL. Where OffscreenCanvas is missing, render.ts runs the same host on
 * the page's own canvas. It speaks only in messages (see HostIn / HostOut):
 * the page sends the size, the step and the palette, and gets back, per frame
 * drawn, the km shown and where the station tags land (normalised device
 * coordinates), which it lays out in HTML.
 * One WebGL context; every GPU resource is tracked and disposed of on destroy.
 */
import {
  BoxGeometry,
  BufferGeometry,
  Color,
  DoubleSide,
  Float32BufferAttribute,
  Mesh,
  MeshBasicMaterial,
  PerspectiveCamera,
  PlaneGeometry,
  Scene,
  Vector3,
  WebGLRenderer,
} from 'three';
import { ResourceTracker } from '../../lib/three/resource-tracker';
import { cameraAt, fitStage, fovFor, type Climb3dData } from './prep';

const RIBBON_HALF_WIDTH = 1.2; // km

/** CSS colours read from the page (custom properties), parsed by three's Color. */
export interface PaletteCss {
  bg: string;
  accent: string;
  accent2: string;
  rule: string;
  text: string;
}

export type HostIn =
  | { type: 'init'; canvas: HTMLCanvasElement | OffscreenCanvas; data: Climb3dData; palette: PaletteCss; dpr: number }
  | { type: 'size'; width: number; height: number }
  | { type: 'view'; step: number; progress: number }
  | { type: 'visible'; visible: boolean }
  | { type: 'palette'; palette: PaletteCss }
  | { type: 'destroy' };

export type HostOut =
  | { type: 'nowebgl' }
  | { type: 'lost' }
  | { type: 'destroyed' }
  /** points: x, y, z in device coordinates for each labelled station (file order), then the sea tag. */
  | { type: 'frame'; km: number; points: number[]; bufferWidth: number; antialias: boolean }
  /** The first frame's drawing is done on the GPU: the canvas has pixels to show. */
  | { type: 'painted' };

type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

// Draws are coalesced: the page sends at most one view per frame of its own,
// and a burst of messages is drawn once, as soon as the queue is empty. (A
// worker's requestAnimationFrame stopped firing after the first frame in
// headless Chromium.)
const raf = (cb: () => void) => setTimeout(cb, 0) as unknown as number;
const caf = (id: number) => clearTimeout(id);

function colours(p: PaletteCss) {
  const c = (v: string, fallback: string) => new Color().setStyle(v.trim() || fallback);
  const bg = c(p.bg, '#fbfaf7');
  const accent = c(p.accent, '#b3261e');
  return {
    line: accent,
    curtainTop: accent.clone().lerp(bg, 0.45),
    curtainBottom: accent.clone().lerp(bg, 0.9),
    sea: c(p.accent2, '#0b5f8a').lerp(bg, 0.35),
    land: c(p.rule, '#d9d4c9').lerp(bg, 0.5),
    train: c(p.text, '#1c1b19'),
  };
}

/** The scene's message handler; `send` carries HostOut back to the page. */
export function createHost(send: (m: HostOut) => void): (m: HostIn) => void {
  let world: ReturnType<typeof build> | null = null;
  return (m) => {
    if (m.type === 'init') {
      world = build(m.canvas, m.data, m.palette, m.dpr, send);
      if (!world) send({ type: 'nowebgl' });
      return;
    }
    if (!world) {
      if (m.type === 'destroy') send({ type: 'destroyed' });
      return;
    }
    world.handle(m);
    if (m.type === 'destroy') {
      world = null;
      send({ type: 'destroyed' });
    }
  };
}

function build(canvas: AnyCanvas, data: Climb3dData, css: PaletteCss, dpr: number, send: (m: HostOut) => void) {
  let gl: WebGL2RenderingContext | null = null;
  // Multisampling only on a screen of under two device pixels per CSS pixel: at 2x and more
  // the edges are already fine, and a phone's GPU (or SwiftShader here, on the CPU the page
  // also needs) pays for four samples per pixel in every frame. Chapter 2 read on the phone
  // profile, frames over 20 ms in the 3D section, four alternating reads: 13/5/10/12 with it, 5/7/3/3 without.
  const antialias = dpr < 2;
  try {
    gl = canvas.getContext('webgl2', { antialias, alpha: true, powerPreference: 'low-power' }) as WebGL2RenderingContext | null;
  } catch {
    gl = null;
  }
  if (!gl) return null;
  // What the context gave, read once (fixed by the pixel ratio at init, as the buffer's scale is:
  // a window moved to another screen keeps both until the scene is made again).
  const multisampled = gl.getContextAttributes()?.antialias ?? false;

  const tracker = new ResourceTracker();
  const renderer = new WebGLRenderer({ canvas, context: gl, antialias, alpha: true });
  renderer.setPixelRatio(Math.min(dpr || 1, 2));
  const scene = new Scene();
  const camera = new PerspectiveCamera(fovFor(4 / 3), 4 / 3, 1, 2000);

  const st = data.stations;
  const ex = data.exaggeration;
  const [dx, dz] = data.dir;
  const nx = -dz * RIBBON_HALF_WIDTH;
  const nz = dx * RIBBON_HALF_WIDTH;

  // Ribbon (the track at its elevation) and curtain (down to sea level).
  const ribbonPos: number[] = [];
  const curtainPos: number[] = [];
  const idx: number[] = [];
  st.forEach((s, i) => {
    const y = (s.elev / 1000) * ex;
    ribbonPos.push(s.x - nx, y, s.z - nz, s.x + nx, y, s.z + nz);
    curtainPos.push(s.x, y, s.z, s.x, 0, s.z);
    if (i > 0) {
      const a = (i - 1) * 2;
      idx.push(a, a + 1, a + 2, a + 1, a + 3, a + 2);
    }
  });
  const ribbonGeo = new BufferGeometry();
  ribbonGeo.setAttribute('position', new Float32BufferAttribute(ribbonPos, 3));
  ribbonGeo.setIndex(idx);
  const curtainGeo = new BufferGeometry();
  curtainGeo.setAttribute('position', new Float32BufferAttribute(curtainPos, 3));
  curtainGeo.setAttribute('color', new Float32BufferAttribute(new Array(curtainPos.length).fill(0), 3));
  curtainGeo.setIndex(idx);
  const ribbonMat = new MeshBasicMaterial({ side: DoubleSide });
  const curtainMat = new MeshBasicMaterial({ side: DoubleSide, vertexColors: true, transparent: true, opacity: 0.85 });
  const ribbon = tracker.track(new Mesh(ribbonGeo, ribbonMat));
  const curtain = tracker.track(new Mesh(curtainGeo, curtainMat));
  ribbon.renderOrder = 2;

  // The Pacific: a plane at 0 m west of Callao, the land a plane east of it.
  const first = st[0]!;
  const span = 600;
  const seaMat = new MeshBasicMaterial({ transparent: true, opacity: 0.9 });
  const landMat = new MeshBasicMaterial({ transparent: true, opacity: 0.55 });
  const sea = tracker.track(new Mesh(new PlaneGeometry(span, span), seaMat));
  const land = tracker.track(new Mesh(new PlaneGeometry(span, span), landMat));
  const heading = Math.atan2(-dz, dx);
  for (const [m, sign, y] of [
    [sea, -1, 0],
    [land, 1, -0.05],
  ] as const) {
    m.rotation.set(-Math.PI / 2, heading, 0, 'YXZ');
    m.position.set(first.x + sign * dx * (span / 2), y, first.z + sign * dz * (span / 2));
  }
  const trainMat = new MeshBasicMaterial();
  const train = tracker.track(new Mesh(new BoxGeometry(2, 1.4, 2), trainMat));
  scene.add(sea, land, curtain, ribbon, train);

  const applyPalette = (p: PaletteCss) => {
    const pal = colours(p);
    ribbonMat.color.copy(pal.line);
    seaMat.color.copy(pal.sea);
    landMat.color.copy(pal.land);
    trainMat.color.copy(pal.train);
    const col = curtainGeo.getAttribute('color');
    for (let i = 0; i < st.length; i++) {
      col.setXYZ(i * 2, pal.curtainTop.r, pal.curtainTop.g, pal.curtainTop.b);
      col.setXYZ(i * 2 + 1, pal.curtainBottom.r, pal.curtainBottom.g, pal.curtainBottom.b);
    }
    col.needsUpdate = true;
  };
  applyPalette(css);

  const labelled = st.filter((s) => s.label);
  const v = new Vector3();
  let step = -1;
  let progress = 0;
  let width = 0;
  let height = 0;
  let visible = false;
  let dirty = true;
  let frame = 0;
  let lost = false;
  /**
   * The first frame's pixels. `render` only queues the drawing: with software WebGL the GPU side
   * (shader compilation, rasterising) took 0.7-4 s more, and a page that showed the canvas and its
   * tags at the first 'frame' showed the station names floating on an empty stage meanwhile (review,
   * 7 Dec 2026, chapter 2 at 390x844). A fence after the first draw says when it is done; polled, so
   * neither thread waits on it.
   */
  let painted: 'no' | 'waiting' | 'yes' = 'no';
  let fenceTimer = 0;
  const awaitPaint = () => {
    painted = 'waiting';
    const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    const poll = () => {
      fenceTimer = 0;
      if (lost) return;
      if (sync && gl.getSyncParameter(sync, gl.SYNC_STATUS) !== gl.SIGNALED) {
        fenceTimer = setTimeout(poll, 16) as unknown as number;
        return;
      }
      if (sync) gl.deleteSync(sync);
      painted = 'yes';
      send({ type: 'painted' });
    };
    fenceTimer = setTimeout(poll, 16) as unknown as number;
  };

  const draw = () => {
    frame = 0;
    if (!visible || !width || lost) return;
    dirty = false;
    const cam = cameraAt(data, step, progress, camera.aspect);
    camera.position.set(...cam.eye);
    camera.lookAt(...cam.look);
    camera.updateMatrixWorld();
    train.position.set(cam.train[0], cam.train[1] + 0.8, cam.train[2]);
    renderer.render(scene, camera);
    const points: number[] = [];
    for (const s of labelled) {
      v.set(s.x, (s.elev / 1000) * ex, s.z).project(camera);
      points.push(v.x, v.y, v.z);
    }
    v.set(first.x - dx * 6 - dz * 6, 0, first.z - dz * 6 + dx * 6).project(camera);
    points.push(v.x, v.y, v.z);
    send({ type: 'frame', km: cam.km, points, bufferWidth: gl.drawingBufferWidth, antialias: multisampled });
    if (painted === 'no') awaitPaint();
  };
  const invalidate = () => {
    dirty = true;
    if (visible && !frame) frame = raf(draw);
  };
  const onLost = (e: Event) => {
    e.preventDefault();
    lost = true;
    send({ type: 'lost' });
  };
  canvas.addEventListener('webglcontextlost', onLost);

  return {
    handle(m: HostIn) {
      switch (m.type) {
        case 'size':
          if (m.width === width && m.height === height) return;
          width = m.width;
          height = m.height;
          renderer.setSize(width, height, false);
          fitStage(camera, width, height);
          invalidate();
          return;
        case 'view':
          step = m.step;
          progress = m.progress;
          invalidate();
          return;
        case 'visible':
          visible = m.visible;
          if (!visible && frame) {
            caf(frame);
            frame = 0;
          }
          if (visible && dirty) invalidate();
          return;
        case 'palette':
          applyPalette(m.palette);
          invalidate();
          return;
        case 'destroy':
          if (frame) caf(frame);
          frame = 0;
          if (fenceTimer) clearTimeout(fenceTimer);
          fenceTimer = 0;
          canvas.removeEventListener('webglcontextlost', onLost);
          scene.clear();
          tracker.dispose();
          renderer.dispose();
          renderer.forceContextLoss();
          return;
      }
    },
  };
}
