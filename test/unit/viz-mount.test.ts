/**
 * The shared mount (src/lib/viz/mount.ts): the graphic contract's bookkeeping.
 * A tiny stand-in for the DOM is enough: the helper only reads and writes
 * attributes, innerHTML and dataset on the <svg>.
 */
import { describe, it, expect } from 'vitest';
import { clampStep, fill, mountSvg, mountStatic } from '../../src/lib/viz/mount';

/** prepare() lets a frame go by between parts (afterNextFrame): a stand-in for the browser's frames. Returns the undo. */
function standInFrames(): () => void {
  const g = globalThis as { requestAnimationFrame?: unknown; document?: unknown };
  const saved = { raf: g.requestAnimationFrame, doc: g.document };
  g.requestAnimationFrame = (cb: () => void) => setTimeout(cb, 0);
  g.document = { visibilityState: 'visible' };
  return () => {
    g.requestAnimationFrame = saved.raf;
    g.document = saved.doc;
  };
}

function fakeCanvas(width = 360) {
  const attrs: Record<string, string> = { width: String(width) };
  const svg = {
    innerHTML: '<build-time/>',
    dataset: {} as Record<string, string>,
    getAttribute: (k: string) => attrs[k] ?? null,
    setAttribute: (k: string, v: string) => void (attrs[k] = v),
  };
  const el = { querySelector: (sel: string) => (sel === 'svg' ? svg : null) } as unknown as HTMLElement;
  return { el, svg, attrs };
}

describe('clampStep', () => {
  it('shows the first state before the section (-1) and the last after it', () => {
    expect(clampStep(-1, 3)).toBe(0);
    expect(clampStep(1, 3)).toBe(1);
    expect(clampStep(7, 3)).toBe(2);
    expect(clampStep(0, 0)).toBe(0);
  });
});

