/**
 * Whether segment p-q crosses (or lies in) the box, by Liang–Barsky clipping: the label placers'
 * test for a line through a label (the climb profile's railways and leaders, the locator map's
 * lines and arrows). Pure, so it runs at build time and in the browser alike.
 */
export function segmentHitsBox(p: readonly [number, number], q: readonly [number, number], b: { x: number; y: number; w: number; h: number }): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const checks: [number, number][] = [
    [-dx, p[0] - b.x],
    [dx, b.x + b.w - p[0]],
    [-dy, p[1] - b.y],
    [dy, b.y + b.h - p[1]],
  ];
  for (const [pp, qq] of checks) {
    if (pp === 0) {
      if (qq < 0) return false;
    } else {
      const r = qq / pp;
      if (pp < 0) {
        if (r > t1) return false;
        if (r > t0) t0 = r;
      } else {
        if (r < t0) return false;
        if (r < t1) t1 = r;
      }
    }
  }
  return t0 <= t1;
}
