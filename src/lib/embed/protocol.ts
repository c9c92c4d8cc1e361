/**
 * The embed protocol between a host page (public/embed.js, built from
 * src/embed-host/embed.ts) and an embed page (/embed/…, src/lib/embed/child.ts).
 *
 * Everything here is pure and small: it is bundled into the ≤ 3 kB host
 * loader. Parsers never throw and return null for anything that is not
 * exactly one of our messages (foreign libraries share `message` events).
 *
 * Host → child:  {chancay: 1, type: 'hello'}            "a host script is here"
 *                {chancay: 1, type: 'geometry', top}    box top relative to the host viewport, px
 * Child → host:  {chancay: 1, type: 'ready', height, title}
 *                {chancay: 1, type: 'height', height}
 *                {chancay: 1, type: 'step', chapter, step, index, count, section, direction}
 *                {chancay: 1, type: 'reveal', top, bottom}   a focused element's place in the embed
 * Child → any parent (before or without our host): Pym.js and AMP height messages.
 */

export const V = 1;
/**
 * A page-local event (on `window`, never posted) that a script dispatches when it changed the
 * page's height where no ResizeObserver may tell: an embed frame below the host's fold gets no
 * rendering updates, so child.ts would not send the new height until the host scrolled.
 */
export const CONTENT_RESIZED = 'chancay:content-resized';
/** Longest string field we accept; anything longer is junk. */
const MAX_STR = 200;
/** Heights and offsets beyond this are junk (10 million px). */
const MAX_PX = 1e7;

export type Direction = 'up' | 'down';
export type HostMessage = { chancay: 1; type: 'hello' } | { chancay: 1; type: 'geometry'; top: number };
export interface StepDetail {
  /** Chapter slug. */
  chapter: string;
  /** The step's number in the chapter (1, 2, …, as in #step-N links); null before the first step. */
  step: number | null;
  /** 0-based index within its scrolly section; -1 before the first step. */
  index: number;
  /** Steps in the section. */
  count: number;
  /** The section's id, e.g. "scrolly-rail-costs". */
  section: string;
  direction: Direction;
}
export type ChildMessage =
  | { chancay: 1; type: 'ready'; height: number; title: string }
  | { chancay: 1; type: 'height'; height: number }
  | ({ chancay: 1; type: 'step' } & StepDetail)
  | { chancay: 1; type: 'reveal'; top: number; bottom: number };

type Rec = Record<string, unknown>;
const isRec = (d: unknown): d is Rec => typeof d === 'object' && d !== null && !Array.isArray(d);
const px = (v: unknown, min: number): v is number => typeof v === 'number' && isFinite(v) && v >= min && v <= MAX_PX;
const str = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_STR;
const int = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 1e4;

/** A message from the host, or null. */
export function parseHostMessage(d: unknown): HostMessage | null {
  if (!isRec(d) || d['chancay'] !== V) return null;
  if (d['type'] === 'hello') return { chancay: V, type: 'hello' };
  if (d['type'] === 'geometry' && px(d['top'], -MAX_PX)) return { chancay: V, type: 'geometry', top: d['top'] };
  return null;
}

/** A message from an embed, or null. */
export function parseChildMessage(d: unknown): ChildMessage | null {
  if (!isRec(d) || d['chancay'] !== V) return null;
  const t = d['type'];
  if (t === 'height' && px(d['height'], 0)) return { chancay: V, type: 'height', height: d['height'] };
  if (t === 'ready' && px(d['height'], 0) && str(d['title'])) return { chancay: V, type: 'ready', height: d['height'], title: d['title'] };
  if (t === 'reveal' && px(d['top'], -MAX_PX) && px(d['bottom'], -MAX_PX)) return { chancay: V, type: 'reveal', top: d['top'], bottom: d['bottom'] };
  if (
    t === 'step' &&
    str(d['chapter']) &&
    (d['step'] === null || int(d['step'], 1)) &&
    int(d['index'], -1) &&
    int(d['count'], 1) &&
    str(d['section']) &&
    (d['direction'] === 'up' || d['direction'] === 'down')
  ) {
    const { chapter, step, index, count, section, direction } = d as unknown as StepDetail;
    return { chancay: V, type: 'step', chapter, step, index, count, section, direction };
  }
  return null;
}

/**
 * Where the embed's document must be scrolled: the host box's top is `top`
 * px from the host viewport's top; the iframe (sticky, `viewport` px tall)
 * shows the part of the content the box has under the viewport.
 */
export function childScroll(top: number, contentHeight: number, viewport: number): number {
  return Math.round(Math.min(Math.max(-top, 0), Math.max(0, contentHeight - viewport)));
}

/** Pym.js child → parent height message (pym.v1: "pym" + id + type + value, joined by xPYMx). */
export function pymHeight(id: string, height: number): string {
  return ['pym', id, 'height', String(Math.ceil(height))].join('xPYMx');
}

/** amp-iframe resize request. */
export function ampHeight(height: number) {
  return { sentinel: 'amp', type: 'embed-size', height: Math.ceil(height) };
}

export type Theme = 'light' | 'dark' | 'auto';

/**
 * The iframe URL for a placeholder's `data-chancay-embed` value: only
 * /embed/… paths on the loader's own origin (absolute URLs must match it).
 */
export function embedUrl(value: string | undefined, origin: string, opts: { theme?: string | undefined; comments?: string | undefined } = {}): string | null {
  if (!value || value.length > MAX_STR) return null;
  let u: URL;
  try {
    u = new URL(value, origin);
  } catch {
    return null;
  }
  if (u.origin !== origin || !/^\/(?:[a-z]{2}\/)?embed\/[a-z0-9-]+\/(?:[a-z0-9-]+\/)?$/.test(u.pathname)) return null;
  const q = new URLSearchParams();
  const t = opts.theme;
  if (t === 'light' || t === 'dark') q.set('theme', t);
  if (opts.comments === 'true' || opts.comments === '1') q.set('comments', '1');
  const s = q.toString();
  return origin + u.pathname + (s ? '?' + s : '');
}
