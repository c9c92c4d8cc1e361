/**
 * Sets the edition (src/lib/i18n) from the page's URL before the page renders:
 * /es/… renders Spanish, everything else English. Pages are rendered one at a
 * time at build time (Astro's build.concurrency is 1), so every component of a
 * page reads the same edition; BaseLayout checks it against Astro.currentLocale.
 */
import { defineMiddleware } from 'astro:middleware';
import { setEdition } from './lib/i18n';

export const onRequest = defineMiddleware((context, next) => {
  setEdition(context.currentLocale);
  return next();
});
