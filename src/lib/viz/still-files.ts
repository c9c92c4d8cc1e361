/**
 * How a step's still reaches the page (the plain article): an <img> of a
 * standalone SVG file, loaded only when shown (loading="lazy": never for a
 * reader scrolling with JavaScript, whose stills are display: none; at once
 * without JavaScript, where lazy loading does not defer; before printing).
 * The build writes the picture into the page inside a <template>, and
 * src/integrations/step-stills.mjs moves it out into /stills/<figure>-<n>.svg
 * with the page's styles for its graphic inlined.
 */
import { NARROW_STILL_MEDIA, SHORT_STILL_MEDIA, type StepStill } from './stills';
import type { Still } from './types';
import { edition, DEFAULT_LOCALE } from '../i18n';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The markup for the `n`th (1-based) step still of `figure`; another edition's stills (their words differ) are
 * <figure>-<n>-<locale>.svg, a phone's picture <…>-narrow.svg, a short screen's (a phone held sideways) <…>-short.svg.
 */
export function stillTemplate(figure: string, n: number, p: StepStill, title: string, source: string): string {
  const file = edition === DEFAULT_LOCALE ? `${figure}-${n}.svg` : `${figure}-${n}-${edition}.svg`;
  const narrowFile = file.replace(/\.svg$/, '-narrow.svg');
  const shortFile = file.replace(/\.svg$/, '-short.svg');
  const size = (s: Still) => `width="${Math.round(s.width)}" height="${Math.round(s.height)}"`;
  const img = `<img src="/stills/${file}" ${size(p)} alt="" loading="lazy" decoding="async">`;
  const template = (f: string, s: Still) =>
    `<template class="step-still-src" data-file="${attr(f)}" data-scope="${attr(p.scope)}" data-title="${attr(title)}" data-source="${attr(source)}">` +
    `<svg viewBox="0 0 ${s.width} ${s.height}" width="${s.width}" height="${s.height}">${s.svg}</svg></template>`;
  // The first source that matches is shown: a short screen's picture before a narrow one's.
  const sources =
    (p.short ? `<source media="${SHORT_STILL_MEDIA}" srcset="/stills/${shortFile}" ${size(p.short)}>` : '') +
    (p.narrow ? `<source media="${NARROW_STILL_MEDIA}" srcset="/stills/${narrowFile}" ${size(p.narrow)}>` : '');
  return (
    `<div class="step__still">` +
    (sources ? `<picture>${sources}${img}</picture>` : img) +
    `</div>` +
    template(file, p) +
    (p.narrow ? template(narrowFile, p.narrow) : '') +
    (p.short ? template(shortFile, p.short) : '')
  );
}
