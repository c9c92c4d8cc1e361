/** /es/oembed/<chapter>.json: oEmbed for the Spanish chapter embed (same responder as English; paths and names in Spanish). */
import type { GetStaticPaths } from 'astro';
import { chaptersInOrder } from '../../../lib/chapters';
import { editionPages } from '../../../lib/i18n/pages';
export { GET } from '../../oembed/[chapter].json';

export const getStaticPaths: GetStaticPaths = async () => {
  const pages = await editionPages('es');
  return (await chaptersInOrder('es')).filter((c) => pages.chapters.includes(c.data.slug)).map((c) => ({ params: { chapter: c.data.slug }, props: { title: c.data.title } }));
};
