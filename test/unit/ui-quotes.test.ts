import { describe, it, expect } from 'vitest';
import { ui } from '../../src/lib/ui';

describe('a quoted value inside a quoted string', () => {
  it('takes the inner pair of quotes in Spanish and English, and is left alone outside quotes', () => {
    const es = ui('quote.title', { title: 'El ferrocarril de «US$4,000 millones» y los proyectos' }, 'es');
    expect(es).toBe('«El ferrocarril de “US$4,000 millones” y los proyectos»');
    const en = ui('quote.title', { title: 'The “US$4 billion” railway' }, 'en');
    expect(en.slice(1, -1)).toBe('The ‘US$4 billion’ railway');
    expect(en.startsWith('“') && en.endsWith('”')).toBe(true);
    // Not inside quotes in the string: the value is written as given.
    expect(ui('embed.kicker', { n: 1, name: 'The «x» site' }, 'en')).toContain('The «x» site');
  });
});
