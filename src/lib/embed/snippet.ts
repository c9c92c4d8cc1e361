/**
 * The HTML a newsroom pastes (Embed control, oEmbed `html`). Pure string
 * builders; every attribute value is escaped.
 */

import { site } from '../site';

/** The story's name in the edition being rendered (content/site.json, site.<locale>.json), credited in snippets and oEmbed. */
export const provider = (): string => site.name;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface SnippetInput {
  /** Site origin, e.g. https://example.org */
  origin: string;
  /** Embed path, e.g. /embed/the-announcement/ */
  path: string;
  /** Chapter or figure title (for the iframe title and the fallback link). */
  title: string;
  /** Canonical chapter URL (the fallback link when the script cannot run). */
  href: string;
}

/** Placeholder + loader: sizes itself, follows the reader's scroll, emits chancay:step. */
export function scriptSnippet(s: SnippetInput): string {
  return (
    `<div data-chancay-embed="${esc(s.path)}" data-title="${esc(s.title)}">` +
    `<a href="${esc(s.href)}">${esc(s.title)} (${provider()})</a></div>\n` +
    `<script async src="${esc(s.origin)}/embed.js"></script>`
  );
}

/** Bare iframe for CMSs that strip scripts: fixed height; scrollytelling becomes a stepper. */
export function iframeSnippet(s: SnippetInput & { height: number }): string {
  return (
    `<iframe src="${esc(s.origin + s.path)}" title="${esc(s.title)} (${provider()})" width="100%" height="${Math.round(s.height)}" ` +
    `loading="lazy" style="border:0;width:100%" ` +
    `sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>`
  );
}

/** Suggested heights for the bare iframe and oEmbed (the script measures the real one). */
export const DEFAULT_HEIGHT = { chapter: 720, figure: 560 } as const;
