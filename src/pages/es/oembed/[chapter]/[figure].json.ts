/** /es/oembed/<chapter>/<figure>.json: oEmbed for one graphic's Spanish embed. */
import type { GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { figureIn } from '../../../../lib/i18n/content';
import { editionPages } from '../../../../lib/i18n/pages';
export { GET } from '../../../oembed/[chapter]/[figure].json';

export const getStaticPaths: GetStaticPaths = async () => {
  const pages = await editionPages('es');
  const figures = (await getCollection('figures')).filter((f) => pages.chapters.includes(f.data.chapter));
  return Promise.all(figures.map(async (f) => ({ params: { chapter: f.data.chapter, figure: f.id }, props: { title: (await figureIn(f.id, 'es'))!.data.title } })));
};
