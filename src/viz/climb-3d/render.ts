/**
 * The 3D climb, page side. Its own chunk (imported by <chancay-figure> on
 * demand). The WebGL work runs in a worker on an OffscreenCanvas (scene.ts,
 * worker.ts), so three.js is fetched and run off the main thread when the
 * figure nears the viewport; where OffscreenCanvas is missing the same host
 * runs here. The build-time profile stays as the poster until the first frame
 * is drawn, and for good if WebGL is missing. Renders on demand (no animation
 * loop), never while off-screen; on destroy the worker disposes of every GPU
 * resource, drops its one context and closes.
 */
import type { Mount } from '../../lib/viz/types';
import type { Climb3dData } from './prep';
import type { HostIn, HostOut, PaletteCss } from './scene';
import { fill, label } from '../../lib/viz/labels';
import { formatNumber } from '../../lib/text';
import { edition, ui } from '../../lib/ui';
import { setAttr } from '../../lib/viz/mount';


function readPalette(el: HTMLElement): PaletteCss {
  const cs = getComputedStyle(el);
  const v = (name: string) => cs.getPropertyValue(name).trim();
  return { bg: v('--c-bg'), accent: v('--c-accent'), accent2: v('--c-accent-2'), rule: v('--c-rule'), text: v('--c-text') };
}

/** A channel to the scene host: a worker when the canvas can be handed over, else the host in this thread. */
function connect(canvas: HTMLCanvasElement, onMessage: (m: HostOut) => void): { send(m: HostIn): void; close(): void } {
  let closed = false;
  const receive = (m: HostOut) => {
    if (!closed || m.type === 'destroyed') onMessage(m);
  };
  if (typeof canvas.transferControlToOffscreen === 'function' && typeof Worker === 'function') {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'climb-3d' });
    worker.onmessage = (e: MessageEvent<HostOut>) => receive(e.data);
    return {
      send(m) {
        if (m.type === 'init') {
          const off = canvas.transferControlToOffscreen();
          worker.postMessage({ ...m, canvas: off }, [off]);
        } else worker.postMessage(m);
      },
      close() {
        closed = true;
        // The worker closes itself once it has disposed of everything; end it
        // for good if it cannot answer (context already gone, worker busy).
        const end = setTimeout(() => worker.terminate(), 2000);
        worker.addEventListener('message', (e: MessageEvent<HostOut>) => {
          if (e.data.type === 'destroyed') {
            clearTimeout(end);
            worker.terminate();
          }
        });
      },
    };
  }
  // No OffscreenCanvas: the same host, here (three.js loads on demand).
  const queue: HostIn[] = [];
  let host: ((m: HostIn) => void) | null = null;
  void import('./scene').then(({ createHost }) => {
    host = createHost(receive);
    for (const m of queue.splice(0)) host(m);
  });
  return {
    send(m) {
      if (host) host(m);
      else queue.push(m);
    },
    close() {
      closed = true;
    },
  };
}

