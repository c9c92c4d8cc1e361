/**
 * The climb in 3D (three.js). Its own chunk (imported by <chancay-figure> on demand), so three.js is
 * fetched when the figure nears the viewport. The build-time profile stays as
 * the poster until the first frame is drawn, and for good if WebGL is missing.
 * Renders on demand (no animation loop), never while off-screen; every GPU
 * resource is tracked and disposed of on destroy.
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
import type { Mount } from '../../lib/viz/types';
import { ResourceTracker } from '../../lib/three/resource-tracker';
import { cameraAt, type Climb3dData } from './prep';
import { label } from '../../lib/viz/labels';
import { formatNumber } from '../../lib/text';
import { edition, ui } from '../../lib/ui';

const RIBBON_HALF_WIDTH = 1.2; // km
const fill = (tpl: string, vars: Record<string, string | number>) => tpl.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

interface Palette {
  line: Color;
  curtainTop: Color;
  curtainBottom: Color;
  sea: Color;
  land: Color;
  train: Color;
}

function readPalette(el: HTMLElement): Palette {
  const cs = getComputedStyle(el);
  const c = (name: string, fallback: string) => new Color().setStyle(cs.getPropertyValue(name).trim() || fallback);
  const bg = c('--c-bg', '#fbfaf7');
  const accent = c('--c-accent', '#b3261e');
  return {
    line: accent,
    curtainTop: accent.clone().lerp(bg, 0.45),
    curtainBottom: accent.clone().lerp(bg, 0.9),
    sea: c('--c-accent-2', '#0b5f8a').lerp(bg, 0.35),
    land: c('--c-rule', '#d9d4c9').lerp(bg, 0.5),
    train: c('--c-text', '#1c1b19'),
  };
}

/** A WebGL2 context on a fresh canvas, or null (never throws, logs nothing). */
function tryContext(): { canvas: HTMLCanvasElement; gl: WebGL2RenderingContext } | null {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2', { antialias: true, alpha: true, powerPreference: 'low-power' });
    return gl ? { canvas, gl } : null;
  } catch {
    return null;
  }
}

