import { describe, it, expect } from 'vitest';
import { groupByPublisher } from '../../src/lib/source-groups';

const src = (id: string, publisher: string, title: string, date = '') => ({ id, publisher, title, date });

describe('sources grouped by publisher', () => {
  it('names a repeated publisher once and tells its documents apart by date', () => {
    const g = groupByPublisher(
      [src('a', 'People’s Daily (Xinhua)', 'A', '2024-11-17'), src('b', 'People’s Daily (Xinhua)', 'B', '2025-11-01'), src('c', 'Devdiscourse', 'C', '2025-11-01'), src('d', 'People’s Daily (Xinhua)', 'D', '2025-12-13')],
      'en',
    );
    expect(g.map((x) => x.publisher)).toEqual(['People’s Daily (Xinhua)', 'Devdiscourse']);
    expect(g[0]!.items.map((i) => i.tag)).toEqual(['17 November 2024', '1 November 2025', '13 December 2025']);
    expect(g[0]!.separator).toBe(', ');
    expect(g[1]!.items.map((i) => i.tag)).toEqual(['Devdiscourse']);
  });

  it('falls back to titles when dates are missing or shared, and in Spanish dates are Spanish', () => {
    const undated = groupByPublisher([src('x', 'GeoNames', 'Lima, Peru'), src('y', 'GeoNames', 'Ica, Peru')], 'en');
    expect(undated[0]!.items.map((i) => i.tag)).toEqual(['Lima, Peru', 'Ica, Peru']);
    expect(undated[0]!.separator).toBe('; ');
    const sameDay = groupByPublisher([src('x', 'El Comercio', 'One', '2024-03'), src('y', 'El Comercio', 'Two', '2024-03')], 'en');
    expect(sameDay[0]!.items.map((i) => i.tag)).toEqual(['One', 'Two']);
    const es = groupByPublisher([src('x', 'El Comercio', 'One', '2026-01-14'), src('y', 'El Comercio', 'Two', '2026-02-02')], 'es');
    expect(es[0]!.items.map((i) => i.tag)).toEqual(['14 de enero de 2026', '2 de febrero de 2026']);
  });

  it('lists a source given twice once', () => {
    const g = groupByPublisher([src('x', 'AP', 'A', '2024'), src('x', 'AP', 'A', '2024')], 'en');
    expect(g[0]!.items).toHaveLength(1);
    expect(g[0]!.items[0]!.tag).toBe('AP');
  });
});
