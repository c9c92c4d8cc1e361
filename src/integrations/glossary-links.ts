/**
 * Hast plugin (the MDX pipeline's Sätteri processor, astro.config.mjs): in each chapter, the first
 * use of each glossary term in the prose links to its entry on /glossary/.
 *
 * Terms come from content/data/glossary.csv: `match` lists the forms
 * ("TEU|TEUs"), matched case-sensitively as whole words (a form that starts or
 * ends with a symbol, like "‰", needs no word boundary on that side; a space
 * in a form matches any run of white space, so a term broken across source
 * lines still matches). Prose means paragraphs, lists, notes and step cards:
 * headings, existing links, code, tables and components that render their own
 * text (figures, <V> numbers) are skipped. Each term is
 * linked once per chapter, as a normal link (<a class="gloss">), readable by
 * keyboard and screen reader like any other.
 *
 * The glossary file itself is validated by its content collection
 * (src/content.config.ts); this plugin only needs id and match, and fails the
 * build naming file and line if a row has neither.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../lib/csv';

export interface GlossaryTerm {
  id: string;
  forms: string[];
}

/** Elements whose text is not running prose, or is already a link. */
const SKIP_ELEMENTS = new Set(['a', 'code', 'pre', 'kbd', 'samp', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'figure', 'figcaption', 'svg', 'script', 'style', 'abbr', 'dfn', 'button', 'label', 'select', 'textarea']);
/** MDX components that render their own text (titles, numbers, tables): never linked inside. */
const SKIP_COMPONENTS = new Set(['Figure', 'V', 'a']);

export function readGlossary(file: string): GlossaryTerm[] {
  const table = parseCsv(readFileSync(file, 'utf8'), file);
  return table.rows.map(({ line, values }) => {
    const id = (values['id'] ?? '').trim();
    const forms = (values['match'] ?? '')
      .split('|')
      .map((f) => f.trim())
      .filter(Boolean);
    if (!id || forms.length === 0) throw new Error(`${file}: row at line ${line}: id and match are required for glossary links`);
    return { id, forms };
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordChar = /[\p{L}\p{N}]/u;

/** One regular expression for every form of every term, longest form first; group names are not used, the match text maps back to its term. */
export function termMatcher(terms: GlossaryTerm[]): { re: RegExp; termOf: (match: string) => string | undefined } {
  const forms: { form: string; id: string }[] = [];
  for (const t of terms) for (const form of t.forms) forms.push({ form, id: t.id });
  forms.sort((a, b) => b.form.length - a.form.length);
  const normal = (s: string) => s.replace(/\s+/g, ' ');
  const byForm = new Map(forms.map((f) => [normal(f.form), f.id]));
  const alternatives = forms.map(({ form }) => {
    const body = escape(form).replace(/\s+/g, '\\s+');
    const before = wordChar.test(form[0]!) ? '(?<![\\p{L}\\p{N}])' : '';
    const after = wordChar.test(form.at(-1)!) ? '(?![\\p{L}\\p{N}])' : '';
    return `${before}${body}${after}`;
  });
  const re = new RegExp(alternatives.length ? alternatives.join('|') : '(?!)', 'gu');
  return { re, termOf: (m) => byForm.get(normal(m)) };
}

// Minimal hast/MDX-hast node shapes (read only; changes are returned as a plan).
export interface Node {
  type: string;
  tagName?: string;
  name?: string | null;
  value?: string;
  properties?: Record<string, unknown>;
  children?: readonly Node[];
}

export interface Replacement {
  /** A text node to replace... */
  node: Node;
  /** ...with these text and link nodes. */
  with: Node[];
}

/**
 * Finds the first use of each term in `tree` (document order) and returns the
 * text nodes to split around a link, and the ids linked. Pure: the caller
 * applies the plan (the MDX pipeline through its context, tests by hand).
 */
export function planLinks(tree: Node, terms: GlossaryTerm[], href = (id: string) => `/glossary/#term-${id}`): { replacements: Replacement[]; linked: string[] } {
  const { re, termOf } = termMatcher(terms);
  const linked = new Set<string>();
  const replacements: Replacement[] = [];
  /** The text as text and link nodes, or null when nothing in it is linked. */
  const splitText = (value: string): Node[] | null => {
    const out: Node[] = [];
    let last = 0;
    re.lastIndex = 0;
    for (let m; (m = re.exec(value)); ) {
      const id = termOf(m[0]);
      if (!id || linked.has(id)) continue;
      linked.add(id);
      if (m.index > last) out.push({ type: 'text', value: value.slice(last, m.index) });
      out.push({ type: 'element', tagName: 'a', properties: { href: href(id), className: ['gloss'], dataTerm: id }, children: [{ type: 'text', value: m[0] }] });
      last = m.index + m[0].length;
    }
    if (!out.length) return null;
    if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
    return out;
  };
  const visit = (node: Node) => {
    for (const child of node.children ?? []) {
      if (linked.size === terms.length) return;
      if (child.type === 'element' && SKIP_ELEMENTS.has(child.tagName!)) continue;
      if ((child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement') && (child.name == null || SKIP_COMPONENTS.has(child.name))) continue;
      if (child.type === 'text') {
        const parts = splitText(child.value ?? '');
        if (parts) replacements.push({ node: child, with: parts });
      } else if (child.children) visit(child);
    }
  };
  visit(tree);
  return { replacements, linked: [...linked] };
}

export interface Options {
  /** Glossary CSV, relative to the project root. */
  file?: string;
  /** Which MDX files get links: chapters only by default. */
  include?: RegExp;
}

/** Just enough of Sätteri's hast plugin context for this plugin. */
interface HastContext {
  replaceNode(node: unknown, newNode: unknown): void;
}

/**
 * The Sätteri hast plugin (markdown.processor in astro.config.mjs; MDX
 * inherits it). A factory: files other than chapters get no plugin. The
 * glossary is re-read for each chapter, so `astro dev` picks up edits.
 */
export default function glossaryLinks(options: Options = {}) {
  const file = options.file ?? 'content/data/glossary.csv';
  const include = options.include ?? /[\\/]content[\\/]chapters[\\/][^\\/]+\.mdx$/;
  return (factory: { fileURL: URL | undefined }) => {
    const source = factory.fileURL ? fileURLToPath(factory.fileURL) : '';
    if (!include.test(source)) return null;
    return {
      name: 'chancay-glossary-links',
      before(root: unknown, ctx: HastContext) {
        const { replacements } = planLinks(root as Node, readGlossary(path.resolve(file)));
        for (const r of replacements) ctx.replaceNode(r.node, r.with);
      },
    };
  };
}
