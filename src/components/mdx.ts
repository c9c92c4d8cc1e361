/** Components available in every chapter's MDX without an import. */
import Scrolly from './Scrolly.astro';
import Step from './Step.astro';
import Figure from './Figure.astro';
import Note from './Note.astro';
import V from './V.astro';

export const mdxComponents = { Scrolly, Step, Figure, Note, V };