export const mount: Mount<Climb3dData> = (el, data, ctx) => {
  const L = ctx.labels;
  const poster = el.querySelector<SVGSVGElement>('.climb-3d__poster svg');
  const status = el.querySelector<HTMLElement>('.climb-3d__status');
  const st = data.stations;
  const ex = data.exaggeration;
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;

  // HTML overlay: station labels (placed from each frame's projections) and the on-screen statements.
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
    t.hidden = true;
    overlay.append(t);
    return t;
  });
  const legend = document.createElement('p');
  legend.className = 'climb-3d__legend';
  const exLine = document.createElement('strong');
  exLine.textContent = fill(label(L, 'exaggeration', 'climb-3d'), { x: ex }, 'climb-3d');
  const placeLine = document.createElement('span');
  const placement = () => (width && width < 480 ? (L['placement_short'] ?? L['placement']) : L['placement']) ?? '';
  placeLine.textContent = label(L, 'placement', 'climb-3d');
  legend.append(exLine, placeLine);
  const seaTag = document.createElement('span');
  seaTag.className = 'climb-3d__tag climb-3d__tag--sea';
  seaTag.textContent = label(L, 'sea', 'climb-3d');
  seaTag.hidden = true;
  overlay.append(seaTag);
  stage.append(canvas, overlay, legend);

  let step = -1;
  let progress = 0;
  let width = 0;
  let height = 0;
  let shown = false;
  let failed = false;

  const fallback = () => {
    // Keep the poster and say why.
    failed = true;
    stage.remove();
    if (status) status.textContent = label(L, 'no_webgl', 'climb-3d');
    el.classList.add('is-fallback');
  };

  /**
   * The tags' and the legend's boxes in the overlay's coordinates. They change only with the
   * stage's size (resize) or the text's face, so they are read once, all in one pass, and not on
   * every frame: reading them after the frame's writes forced a layout per drawn frame (issue 12).
   */
  let measured: {
    boxes: { x: number; y: number; w: number; h: number }[];
    stageTop: number;
    legend: { left: number; right: number; top: number; bottom: number };
  } | null = null;
  const measure = () => {
    // Hidden tags keep their boxes (climb-3d.css): nothing to unhide before reading them.
    const over = overlay.getBoundingClientRect();
    const lg = legend.getBoundingClientRect();
    return {
      // Untransformed boxes (offsets include the tag's margins; a transform does not change them).
      boxes: tags.map((t) => ({ x: t.offsetLeft, y: t.offsetTop, w: t.offsetWidth, h: t.offsetHeight })),
      stageTop: stage.getBoundingClientRect().top - over.top,
      legend: { left: lg.left - over.left, right: lg.right - over.left, top: lg.top - over.top, bottom: lg.bottom - over.top },
    };
  };
  const onFonts = () => (measured = null);
  document.fonts?.addEventListener('loadingdone', onFonts);

  /**
   * A frame was drawn: place the tags in priority order, each above its station, or else below
   * it, or ending at it (above, then below); one that would overlap a tag already shown, the
   * legend, or leave the stage everywhere is hidden. On a phone's narrow stage La Oroya's tag,
   * where step 8 says the view ends, sat under the summit's and was always hidden. Only
   * transforms and `hidden` are written.
   */
  const placeTags = (points: number[]) => {
    const m = (measured ??= measure());
    const taken = [m.legend];
    for (const i of order) {
      const tag = tags[i]!;
      const b = m.boxes[i]!;
      const [x, y, z] = [points[i * 3]!, points[i * 3 + 1]!, points[i * 3 + 2]!];
      let off = z > 1 || x < -1.1 || x > 1.1 || y < -1 || y > 1;
      if (!off) {
        const sx = ((x + 1) / 2) * width;
        const sy = ((1 - y) / 2) * height;
        // The box's offset (b.x, b.y: its margins, climb-3d.css) puts it just above the station, starting
        // a little left of it; the other places mirror that: as far below it, as far past it to the left.
        const below = -2 * b.y - b.h;
        const end = b.w + 2 * b.x;
        off = true;
        for (const [dx, dy] of [
          [0, 0],
          [0, below],
          [-end, 0],
          [-end, below],
        ] as const) {
          // The box (not its origin, b.x to the right of it) kept 4 px inside the stage's sides.
          const px = Math.max(4 - b.x, Math.min(sx + dx, width - b.w - 4 - b.x));
          const py = sy + dy;
          const left = b.x + px;
          const top = b.y + py;
          const r = { left, top, right: left + b.w, bottom: top + b.h };
          if (r.top < m.stageTop || r.bottom > height || taken.some((t) => r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom)) continue;
          tag.style.transform = `translate(${px}px, ${py}px)`;
          taken.push(r);
          off = false;
          break;
        }
      }
      if (tag.hidden !== off) tag.hidden = off;
    }
    const k = labelled.length * 3;
    const [sx, sy, sz] = [points[k]!, points[k + 1]!, points[k + 2]!];
    const seaOff = sz > 1 || Math.abs(sx) > 1 || Math.abs(sy) > 1;
    if (seaTag.hidden !== seaOff) seaTag.hidden = seaOff;
    if (!seaOff) seaTag.style.transform = `translate(${((sx + 1) / 2) * width}px, ${((1 - sy) / 2) * height}px)`;
  };

  const channel = connect(canvas, (m) => {
    if (failed) return;
    if (m.type === 'nowebgl') fallback();
    else if (m.type === 'lost') {
      el.classList.remove('is-live');
      poster?.removeAttribute('aria-hidden');
    } else if (m.type === 'frame') {
      placeTags(m.points);
      // Written only when they change: a frame message comes with every drawn frame.
      setAttr(el, 'data-km', m.km.toFixed(1));
      setAttr(canvas, 'data-buffer-width', String(m.bufferWidth));
      // Whether the context multisamples is fixed for its life.
      if (!canvas.dataset.antialias) canvas.dataset.antialias = String(m.antialias);
    } else if (m.type === 'painted' && !shown) {
      // The first frame's pixels are drawn: the canvas and its tags replace the poster. Until then the
      // poster stays (the stage, tags and legend included, is hidden): at the first 'frame' the GPU
      // had only been asked to draw, and the tags stood on an empty stage for up to 4 s.
      shown = true;
      el.classList.add('is-live');
      poster?.setAttribute('aria-hidden', 'true');
    }
  });
  channel.send({ type: 'init', canvas, data, palette: readPalette(el), dpr: window.devicePixelRatio || 1 });

  // Pause while off-screen. root: document keeps this working inside iframes.
  const io = new IntersectionObserver(
    (entries) => channel.send({ type: 'visible', visible: entries.some((e) => e.isIntersecting) }),
    { root: document, rootMargin: '10% 0px 10% 0px' },
  );
  io.observe(el);

  const dark = matchMedia('(prefers-color-scheme: dark)');
  const onScheme = () => channel.send({ type: 'palette', palette: readPalette(el) });
  dark.addEventListener('change', onScheme);

  el.append(stage);

  return {
    update(i, p) {
      if (i === step && Math.abs(p - progress) < 1e-4) return;
      step = i;
      progress = p;
      channel.send({ type: 'view', step, progress });
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
      measured = null;
      channel.send({ type: 'size', width: nw, height: nh });
    },
    destroy() {
      io.disconnect();
      dark.removeEventListener('change', onScheme);
      document.fonts?.removeEventListener('loadingdone', onFonts);
      channel.send({ type: 'destroy' });
      channel.close();
      stage.remove();
      el.classList.remove('is-live', 'is-fallback');
      if (status) status.textContent = '';
      poster?.removeAttribute('aria-hidden');
    },
  };
};
