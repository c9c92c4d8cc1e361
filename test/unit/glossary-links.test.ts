/** The glossary first-use linker (src/integrations/glossary-links.ts) on MDX-shaped hast trees. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planLinks, readGlossary, termMatcher, type Node, type GlossaryTerm } from '../../src/integrations/glossary-links';

const terms: GlossaryTerm[] = [
  { id: 'teu', forms: ['TEU', 'TEUs'] },
  { id: 'great-circle', forms: ['great circle'] },
  { id: 'permille', forms: ['‰'] },
  { id: 'soe', forms: ['SOE', 'state-owned enterprise'] },
];
const t = (value: string): Node => ({ type: 'text', value });
const el = (tagName: string, ...children: Node[]): Node => ({ type: 'element', tagName, children });
const jsx = (name: string, ...children: Node[]): Node => ({ type: 'mdxJsxFlowElement', name, children });
const inline = (name: string, ...children: Node[]): Node => ({ type: 'mdxJsxTextElement', name, children });
/** The tree's text after applying the plan, links written as [text](id). */
function render(tree: Node): string {
  const { replacements } = planLinks(tree, terms);
  const swap = new Map(replacements.map((r) => [r.node, r.with]));
  const out = (n: Node): string => {
    if (swap.has(n)) return swap.get(n)!.map(out).join('');
    if (n.type === 'text') return n.value ?? '';
    if (n.tagName === 'a' && (n.properties?.['className'] as string[] | undefined)?.includes('gloss')) return `[${n.children!.map(out).join('')}](${n.properties!['dataTerm']})`;
    return (n.children ?? []).map(out).join('');
  };
  return out(tree);
}

describe('glossary first-use links', () => {
  it('links the first use of each term only, in document order, across paragraphs and step cards', () => {
    const tree = el('root', el('p', t('A TEU is a box; more TEUs.')), jsx('Scrolly', jsx('Step', el('p', t('Ships count TEU.')))), el('p', t('Another TEU.')));
    expect(render(tree)).toBe('A [TEU](teu) is a box; more TEUs.Ships count TEU.Another TEU.');
  });
  it('links inside step cards and notes when that is the first use', () => {
    const tree = el('root', jsx('Scrolly', jsx('Step', el('p', t('The great circle is short.')))), jsx('Note', el('p', t('A great circle.'))));
    expect(render(tree)).toBe('The [great circle](great-circle) is short.A great circle.');
  });
  it('skips headings, links, code, tables, figures and <V> numbers', () => {
    const tree = el(
      'root',
      el('h2', t('TEU and SOE')),
      el('p', el('a', t('a TEU link')), t(' '), el('code', t('TEU')), t(' '), inline('V'), inline('Figure', t('TEU')), t(' then TEU and SOE.')),
      el('table', el('tr', el('td', t('great circle')))),
      el('p', t('a great circle')),
    );
    expect(render(tree)).toBe('TEU and SOEa TEU link TEU TEU then [TEU](teu) and [SOE](soe).great circlea [great circle](great-circle)');
  });
  it('matches whole words, case-sensitively, and the longest form first', () => {
    expect(render(el('root', el('p', t('STEU, teu, TEUS; then TEUs and TEU.'))))).toBe('STEU, teu, TEUS; then [TEUs](teu) and TEU.');
    expect(render(el('root', el('p', t('A state-owned enterprise (SOE).'))))).toBe('A [state-owned enterprise](soe) (SOE).');
  });
  it('a symbol needs no word boundary; a term broken across source lines still matches', () => {
    expect(render(el('root', el('p', t('About 5‰ of it, on a great\ncircle.'))))).toBe('About 5[‰](permille) of it, on a [great\ncircle](great-circle).');
  });
  it('links several terms within one text node', () => {
    const tree = el('root', el('p', t('SOE ships carry TEU on a great circle.')));
    expect(render(tree)).toBe('[SOE](soe) ships carry [TEU](teu) on a [great circle](great-circle).');
    expect(planLinks(tree, terms).linked).toEqual(['soe', 'teu', 'great-circle']);
  });
  it('link nodes point at /glossary/#term-<id> with class gloss', () => {
    const { replacements } = planLinks(el('root', el('p', t('One TEU.'))), terms);
    expect(replacements[0]!.with[1]).toMatchObject({ type: 'element', tagName: 'a', properties: { href: '/glossary/#term-teu', className: ['gloss'] } });
  });
  it('an empty glossary matches nothing', () => {
    expect(termMatcher([]).re.test('anything')).toBe(false);
  });
  it('a glossary row without id or match fails naming file and line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'truthpages-gloss-'));
    const file = path.join(dir, 'glossary.csv');
    writeFileSync(file, 'id,term,expansion,match,definition,source\nteu,TEU,,TEU,"A box.",\nbad,Bad,,,"No forms.",\n');
    expect(() => readGlossary(file)).toThrow(`${file}: row at line 3: id and match are required`);
  });
});
