/**
 * DOM writes that skip a value already there. Shared by the graphics' mount (src/lib/viz/mount.ts)
 * and the scroll section (src/components/scrolly-section.ts), which writes its reading mode and
 * its toggle's words.
 */

/**
 * Set an attribute only when its value changes: a write, even of the same value, invalidates
 * the element (its style, and for an <svg>'s size its box's layout), and restyles run on every
 * scrolled frame.
 */
export function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Like setAttr, for an element's text: the same text written again still replaces its text node and lays it out. */
export function setText(el: Element, value: string): void {
  if (el.textContent !== value) el.textContent = value;
}
