/** server/comments/names.cjs: names cleaned of invisible characters and compared with the reserved ones as they read on screen. */
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';

const { cleanName, nameKey, displayedForm, isReserved } = createRequire(import.meta.url)('../../server/comments/names.cjs') as {
  cleanName(s: string): string;
  nameKey(s: string): string;
  displayedForm(s: string): string;
  isReserved(s: string, reserved: Iterable<string>): boolean;
};

const RESERVED = ['Moderator', 'The Chancay Corridor'];

describe('comment names', () => {
  it('strips bidi controls, zero-width and other format characters, and applies NFKC', () => {
    const invisible = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
    for (const c of invisible) expect(cleanName(`Ro${c}sa`), JSON.stringify(c)).toBe('Rosa');
    expect(cleanName('Ｒｏｓａ')).toBe('Rosa');
    expect(cleanName('  Rosa \u3000  María ')).toBe('Rosa María');
    // Real names in any script survive.
    expect(cleanName('نور 🌙')).toBe('نور 🌙');
    expect(cleanName('José Núñez')).toBe('José Núñez');
  });

  it('compares case-folded letters and digits only', () => {
    expect(nameKey('Ｍod-Erator ')).toBe('moderator');
    expect(nameKey('THE CHANCAY CORRIDOR')).toBe(nameKey('the chancay corridor'));
  });

  it('sees what a right-to-left override displays', () => {
    expect(displayedForm('\u202Erotaredom')).toBe('moderator');
    expect(displayedForm('mod\u202Erotare\u202C')).toBe('moderator');
    expect(displayedForm('\u2067rotaredom\u2069 Rosa')).toBe('moderator Rosa');
  });

  it('refuses the reserved names however they are spelled, and nothing else', () => {
    const spoofs = ['Moderator', 'moderator', 'MODERATOR', 'Ｍoderator', 'mod\u200Berator', '\u202Erotaredom', 'mod\u202Erotare\u202C', 'Mod erator', 'ᴹoderator'.normalize('NFKC'), 'The Chancay Corridor', 'the chancay\u00A0corridor', 'TheChancayCorridor'];
    for (const s of spoofs) expect(isReserved(s, RESERVED), JSON.stringify(s)).toBe(true);
    const fine = ['Rosa', 'Moderators fan', 'moderator2', 'Chancay', 'نور 🌙', '\u202Bנור\u202C'];
    for (const s of fine) expect(isReserved(s, RESERVED), JSON.stringify(s)).toBe(false);
    expect(isReserved('Moderator', [])).toBe(false);
  });

  it('reserves the site name of every edition and the staff titles kept in content/', async () => {
    const { reservedNames } = (await import('../../server/comments/index.mjs')) as { reservedNames(file?: string): string[] };
    const names = reservedNames();
    for (const n of ['The Chancay Corridor', 'El Corredor de Chancay', 'Moderator', 'Moderador', 'Admin', 'Redacción'])
      expect(isReserved(n, names), n).toBe(true);
    for (const n of ['Rosa', 'Editorial board fan', 'Moderna']) expect(isReserved(n, names), n).toBe(false);
    // Look-alike letters and filler words read as the title (last stop's attack review).
    for (const n of ['The Moderator', 'M0derator', 'Site Admin', 'Adm1n', 'Official Moderator', 'El Moderador', 'Мoderator', 'Μοderator', 'the-newsroom', 'Our Editors', 'Equipo de Redacción'])
      expect(isReserved(n, names), n).toBe(true);
    for (const n of ['Lina', 'Adrián', 'Site visitor', 'The reader', 'Mila', 'Oleg', 'Моника', 'Editorial board fan', 'Moderna', 'Edith']) expect(isReserved(n, names), n).toBe(false);
    // A missing list stops the server with the setting's name rather than reserving nothing.
    expect(() => reservedNames('/nonexistent/reserved-names.txt')).toThrow(/COMMENTS_RESERVED_NAMES_FILE/);
  });
});