describe('mountSvg', () => {
  it('draws the picture for (step, width) and only when something changed', () => {
    const { el, svg, attrs } = fakeCanvas();
    const calls: string[] = [];
    const h = mountSvg(el, {
      name: 't',
      draw: (step, _p, width) => (calls.push(`${step}@${width}`), { width, height: 100 + step, svg: `<g data-step="${step}"/>` }),
    });
    h.update(-1, 0);
    expect(calls).toEqual(['-1@360']);
    expect(svg.innerHTML).toBe('<g data-step="-1"/>');
    h.update(-1, 0.5); // progress alone does not change this graphic
    expect(calls).toHaveLength(1);
    h.update(2, 0);
    h.resize(390, 500);
    h.resize(390.2, 500); // same rounded width
    expect(calls).toEqual(['-1@360', '2@360', '2@390']);
    expect(attrs['viewBox']).toBe('0 0 390 102');
    expect(attrs['width']).toBe('390');
    expect(svg.dataset['step']).toBe('2');
  });

  it('restyles instead of redrawing when only the state changed, and redraws when the layout follows the step', () => {
    const { el } = fakeCanvas();
    const log: string[] = [];
    const draw = (step: number, _p: number, width: number) => (log.push(`draw ${step}`), { width, height: 10, svg: '' });
    const restyle = (_svg: SVGSVGElement, step: number, p: number) => void log.push(`restyle ${step} ${p}`);
    const a = mountSvg(el, { name: 'a', draw, restyle });
    a.update(-1, 0);
    a.update(1, 0);
    expect(log).toEqual(['restyle -1 0', 'restyle 1 0']);
    log.length = 0;
    const b = mountSvg(el, { name: 'b', draw, restyle, layoutByStep: true, usesProgress: true });
    b.update(0, 0);
    b.update(0, 0.5);
    b.update(1, 0.5);
    expect(log).toEqual(['draw 0', 'restyle 0 0', 'restyle 0 0.5', 'draw 1', 'restyle 1 0.5']);
  });

  it('sized before its first state, draws once at that size (not at the build-time width and again)', () => {
    const log: string[] = [];
    const draw = (step: number, _p: number, width: number, height: number) => (log.push(`draw ${step}@${width}x${height}`), { width, height: 10, svg: '' });
    const restyle = (_svg: SVGSVGElement, step: number) => void log.push(`restyle ${step}`);
    const a = mountSvg(fakeCanvas().el, { name: 'a', draw });
    a.resize(390, 700);
    expect(log).toEqual([]);
    a.update(3, 0);
    expect(log).toEqual(['draw 3@390x0']);
    a.resize(390, 700); // the ResizeObserver's first call: the same size
    expect(log).toEqual(['draw 3@390x0']);
    // A graphic that only restyles redraws when its first state comes at a size other than the build-time picture's.
    log.length = 0;
    const b = mountSvg(fakeCanvas().el, { name: 'b', draw, restyle, usesHeight: true });
    b.resize(390, 500);
    b.update(1, 0);
    expect(log).toEqual(['draw 1@390x500', 'restyle 1']);
    // ... and only restyles when that size is the build-time one.
    log.length = 0;
    const c = mountSvg(fakeCanvas().el, { name: 'c', draw, restyle });
    c.resize(360, 500);
    c.update(1, 0);
    expect(log).toEqual(['restyle 1']);
  });

  it('a drawing made ahead (prepare) is what the update for that state shows, without drawing again', async () => {
    const { el, svg } = fakeCanvas();
    const calls: string[] = [];
    const h = mountSvg(el, {
      name: 't',
      draw: (step, _p, width) => (calls.push(`${step}@${width}`), { width, height: 50, svg: `<g data-step="${step}"/>` }),
    });
    h.resize(300, 0);
    await h.prepare(2, 0);
    expect(calls).toEqual(['2@300']);
    expect(svg.innerHTML).toBe('<build-time/>'); // made, not shown
    h.update(2, 0);
    expect(calls).toEqual(['2@300']); // shown without a second drawing
    expect(svg.innerHTML).toBe('<g data-step="2"/>');
    // Used once: the same state again after another is drawn afresh.
    h.update(1, 0);
    h.update(2, 0);
    expect(calls).toEqual(['2@300', '1@300', '2@300']);
    // Made at another size: never shown at this one.
    await h.prepare(3, 0);
    h.resize(320, 0); // redraws the step on screen at the new size
    h.update(3, 0);
    expect(calls.slice(-3)).toEqual(['3@300', '2@320', '3@320']);
    expect(svg.innerHTML).toBe('<g data-step="3"/>');
  });

  it('a graphic with restyle takes a drawing made for any step of the same layout; redraw() drops what was made', async () => {
    const { el, svg } = fakeCanvas();
    const calls: string[] = [];
    const restyled: number[] = [];
    const h = mountSvg(el, {
      name: 't',
      layoutByStep: (step) => (step >= 2 ? 'wide' : 'narrow'),
      draw: (step, _p, width) => (calls.push(`${step}@${width}`), { width, height: 50, svg: `<g data-layout="${step >= 2 ? 'wide' : 'narrow'}"/>` }),
      restyle: (_svg, step) => void restyled.push(step),
    });
    h.resize(300, 0);
    h.update(0, 0);
    await h.prepare(2, 0);
    h.update(3, 0); // another step of the prepared layout: shown, then restyled to step 3
    expect(calls).toEqual(['0@300', '2@300']);
    expect(svg.innerHTML).toBe('<g data-layout="wide"/>');
    expect(restyled.at(-1)).toBe(3);
    // Something outside the state changed (the shipping map's speed): what was made is stale.
    await h.prepare(0, 0);
    h.redraw();
    h.update(1, 0);
    expect(calls).toEqual(['0@300', '2@300', '0@300', '3@300', '1@300']);
  });

  it('a drawing given in parts (a generator) is finished at once by an update', () => {
    const { el, svg } = fakeCanvas();
    const parts: string[] = [];
    const h = mountSvg(el, {
      name: 't',
      *draw(step, _p, width) {
        parts.push('layout');
        yield;
        parts.push('markup');
        return { width, height: 40, svg: `<g data-step="${step}"/>` };
      },
    });
    h.update(0, 0);
    expect(parts).toEqual(['layout', 'markup']);
    expect(svg.innerHTML).toBe('<g data-step="0"/>');
  });

  it('a drawing in parts still being made when redraw() or destroy() comes is dropped, and its other parts are not run', async () => {
    const restore = standInFrames();
    try {
      const { el, svg } = fakeCanvas();
      let outside = 'v1'; // something the picture shows that is not in the state (the shipping map's speed)
      const log: string[] = [];
      const h = mountSvg(el, {
        name: 't',
        restyle: () => {},
        layoutByStep: (step) => (step >= 1 ? 'b' : 'a'),
        *draw(_s, _p, width) {
          const v = outside;
          log.push(`layout ${v}@${width}`);
          yield;
          log.push(`markup ${v}@${width}`);
          return { width, height: 40, svg: `<g data-v="${v}"/>` };
        },
      });
      h.resize(300, 0);
      h.update(0, 0); // the build-time picture is at 360: drawn at 300
      const making = h.prepare(1, 0); // the next step's layout, ahead
      outside = 'v2';
      h.redraw(); // the reader moved the slider: the picture on screen is drawn again
      await making;
      h.update(1, 0); // drawn afresh: the v1 drawing that was being made is not shown
      expect(svg.innerHTML).toBe('<g data-v="v2"/>');
      expect(log).toEqual(['layout v1@300', 'markup v1@300', 'layout v1@300', 'layout v2@300', 'markup v2@300', 'layout v2@300', 'markup v2@300']);
      const before = log.length;
      const late = h.prepare(0, 0);
      h.destroy();
      await late;
      expect(log.slice(before), 'the rest of a drawing is not made after destroy()').toEqual(['layout v2@300']);
      await h.prepare(0, 0);
      expect(log.length, 'a destroyed graphic makes nothing').toBe(before + 1);
    } finally {
      restore();
    }
  });

  it('an update that needs the drawing prepare() is part-way through finishes it: no part runs twice, and the rest is not run again later', async () => {
    // The reader reached the step before its layout, made ahead a frame at a time, was ready (a busy phone).
    const restore = standInFrames();
    try {
      const { el, svg } = fakeCanvas();
      const log: string[] = [];
      const h = mountSvg(el, {
        name: 't',
        restyle: () => {},
        layoutByStep: (step) => (step >= 1 ? 'b' : 'a'),
        *draw(step, _p, width) {
          const layout = step >= 1 ? 'b' : 'a';
          log.push(`scales ${layout}`);
          yield;
          log.push(`labels ${layout}`);
          yield;
          log.push(`markup ${layout}`);
          return { width, height: 40, svg: `<g data-layout="${layout}"/>` };
        },
      });
      h.resize(300, 0);
      h.update(0, 0);
      const making = h.prepare(1, 0); // its first part runs now; the others a frame apart
      expect(log.slice(3)).toEqual(['scales b']);
      h.update(1, 0); // the step arrives first: the drawing is finished here, from where it stopped
      expect(svg.innerHTML).toBe('<g data-layout="b"/>');
      await making;
      expect(log).toEqual(['scales a', 'labels a', 'markup a', 'scales b', 'labels b', 'markup b']);
      h.update(0, 0);
      h.update(1, 0); // drawn again (nothing was kept ready for it): the finished drawing was not stored twice
      expect(svg.innerHTML).toBe('<g data-layout="b"/>');
    } finally {
      restore();
    }
  });
  it('prepare() makes nothing when the update would only restyle the picture on screen', async () => {
    const { el } = fakeCanvas(300);
    const calls: string[] = [];
    const h = mountSvg(el, {
      name: 't',
      draw: (step, _p, width) => (calls.push(`${step}@${width}`), { width, height: 50, svg: `<g/>` }),
      restyle: () => {},
    });
    h.resize(300, 0); // the build-time width: the first update restyles it
    await h.prepare(0, 0);
    h.update(0, 0);
    expect(calls).toEqual([]);
  });

  it('fails loudly, naming the graphic, when the build-time <svg> is missing', () => {
    const el = { querySelector: () => null } as unknown as HTMLElement;
    expect(() => mountSvg(el, { name: 'rail-costs', draw: () => ({ width: 1, height: 1, svg: '' }) })).toThrow('[rail-costs] the build-time <svg> is missing');
  });

  it('a one-state graphic follows the width only', () => {
    const { el, svg } = fakeCanvas();
    const h = mountStatic(el, 's', (w) => ({ width: w, height: 1, svg: `w${w}` }));
    h.update(3, 0.2);
    expect(svg.innerHTML).toBe('<build-time/>');
    h.resize(500, 1);
    expect(svg.innerHTML).toBe('w500');
  });
});

describe('fill', () => {
  it('fills placeholders and refuses a missing value', () => {
    expect(fill('km {km}: {elev} m', { km: 3, elev: '1,200' })).toBe('km 3: 1,200 m');
    expect(() => fill('{a} and {b}', { a: 1 }, 'climb')).toThrow('[climb] "{a} and {b}" needs a value for {b}');
  });
});