export const mount: Mount<Climb3dData> = (el, data, ctx) => {
  const L = ctx.labels;
  const poster = el.querySelector<SVGSVGElement>('.climb-3d__poster svg');
  const status = el.querySelector<HTMLElement>('.climb-3d__status');
  const webgl = tryContext();
  if (!webgl) {
    // Keep the poster and say why.
    if (status) status.textContent = label(L, 'no_webgl', 'climb-3d');
    el.classList.add('is-fallback');
    return {
      update() {},
      resize() {},
      destroy() {
        el.classList.remove('is-fallback');
        if (status) status.textContent = '';
      },
    };
  }

  const { canvas, gl } = webgl;
  const tracker = new ResourceTracker();
  const renderer = new WebGLRenderer({ canvas, context: gl, antialias: true, alpha: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
  const scene = new Scene();
  const camera = new PerspectiveCamera(40, 4 / 3, 1, 2000);

  const st = data.stations;
  const ex = data.exaggeration;
  const [dx, dz] = data.dir;
  // Horizontal normal to the line, for the ribbon's width.
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
    // lay flat (x), then turn (y) so the plane's edge at Callao is square to the line
    m.rotation.set(-Math.PI / 2, heading, 0, 'YXZ');
    m.position.set(first.x + sign * dx * (span / 2), y, first.z + sign * dz * (span / 2));
  }

  const train = tracker.track(new Mesh(new BoxGeometry(2, 1.4, 2), new MeshBasicMaterial()));
  scene.add(sea, land, curtain, ribbon, train);

  // HTML overlay: station labels (projected each frame) and the on-screen statements.
  const stage = document.createElement('div');
  stage.className = 'climb-3d__stage';
  canvas.setAttribute('role', 'img');
  for (const a of ['aria-labelledby', 'aria-describedby']) {
    const v = poster?.getAttribute(a);
    if (v) canvas.setAttribute(a, v);
  }
  const overlay = document.createElement('div');
  overlay.className = 'climb-3d__overlay';
  overlay.setAttribute('aria-hidden', 'true');
  const labelled = st.filter((s) => s.label);
  const PRIORITY = ['callao', 'galera-summit', 'la-oroya', 'chosica', 'matucana'];
  const order = labelled.map((_, i) => i).sort((a, b) => PRIORITY.indexOf(labelled[a]!.id) - PRIORITY.indexOf(labelled[b]!.id));
  const tags = labelled.map((s) => {
    const t = document.createElement('span');
    t.className = 'climb-3d__tag';
    t.textContent = `${L[`name_${s.id}`] ?? s.name} ${ui('unit.m', { n: formatNumber(s.elev, edition) }, edition)}`;
    overlay.append(t);
    return t;
  });
  const legend = document.createElement('p');
  legend.className = 'climb-3d__legend';
  const exLine = document.createElement('strong');
  exLine.textContent = fill(label(L, 'exaggeration', 'climb-3d'), { x: ex });
  const placeLine = document.createElement('span');
  const placement = () => (width && width < 480 ? (L['placement_short'] ?? L['placement']) : L['placement']) ?? '';
  placeLine.textContent = label(L, 'placement', 'climb-3d');
  legend.append(exLine, placeLine);
  const seaTag = document.createElement('span');
  seaTag.className = 'climb-3d__tag climb-3d__tag--sea';
  seaTag.textContent = label(L, 'sea', 'climb-3d');
  overlay.append(seaTag);
  stage.append(canvas, overlay, legend);

  let palette = readPalette(el);
  const applyPalette = () => {
    ribbonMat.color.copy(palette.line);
    seaMat.color.copy(palette.sea);
    landMat.color.copy(palette.land);
    (train.material as MeshBasicMaterial).color.copy(palette.train);
    const col = curtainGeo.getAttribute('color');
    for (let i = 0; i < st.length; i++) {
      col.setXYZ(i * 2, palette.curtainTop.r, palette.curtainTop.g, palette.curtainTop.b);
      col.setXYZ(i * 2 + 1, palette.curtainBottom.r, palette.curtainBottom.g, palette.curtainBottom.b);
    }
    col.needsUpdate = true;
  };
  applyPalette();

  let step = -1;
  let progress = 0;
  let width = 0;
  let height = 0;
  let visible = false;
  let dirty = true;
  let frame = 0;
  let shown = false;
  const v = new Vector3();

  const draw = () => {
    frame = 0;
    if (!visible || !width || gl.isContextLost()) return;
    dirty = false;
    const cam = cameraAt(data, step, progress);
    camera.position.set(...cam.eye);
    camera.lookAt(...cam.look);
    camera.updateMatrixWorld();
    train.position.set(cam.train[0], cam.train[1] + 0.8, cam.train[2]);
    renderer.render(scene, camera);
    // Station tags in priority order; a tag that would overlap one already shown, the legend, or leave the stage is hidden.
    const taken: DOMRect[] = [legend.getBoundingClientRect()];
    const stageBox = stage.getBoundingClientRect();
    for (const i of order) {
      const s = labelled[i]!;
      const tag = tags[i]!;
      v.set(s.x, (s.elev / 1000) * ex, s.z).project(camera);
      let off = v.z > 1 || v.x < -1.1 || v.x > 1.1 || v.y < -1 || v.y > 1;
      if (!off) {
        tag.hidden = false;
        const x = Math.max(4, Math.min(((v.x + 1) / 2) * width, width - tag.offsetWidth - 4));
        tag.style.transform = `translate(${x}px, ${((1 - v.y) / 2) * height}px)`;
        const r = tag.getBoundingClientRect();
        off = r.top < stageBox.top || taken.some((t) => r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom);
        if (!off) taken.push(r);
      }
      tag.hidden = off;
    }
    v.set(first.x - dx * 6 - dz * 6, 0, first.z - dz * 6 + dx * 6).project(camera);
    const seaOff = v.z > 1 || Math.abs(v.x) > 1 || Math.abs(v.y) > 1;
    seaTag.hidden = seaOff;
    if (!seaOff) seaTag.style.transform = `translate(${((v.x + 1) / 2) * width}px, ${((1 - v.y) / 2) * height}px)`;
    el.dataset.km = cam.km.toFixed(1);
    if (!shown) {
      // First frame drawn: the canvas replaces the poster.
      shown = true;
      el.classList.add('is-live');
      poster?.setAttribute('aria-hidden', 'true');
    }
  };
  const invalidate = () => {
    dirty = true;
    if (visible && !frame) frame = requestAnimationFrame(draw);
  };

  // Pause while off-screen. root: document keeps this working inside iframes.
  const io = new IntersectionObserver(
    (entries) => {
      visible = entries.some((e) => e.isIntersecting);
      if (!visible && frame) {
        cancelAnimationFrame(frame);
        frame = 0;
      }
      if (visible && dirty) invalidate();
    },
    { root: document, rootMargin: '10% 0px 10% 0px' },
  );
  io.observe(el);

  const dark = matchMedia('(prefers-color-scheme: dark)');
  const onScheme = () => {
    palette = readPalette(el);
    applyPalette();
    invalidate();
  };
  dark.addEventListener('change', onScheme);
  const onLost = (e: Event) => {
    e.preventDefault();
    el.classList.remove('is-live');
    poster?.removeAttribute('aria-hidden');
  };
  canvas.addEventListener('webglcontextlost', onLost);

  el.append(stage);

  return {
    update(i, p) {
      if (i === step && Math.abs(p - progress) < 1e-4) return;
      step = i;
      progress = p;
      invalidate();
    },
    resize(w, h) {
      const nw = Math.round(w);
      // h > 0: a box to fill (a phone's sticky stage), minus the status line's room.
      const nh = Math.round(Math.max(Math.min(Math.max(nw * 0.62, 300), 430), Math.min(h - 8, 480)));
      if (nw === width && nh === height) return;
      width = nw;
      height = nh;
      stage.style.height = `${nh}px`;
      placeLine.textContent = placement();
      renderer.setSize(nw, nh, false);
      camera.aspect = nw / nh;
      camera.updateProjectionMatrix();
      invalidate();
    },
    destroy() {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      io.disconnect();
      dark.removeEventListener('change', onScheme);
      canvas.removeEventListener('webglcontextlost', onLost);
      scene.clear();
      tracker.dispose();
      renderer.dispose();
      renderer.forceContextLoss();
      stage.remove();
      el.classList.remove('is-live');
      poster?.removeAttribute('aria-hidden');
    },
  };
};
