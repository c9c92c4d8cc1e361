import { describe, it, expect } from 'vitest';
import { parseChildMessage, parseHostMessage, childScroll, pymHeight, ampHeight, embedUrl } from '../../src/lib/embed/protocol';
import { scriptSnippet, iframeSnippet } from '../../src/lib/embed/snippet';
import { scrollyStepCount } from '../../src/lib/embed/steps';

const step = { chancay: 1, type: 'step', chapter: 'the-announcement', step: 2, index: 1, count: 3, section: 'scrolly-rail-costs', direction: 'down' };

describe('message parsers', () => {
  it('accept each of our messages and return only known fields', () => {
    expect(parseHostMessage({ chancay: 1, type: 'hello' })).toEqual({ chancay: 1, type: 'hello' });
    expect(parseHostMessage({ chancay: 1, type: 'geometry', top: -1234.5, extra: 'x'.repeat(10) })).toEqual({ chancay: 1, type: 'geometry', top: -1234.5 });
    expect(parseChildMessage({ chancay: 1, type: 'height', height: 812 })).toEqual({ chancay: 1, type: 'height', height: 812 });
    expect(parseChildMessage({ chancay: 1, type: 'ready', height: 10, title: 'T' })).toEqual({ chancay: 1, type: 'ready', height: 10, title: 'T' });
    expect(parseChildMessage({ ...step, evil: '<img>' })).toEqual(step);
    expect(parseChildMessage({ ...step, step: null, index: -1 })).toMatchObject({ step: null, index: -1 });
    expect(parseChildMessage({ chancay: 1, type: 'reveal', top: 10, bottom: 40 })).toEqual({ chancay: 1, type: 'reveal', top: 10, bottom: 40 });
  });

  it('return null, never throw, for junk: wrong shape, wrong version, huge or non-finite values', () => {
    const junk: unknown[] = [
      null, undefined, 0, 'hello', 'x'.repeat(1e6), [], [1, 2], { type: 'height', height: 5 },
      { chancay: 2, type: 'height', height: 5 }, { chancay: '1', type: 'height', height: 5 },
      { chancay: 1, type: 'height', height: -1 }, { chancay: 1, type: 'height', height: 1e9 },
      { chancay: 1, type: 'height', height: NaN }, { chancay: 1, type: 'height', height: Infinity },
      { chancay: 1, type: 'height', height: '500' }, { chancay: 1, type: 'nope' },
      { chancay: 1, type: 'ready', height: 5, title: 'x'.repeat(1e5) },
      { ...step, chapter: 'x'.repeat(1000) }, { ...step, index: 1.5 }, { ...step, direction: 'sideways' },
      { ...step, step: 0 }, { ...step, count: 0 },
      { sentinel: 'amp', type: 'embed-size', height: 300 }, 'pymxPYMxidxPYMxheightxPYMx300',
    ];
    for (const j of junk) {
      expect(parseChildMessage(j)).toBeNull();
      expect(parseHostMessage(j)).toBeNull();
    }
    expect(parseHostMessage({ chancay: 1, type: 'geometry', top: 'NaN' })).toBeNull();
    expect(parseHostMessage({ chancay: 1, type: 'geometry', top: -1e12 })).toBeNull();
    // A host message is not a child message and the other way round.
    expect(parseChildMessage({ chancay: 1, type: 'hello' })).toBeNull();
    expect(parseHostMessage({ chancay: 1, type: 'height', height: 5 })).toBeNull();
  });
});

describe('childScroll', () => {
  // content 3000 px tall in an iframe 800 px tall: the document scrolls 0..2200.
  it('is 0 while the box is below the viewport top', () => {
    expect(childScroll(300, 3000, 800)).toBe(0);
    expect(childScroll(0, 3000, 800)).toBe(0);
  });
  it('follows the host scroll while the box covers the viewport', () => {
    expect(childScroll(-1, 3000, 800)).toBe(1);
    expect(childScroll(-1234.4, 3000, 800)).toBe(1234);
  });
  it('stops at the end of the content', () => {
    expect(childScroll(-2200, 3000, 800)).toBe(2200);
    expect(childScroll(-5000, 3000, 800)).toBe(2200);
  });
  it('never scrolls content shorter than the iframe', () => {
    expect(childScroll(-500, 600, 800)).toBe(0);
  });
});

describe('third-party height formats', () => {
  it('Pym.js: the string a pym.v1 Parent with that id matches', () => {
    const msg = pymHeight('pym-figure', 812.2);
    expect(msg).toBe('pymxPYMxpym-figurexPYMxheightxPYMx813');
    // The regex pym.v1's Parent builds for id "pym-figure".
    const m = msg.match(/^pymxPYMxpym-figurexPYMx(\S+)xPYMx(.*)$/);
    expect(m?.[1]).toBe('height');
    expect(m?.[2]).toBe('813');
  });
  it('AMP: an embed-size request', () => {
    expect(ampHeight(640.5)).toEqual({ sentinel: 'amp', type: 'embed-size', height: 641 });
  });
});

describe('embedUrl', () => {
  const o = 'https://chancay.example';
  it('builds the iframe URL for chapter and figure paths with theme and comments', () => {
    expect(embedUrl('/embed/the-announcement/', o)).toBe(`${o}/embed/the-announcement/`);
    expect(embedUrl('/embed/beyond-the-tracks/climb-profile/', o, { theme: 'dark' })).toBe(`${o}/embed/beyond-the-tracks/climb-profile/?theme=dark`);
    expect(embedUrl(`${o}/embed/the-announcement/`, o, { theme: 'auto', comments: 'true' })).toBe(`${o}/embed/the-announcement/?comments=1`);
  });
  it('refuses other origins, other paths and junk', () => {
    for (const v of [undefined, '', 'https://evil.example/embed/x/', '/the-announcement/', '/embed/../admin/', 'javascript:alert(1)', '/embed/a/b/c/', '/embed/' + 'a'.repeat(300) + '/']) {
      expect(embedUrl(v, o)).toBeNull();
    }
    expect(embedUrl('/embed/x/', o, { theme: '"><script>' })).toBe(`${o}/embed/x/`);
  });
});

describe('snippets', () => {
  const input = { origin: 'https://chancay.example', path: '/embed/the-announcement/', title: 'The "US$4 billion" <railway> & more', href: 'https://chancay.example/the-announcement/' };
  it('escape the title in attributes and text', () => {
    const s = scriptSnippet(input);
    expect(s).toContain('data-title="The &quot;US$4 billion&quot; &lt;railway&gt; &amp; more"');
    expect(s).toContain('<script async src="https://chancay.example/embed.js"></script>');
    expect(s).not.toContain('<railway>');
    const f = iframeSnippet({ ...input, height: 700.4 });
    expect(f).toContain('src="https://chancay.example/embed/the-announcement/"');
    expect(f).toContain('height="700"');
    expect(f).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"');
    expect(f).not.toContain('"US$4');
  });
});

describe('scrollyStepCount', () => {
  const mdx = `Intro.\n\n<Scrolly figure="rail-costs">\n  <Step n={1}>One</Step>\n  <Step n={2}>Two <V id="x" /></Step>\n</Scrolly>\n\n<Figure id="map" />\n<Scrolly figure='climb'>\n<Step n={3}>\nA\n</Step>\n</Scrolly>`;
  it('counts the steps of the named figure only', () => {
    expect(scrollyStepCount(mdx, 'rail-costs')).toBe(2);
    expect(scrollyStepCount(mdx, 'climb')).toBe(1);
    expect(scrollyStepCount(mdx, 'map')).toBe(0);
  });
});
