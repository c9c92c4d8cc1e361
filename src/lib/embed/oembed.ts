/** oEmbed 1.0 "rich" responses (static JSON files under /oembed/). */
import { provider, scriptSnippet, DEFAULT_HEIGHT } from './snippet';
import { lp } from '../i18n';

export interface OEmbedRich {
  version: '1.0';
  type: 'rich';
  title: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
  cache_age: number;
}

/** `path` and the chapter link are in the edition being rendered (/es/… for Spanish). */
export function oembed(site: URL, path: string, title: string, chapterSlug: string, kind: 'chapter' | 'figure'): OEmbedRich {
  return {
    version: '1.0',
    type: 'rich',
    title,
    provider_name: provider(),
    provider_url: new URL(lp('/'), site).href,
    html: scriptSnippet({ origin: site.origin, path: lp(path), title, href: new URL(lp(`/${chapterSlug}/`), site).href }),
    width: 640,
    height: DEFAULT_HEIGHT[kind],
    cache_age: 86400,
  };
}
