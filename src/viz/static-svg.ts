/**
 * Mount for a graphic with one state: the build-time SVG, re-laid out at the
 * container's real width on resize. `draw(width)` returns the layout's size
 * and markup (pure, the same functions the .astro component uses).
 */
import type { VizHandle } from './types';

export function mountStaticSvg(name: string, el: HTMLElement, draw: (width: number) => { width: number; height: number; svg: string }): VizHandle {
  const svg = el.querySelector('svg');
  if (!svg) throw new Error(`[${name}] the build-time <svg> is missing`);
  return {
    update() {
      // One state: the picture does not change with scrolling.
    },
    resize(width) {
      const d = draw(Math.round(width));
      svg.setAttribute('viewBox', `0 0 ${d.width} ${d.height}`);
      svg.setAttribute('width', String(d.width));
      svg.setAttribute('height', String(d.height));
      svg.innerHTML = d.svg;
    },
    destroy() {
      // Nothing global was touched.
    },
  };
}
