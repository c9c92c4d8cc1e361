/** Placeholder until the three.js scene lands: keeps the poster. */
import type { Mount } from '../types';
export const mount: Mount<unknown> = () => ({ update() {}, resize() {}, destroy() {} });
