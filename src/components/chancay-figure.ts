/**
 * <chancay-figure>: mounts a graphic's render module when the figure nears
 * the viewport, feeds it the enclosing section's step state, sizes it from
 * its container and destroys it when removed. Until then (and without
 * JavaScript) the build-time SVG is the picture.
 */
import { vizLoaders } from '../viz/registry';
import type { VizHandle } from '../viz/types';
import type { ScrollySection, ScrollyChangeDetail } from './scrolly-section';

export class ChancayFigure extends HTMLElement {
  #handle?: VizHandle;
  #io?: IntersectionObserver;
  #ro?: ResizeObserver;
  #section: ScrollySection | null = null;
  #destroyed = false;
  #onChange = (e: Event) => {
    const d = (e as CustomEvent<ScrollyChangeDetail>).detail;
    this.#handle?.update(d.index, d.progress);
  };

  connectedCallback() {
    this.#destroyed = false;
    this.#section = this.closest('scrolly-section');
    this.#section?.addEventListener('scrolly:change', this.#onChange);
    // root: document keeps rootMargin working inside cross-origin iframes.
    this.#io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          this.#io?.disconnect();
          void this.#mount();
        }
      },
      { root: document, rootMargin: '100% 0px 100% 0px' },
    );
    this.#io.observe(this);
  }

  async #mount() {
    const viz = this.dataset.viz ?? '';
    const load = vizLoaders[viz];
    const canvas = this.querySelector<HTMLElement>('.figure__canvas');
    if (!load || !canvas) {
      console.warn(`[chancay-figure] no graphic module "${viz}"; keeping the static picture`);
      return;
    }
    const dataEl = this.querySelector('script.figure__data');
    const data: unknown = dataEl ? JSON.parse(dataEl.textContent || 'null') : null;
    const labelsEl = this.querySelector('script.figure__labels');
    const labels = labelsEl ? (JSON.parse(labelsEl.textContent || '{}') as Record<string, string>) : {};
    const { mount } = await load();
    if (this.#destroyed) return; // removed while loading
    this.#handle = mount(canvas, data, { labels, embedded: document.documentElement.dataset.embed === 'true' });
    this.dataset.mounted = 'true';
    const s = this.#section?.state;
    this.#handle.update(s?.index ?? -1, s?.progress ?? 0);
    this.#ro = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      if (width > 0) this.#handle?.resize(width, height);
    });
    this.#ro.observe(canvas);
  }

  disconnectedCallback() {
    this.#destroyed = true;
    this.#section?.removeEventListener('scrolly:change', this.#onChange);
    this.#io?.disconnect();
    this.#ro?.disconnect();
    this.#handle?.destroy();
    this.#handle = undefined;
    delete this.dataset.mounted;
  }
}

if (!customElements.get('chancay-figure')) customElements.define('chancay-figure', ChancayFigure);
