/**
 * One comment thread per chapter per language: the comment server takes
 * comments on the chapters it finds in the built site, English at /<slug>/ and
 * Spanish at /es/<slug>/ (server/comments/index.mjs chapterPaths), and on nothing else.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chapterPaths } from '../../server/comments/index.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'es-infra-comments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const page = (rel: string, dataPath: string | null) => {
  mkdirSync(path.join(dir, rel), { recursive: true });
  writeFileSync(path.join(dir, rel, 'index.html'), dataPath ? `<chancay-comments data-path="${dataPath}" data-strings="{}"></chancay-comments>` : '<p>no comments</p>');
};

describe('comment threads per edition', () => {
  it('takes the English and the Spanish chapter as two threads, and no other page', () => {
    page('the-announcement', '/the-announcement/');
    page('es/the-announcement', '/es/the-announcement/');
    page('embed/the-announcement', '/the-announcement/');
    page('es/sources', null);
    page('es/bad', '/es/../x/');
    expect(chapterPaths(dir)).toEqual(['/es/the-announcement/', '/the-announcement/']);
  });
});
