/** /oembed/<chapter>/<figure>.json: oEmbed (type rich) for one graphic. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { oembed } from '../../../lib/embed/oembed';

export const getStaticPaths: GetStaticPaths = async () =>
  (await getCollection('figures')).map((f) => ({ params: { chapter: f.data.chapter, figure: f.id }, props: { title: f.data.title } }));

export const GET: APIRoute = ({ params, props, site }) => {
  const { chapter, figure } = params as { chapter: string; figure: string };
  const body = oembed(site!, `/embed/${chapter}/${figure}/`, (props as { title: string }).title, chapter, 'figure');
  return new Response(JSON.stringify(body, null, 1), { headers: { 'content-type': 'application/json' } });
};
