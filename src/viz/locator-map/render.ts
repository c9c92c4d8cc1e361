/**
 * Browser side of the locator map: nothing to do. The map has one state and
 * ships as two build-time SVGs (phone and wide), switched by CSS, so it reads
 * without JavaScript; this module exists because every graphic has one.
 */
import type { Mount } from '../../lib/viz/types';

export const mount: Mount<unknown> = () => ({
  update() {
    // One state: scrolling does not change the map.
  },
  resize() {
    // The two build-time layouts are switched by a CSS media query and scale with their container.
  },
  destroy() {
    // Nothing was touched.
  },
});
