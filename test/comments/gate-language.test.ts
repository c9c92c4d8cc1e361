/**
 * The comment server's refusals in the reader's language (issue 16): the widget
 * sends the page's language (Accept-Language), and every refusal gate.cjs can
 * give a reader comes back in it: a Spanish reader never reads an English one.
 * The catalog check reads gate.cjs itself, so a new or reworded reader-facing
 * message without a Spanish entry fails here; the server test runs a real
 * comment server (Waline on SQLite) behind our proxy.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { api, nextIp, startHarness, type Harness } from './harness';

const require = createRequire(import.meta.url);
const { translate, pickLang, localize } = require('../../server/comments/messages.cjs') as {
  translate(m: string, lang: string): string;
  pickLang(h: unknown): string;
  localize(m: string, extra: Record<string, unknown>, lang: string): Record<string, unknown>;
};

/** Refusals only the moderator reads (the moderation page stays in English, issue 15/16). */
const MODERATOR_ONLY = [
  /^E-mail and password/, /^Export as/, /^Give ids/, /^Give the comments as a list/, /^Nothing to change/, /^Unknown action/,
  /^Unknown chapter/, /^Unknown queue/, /^Which e-mail address/, /^Please sign in \(again\)/, /^Wrong e-mail/, /^Too many sign-in attempts/, /^Registration is closed/,
];

/** Every message a GateError or a field check in `source` can carry, with each ${…} filled by a sample number. */
function gateMessages(source: string): string[] {
  const out = new Set<string>();
  const lit = String.raw`'((?:[^'\\]|\\.)*)'|` + '`((?:[^`\\\\]|\\\\.)*)`';
  for (const re of [new RegExp(String.raw`new GateError\(\d+,\s*(?:${lit})`, 'g'), new RegExp(String.raw`fields\.\w+ = (?:${lit})`, 'g'), new RegExp(String.raw`errmsg: (?:${lit})`, 'g')]) {
    for (const m of source.matchAll(re)) {
      const s = (m[1] ?? m[2] ?? '').replace(/\$\{[^}]*\}/g, '7');
      if (s) out.add(s);
    }
  }
  return [...out];
}
/** The reader-facing messages that have no Spanish entry. */
const untranslated = (messages: string[]) => messages.filter((m) => !MODERATOR_ONLY.some((r) => r.test(m)) && translate(m, 'es') === m);

describe('comment refusals in the reader language: the catalog', () => {
  const source = readFileSync('server/comments/gate.cjs', 'utf8');
  const messages = gateMessages(source);

  it('finds the refusals in gate.cjs and has a Spanish one for every message a reader can get', () => {
    // The scan finds the messages it must (fixed and with numbers), so an empty scan cannot pass.
    expect(messages.length).toBeGreaterThan(40);
    expect(messages).toContain('Please write a comment.');
    expect(messages).toContain('You just posted a comment: please wait 7 seconds before posting again.');
    expect(untranslated(messages)).toEqual([]);
  });

  it('fails on a new English refusal without a Spanish entry', () => {
    const bad = `${source}\n throw new GateError(400, 'A brand new refusal nobody translated.');\n fields.nick = \`Names need \${n} letters.\`;`;
    expect(untranslated(gateMessages(bad))).toEqual(['A brand new refusal nobody translated.', 'Names need 7 letters.']);
  });

  it('fills the numbers into the Spanish sentence and leaves no English word in it', () => {
    expect(translate('Too many requests: please wait 42 seconds.', 'es')).toBe('Demasiadas solicitudes: espere 42 segundos.');
    expect(translate('Comments can be up to 4000 characters.', 'es')).toBe('Los comentarios pueden tener hasta 4000 caracteres.');
    expect(translate('Pages hold 10 or 20 comments.', 'es')).not.toMatch(/\bor\b/);
    expect(translate('Please write a comment.', 'en')).toBe('Please write a comment.');
    const l = localize('Please write a comment.', { fields: { comment: 'Please write a comment.', nick: 'Please give a name.' } }, 'es');
    expect(l).toEqual({ errmsg: 'Escriba un comentario.', fields: { comment: 'Escriba un comentario.', nick: 'Escriba un nombre.' } });
  });

  it('reads the language from Accept-Language (q order, regions), English otherwise', () => {
    expect(pickLang('es')).toBe('es');
    expect(pickLang('es-PE,es;q=0.9,en;q=0.8')).toBe('es');
    expect(pickLang('fr-FR,es;q=0.5,en;q=0.9')).toBe('en');
    expect(pickLang('fr,es;q=0.4')).toBe('es');
    expect(pickLang('es;q=0')).toBe('en');
    expect(pickLang('')).toBe('en');
    expect(pickLang(undefined)).toBe('en');
    expect(pickLang('x'.repeat(5000))).toBe('en');
  });
});

describe('comment refusals in the reader language: a running server', { timeout: 300_000 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ pages: ['/a-chapter/', '/es/a-chapter/'], rateLimitSeconds: 30 });
  });
  afterAll(() => h?.close());

  const post = (lang: string, body: Record<string, unknown>, ip = nextIp()) =>
    api(h.site, '/api/comment', { body, headers: { 'accept-language': lang, 'x-forwarded-for': ip } });

  it('refuses a Spanish reader in Spanish and an English reader in English (message and fields)', async () => {
    const es = await post('es', { nick: '', comment: '', url: '/es/a-chapter/' });
    expect(es.status).toBe(400);
    expect(es.json.errmsg).toBe('Escriba un nombre.');
    expect(es.json.fields).toEqual({ nick: 'Escriba un nombre.', comment: 'Escriba un comentario.' });
    const en = await post('en-GB,en;q=0.9', { nick: '', comment: '', url: '/a-chapter/' });
    expect(en.status).toBe(400);
    expect(en.json.errmsg).toBe('Please give a name.');
    expect(en.json.fields).toEqual({ nick: 'Please give a name.', comment: 'Please write a comment.' });
  });

  it('answers a list of a page without comments, and a too-soon second post, in Spanish with the numbers filled in', async () => {
    const r = await api(h.site, '/api/comment?path=%2Fes%2Fno-such%2F&page=1&pageSize=10', { headers: { 'accept-language': 'es-PE' } });
    expect(r.status).toBe(400);
    expect(r.json.errmsg).toBe('Esta página no tiene comentarios.');
    const ip = nextIp();
    expect((await post('es', { nick: 'Ana', comment: 'Primer comentario', url: '/es/a-chapter/' }, ip)).status).toBe(200);
    const again = await post('es', { nick: 'Ana', comment: 'Otro comentario', url: '/es/a-chapter/' }, ip);
    expect(again.status).toBe(429);
    expect(again.json.errmsg).toMatch(/^Acaba de publicar un comentario: espere \d+ segundos antes de publicar otro\.$/);
  });
});
