/** /oembed/<chapter>.json: oEmbed (type rich) for a chapter, found through the chapter page's discovery link. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chaptersInOrder } from '../../lib/chapters';
import { oembed } from '../../lib/embed/oembed';

export const getStaticPaths: GetStaticPaths = async () =>
  (await chaptersInOrder('en')).map((c) => ({ params: { chapter: c.data.slug }, props: { title: c.data.title } }));

export const GET: APIRoute = ({ params, props, site }) => {
  const slug = params.chapter!;
  const body = oembed(site!, `/embed/${slug}/`, (props as { title: string }).title, slug, 'chapter');
  return new Response(JSON.stringify(body, null, 1), { headers: { 'content-type': 'application/json' } });
};
