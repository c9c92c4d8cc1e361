// @ts-check
/** Social card size (og:image:width/height): the build writes /cards/<figure>.png at this size. */
export const CARD = { width: 1200, height: 630 };
