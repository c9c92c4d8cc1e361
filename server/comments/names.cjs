// @ts-check
// Names that cannot impersonate (issue 15). A commenter's name is cleaned
// before it is stored and compared with the reserved names (the moderators'
// display names and the site's name) in a form that ignores how it is
// spelled on screen:
//   - format characters are stripped: bidi embeddings, overrides and isolates
//     (U+202A–202E, U+2066–2069), marks (U+200E/200F, U+061C), zero-width
//     characters (U+200B–200D, U+2060, U+FEFF) and every other Unicode Cf;
//   - NFKC folds compatibility forms (fullwidth Ｍ, ligatures, superscripts);
//   - the comparison key is case-folded and keeps only letters and digits, so
//     "Mod-erator", "MODERATOR" and "Ｍoderator" are one name;
//   - a right-to-left override makes the characters after it display in
//     reverse: the key of what is displayed is compared as well;
//   - look-alike letters are folded (Cyrillic "о", Greek "ο", "0" and "o";
//     "i", "l" and "1"), and filler words ("The", "Site", "Official", "El")
//     are dropped, so "The M0derator" and "Site Admin" read as the titles.
'use strict';

/** Every Unicode format character (Cf): bidi controls, zero-width characters, tags, soft hyphen… */
const FORMAT = /\p{Cf}/gu;
/** Characters that start a right-to-left run whose characters display reversed (RLO; RLE, RLI as approximations). */
const RTL_OPEN = new Set(['\u202E', '\u202B', '\u2067']);
const OPEN = new Set(['\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068']);
const CLOSE = new Set(['\u202C', '\u2069']);

/**
 * The name as stored: format characters removed, NFKC, runs of spaces as one.
 * @param {string} raw
 */
function cleanName(raw) {
  return raw.normalize('NFKC').replace(FORMAT, '').replace(/\s+/gu, ' ').trim().normalize('NFKC');
}

/**
 * The comparison key: NFKC, case-folded, letters and digits only.
 * @param {string} s
 */
function nameKey(s) {
  return s
    .normalize('NFKC')
    .replace(FORMAT, '')
    .toLowerCase()
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Roughly what a browser displays for a name with bidi overrides: the
 * characters inside an RLO/RLE/RLI run (up to its PDF/PDI or the end) reversed.
 * @param {string} raw
 */
function displayedForm(raw) {
  /** @param {string[]} chars @param {number} i @param {boolean} rtl @returns {[string[], number]} */
  function run(chars, i, rtl) {
    /** @type {string[]} */
    const out = [];
    while (i < chars.length) {
      const c = chars[i++];
      if (CLOSE.has(c)) break;
      if (OPEN.has(c)) {
        const [inner, j] = run(chars, i, RTL_OPEN.has(c));
        out.push(inner.join(''));
        i = j;
      } else out.push(c);
    }
    return [rtl ? out.reverse().map((s) => [...s].reverse().join('')) : out, i];
  }
  const chars = [...raw.normalize('NFKC')];
  let s = '';
  let i = 0;
  while (i < chars.length) {
    const [part, j] = run(chars, i, false);
    s += part.join('');
    i = j;
  }
  return s;
}

/**
 * Letters that look alike on screen, folded to one (after case folding): Cyrillic and Greek letters
 * drawn like Latin ones, digits and signs standing in for letters ("M0derator", "Adm1n"), and i, l,
 * 1 and | as one stroke. Only for comparing: the name is stored as typed.
 */
const LOOKALIKE = /** @type {Record<string, string>} */ ({
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'l', ї: 'l', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'l', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  ɑ: 'a', ɡ: 'g', ı: 'l', ȷ: 'j',
  0: 'o', 1: 'l', 3: 'e', 4: 'a', 5: 's', 7: 't', '@': 'a', $: 's', '|': 'l', '!': 'l', i: 'l',
});

/** Capitals that look like Latin capitals (Greek Μ is an M, its small μ a u): folded before case folding. */
const LOOKALIKE_CAPITAL = /** @type {Record<string, string>} */ ({
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
});

/**
 * Words that make a title read as the same title ("The Moderator", "Site Admin", "Official
 * Moderator", "El Moderador"), dropped when a name is compared with the reserved ones.
 */
const FILLER = new Set(['the', 'a', 'an', 'our', 'your', 'site', 'official', 'real', 'team', 'staff', 'chief', 'head', 'el', 'la', 'los', 'las', 'de', 'del', 'sitio', 'oficial', 'equipo', 'jefe', 'jefa', 'verdadero', 'verdadera']);

/**
 * The forms a name is compared in: letters and digits with look-alikes folded, with and without the
 * filler words. The words are split before folding, so "moderator2" stays a different name.
 * @param {string} s
 * @returns {string[]}
 */
function compareForms(s) {
  const words = [...s.normalize('NFKC').replace(FORMAT, '')]
    .map((c) => LOOKALIKE_CAPITAL[c] ?? c)
    .join('')
    .toLowerCase()
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}@$|!]+/u)
    .filter(Boolean);
  const fold = (/** @type {string[]} */ ws) => [...ws.join('')].map((c) => LOOKALIKE[c] ?? c).join('').replace(/[^\p{L}\p{N}]/gu, '');
  const all = fold(words);
  const bare = fold(words.filter((w) => !FILLER.has(w)));
  return bare && bare !== all ? [all, bare] : [all];
}

/**
 * Does this name read as one of the reserved ones?
 * @param {string} raw the name as sent
 * @param {Iterable<string>} reserved
 */
function isReserved(raw, reserved) {
  const keys = new Set([...reserved].flatMap(compareForms).filter(Boolean));
  if (!keys.size) return false;
  return [raw, displayedForm(raw)].some((s) => compareForms(s).some((k) => keys.has(k)));
}

module.exports = { cleanName, nameKey, displayedForm, isReserved };
