/** Escape text for SVG/HTML markup built as strings (pure; build time and browser). */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Round to 0.1 px so path strings stay short. */
export const r1 = (n: number) => Math.round(n * 10) / 10;
