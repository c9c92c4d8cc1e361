/**
 * How a step's still reaches the page (the plain article): an <img> of a
 * standalone SVG file, loaded only when shown (loading="lazy": never for a
 * reader scrolling with JavaScript, whose stills are display: none; at once
 * without JavaScript, where lazy loading does not defer; before printing).
 * The build writes the picture into the page inside a <template>, and
 * src/integrations/step-stills.mjs moves it out into /stills/<figure>-<n>.svg
 * with the page's styles for its graphic inlined.
 */
import type { StepStill } from './stills';
import { edition, DEFAULT_LOCALE } from '../i18n';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The markup for the `n`th (1-based) step still of `figure`; another edition's stills (their words differ) are <figure>-<n>-<locale>.svg. */
export function stillTemplate(figure: string, n: number, p: StepStill, title: string, source: string): string {
  const file = edition === DEFAULT_LOCALE ? `${figure}-${n}.svg` : `${figure}-${n}-${edition}.svg`;
  return (
    `<div class="step__still"><img src="/stills/${file}" width="${Math.round(p.width)}" height="${Math.round(p.height)}" alt="" loading="lazy" decoding="async"></div>` +
    `<template class="step-still-src" data-file="${attr(file)}" data-scope="${attr(p.scope)}" data-title="${attr(title)}" data-source="${attr(source)}">` +
    `<svg viewBox="0 0 ${p.width} ${p.height}" width="${p.width}" height="${p.height}">${p.svg}</svg></template>`
  );
}
