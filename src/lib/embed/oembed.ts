/** oEmbed 1.0 "rich" responses (static JSON files under /oembed/). */
import { PROVIDER, scriptSnippet, DEFAULT_HEIGHT } from './snippet';

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

export function oembed(site: URL, path: string, title: string, chapterSlug: string, kind: 'chapter' | 'figure'): OEmbedRich {
  return {
    version: '1.0',
    type: 'rich',
    title,
    provider_name: PROVIDER,
    provider_url: new URL('/', site).href,
    html: scriptSnippet({ origin: site.origin, path, title, href: new URL(`/${chapterSlug}/`, site).href }),
    width: 640,
    height: DEFAULT_HEIGHT[kind],
    cache_age: 86400,
  };
}
