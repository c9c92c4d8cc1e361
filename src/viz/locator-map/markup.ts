/** SVG markup for the locator map. Pure: the coastline path comes in from the build-time basemap. */
import { esc, r1 } from '../../lib/svg';
import type { Still } from '../../lib/viz/types';
import type { LocatorLayout } from './geometry';

function text(l: LocatorLayout['labels'][number]): string {
  let y = l.y;
  const spans = l.lines
    .map((ln) => {
      y += ln.size;
      const s = `<tspan class="${ln.cls}" x="${r1(l.tx)}" y="${r1(y - ln.size * 0.18)}">${esc(ln.text)}</tspan>`;
      y += ln.size * 0.25;
      return s;
    })
    .join('');
  return `<text class="lm-label" data-id="${esc(l.id)}" text-anchor="${l.anchor}">${spans}</text>`;
}

export function marker(kind: string, x: number, y: number): string {
  if (kind === 'mine') return `<path class="lm-mark lm-mark--mine" d="M${r1(x)},${r1(y - 5)}L${r1(x + 5)},${r1(y + 4)}L${r1(x - 5)},${r1(y + 4)}Z"/>`;
  if (kind === 'port') return `<rect class="lm-mark lm-mark--port" x="${r1(x - 4)}" y="${r1(y - 4)}" width="8" height="8"/>`;
  return `<circle class="lm-mark lm-mark--${kind}" cx="${r1(x)}" cy="${r1(y)}" r="${kind === 'capital' ? 4.5 : 3.5}"/>`;
}

export function markup(l: LocatorLayout, land: string): string {
  const area = l.lines.filter((x) => x.kind === 'area').map((x) => `<path class="lm-andes" data-id="${esc(x.id)}" d="${x.d}"/>`).join('');
  const rails = l.lines
    .filter((x) => x.kind !== 'area')
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'proposed' ? -1 : 1))
    .map((x) => `<path class="lm-rail lm-rail--${x.kind}${x.schematic ? ' is-schematic' : ''}" data-id="${esc(x.id)}" d="${x.d}"${x.kind === 'proposed' ? ` marker-end="url(#lm-arrow-${l.width})"` : ''}/>`)
    .join('');
  const marks = l.places.map((p) => `<g class="lm-place" data-id="${esc(p.id)}">${marker(p.kind, p.x, p.y)}</g>`).join('');
  const labels = l.labels.map(text).join('');
  const defs = `<defs><marker id="lm-arrow-${l.width}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path class="lm-arrowhead" d="M0,0L10,5L0,10z"/></marker><clipPath id="lm-clip-${l.width}"><rect width="${l.width}" height="${l.height}"/></clipPath></defs>`;
  return `${defs}<rect class="lm-sea" width="${l.width}" height="${l.height}"/><g clip-path="url(#lm-clip-${l.width})"><path class="lm-land" d="${land}"/>${area}${rails}</g>${marks}${labels}<rect class="lm-frame" x="0.5" y="0.5" width="${l.width - 1}" height="${l.height - 1}"/>`;
}

export function still(l: LocatorLayout, land: string): Still {
  return { width: l.width, height: l.height, svg: markup(l, land) };
}
