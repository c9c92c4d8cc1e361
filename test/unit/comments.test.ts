/** Pure parts of the comments: the widget's text helpers and the server gate's input checks. */
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { charCount, initials, safeHref, formatDate } from '../../src/components/comments/text';

const { cleanComment } = createRequire(import.meta.url)('../../server/comments/gate.cjs') as {
  cleanComment(body: Record<string, unknown>): Record<string, string>;
};

describe('widget text helpers', () => {
  it('counts characters as readers do (emoji and accents are one each)', () => {
    expect(charCount('')).toBe(0);
    expect(charCount('🚂🚢')).toBe(2);
    expect('🚂🚢'.length).toBe(4);
    expect(charCount('Perú')).toBe(4);
  });
  it('makes initials from names in any script, never empty', () => {
    expect(initials('Lucía Ramos')).toBe('LR');
    expect(initials('  wang   lei  ')).toBe('WL');
    expect(initials('María de la Quispe')).toBe('MQ');
    expect(initials('نور')).toBe('ن');
    expect(initials('<script>')).toBe('S');
    expect(initials('🚂')).toBe('?');
    expect(initials('')).toBe('?');
  });
  it('keeps only http(s) links', () => {
    expect(safeHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHref('http://example.org')).toBe('http://example.org/');
    for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', '//host/x', 'mailto:a@b.co', '', null, undefined]) {
      expect(safeHref(bad), String(bad)).toBeNull();
    }
  });
  it('formats dates and survives bad ones', () => {
    expect(formatDate(Date.UTC(2026, 10, 27, 12))).toBe('27 Nov 2026');
    expect(formatDate(Number.NaN)).toBe('');
  });
});

describe('server gate input checks', () => {
  const ok = { nick: 'Ana', comment: 'Hola', url: '/the-announcement/' };
  it('passes a good comment through with only the fields Waline needs', () => {
    expect(cleanComment({ ...ok, mail: ' a@b.co ', extra: 'x', status: 'approved', ua: 'spy' })).toEqual({
      nick: 'Ana',
      mail: 'a@b.co',
      link: '',
      comment: 'Hola',
      url: '/the-announcement/',
      ua: '',
    });
  });
  it('names the field that is wrong', () => {
    const field = (b: Record<string, unknown>) => {
      try {
        cleanComment(b);
        return 'accepted';
      } catch (e) {
        return Object.keys((e as { extra: { fields?: Record<string, string> } }).extra.fields ?? { url: 1 }).join(',');
      }
    };
    expect(field({ ...ok, nick: ' ' })).toBe('nick');
    expect(field({ ...ok, comment: '🚂'.repeat(2000) })).toBe('accepted');
    expect(field({ ...ok, comment: '🚂'.repeat(2001) })).toBe('comment');
    expect(field({ ...ok, mail: 'x@y' })).toBe('mail');
    expect(field({ ...ok, link: 'javascript:alert(1)' })).toBe('link');
    expect(field({ ...ok, link: 'https://example.org' })).toBe('accepted');
    expect(field({ ...ok, url: 'https://x.example/' })).toBe('url');
    expect(field({ ...ok, nick: '', comment: '' })).toBe('nick,comment');
    // Accents as languages write them pass; marks stacked past eight on one letter ("Zalgo") do not.
    expect(field({ ...ok, comment: 'Tiếng Việt, नमस्ते, ภาษาไทย, Perú' })).toBe('accepted');
    expect(field({ ...ok, comment: 'a' + '\u0301'.repeat(8) })).toBe('accepted');
    expect(field({ ...ok, comment: 'a' + '\u0301\u0316'.repeat(1000) })).toBe('comment');
    expect(field({ ...ok, nick: 'Z' + '\u0336'.repeat(9) })).toBe('nick');
  });
  it('treats a reply without a parent id as the root id, and refuses odd ids', () => {
    expect(cleanComment({ ...ok, rid: '12' }).pid).toBe('12');
    expect(() => cleanComment({ ...ok, pid: '1 OR 1=1' })).toThrow(/does not exist/);
  });
});

describe('the network the caps count', () => {
  const req = createRequire(import.meta.url);
  const { readerKey } = req('../../server/comments/gate.cjs') as { readerKey(ip: string): string };
  const { networkOf } = req('../../server/comments/moderation.cjs') as { networkOf(reader: string): string };
  it('groups an IPv6 reader (a /64) into its /48; an IPv4 address is its own network', () => {
    expect(networkOf(readerKey('2001:db8:1:2::1'))).toBe('2001:0db8:0001:');
    expect(networkOf(readerKey('2001:db8:1:ffff:aaaa::9'))).toBe('2001:0db8:0001:');
    expect(networkOf(readerKey('2001:db8:2:2::1'))).toBe('2001:0db8:0002:');
    expect(networkOf(readerKey('192.0.2.7'))).toBe('192.0.2.7');
    expect(networkOf(readerKey('::ffff:192.0.2.7'))).toBe('192.0.2.7');
  });
});
