/** Whether the reader asked for reduced motion; graphics then change state without animation. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Transition duration in ms, or 0 under reduced motion. */
export function duration(ms: number): number {
  return prefersReducedMotion() ? 0 : ms;
}
