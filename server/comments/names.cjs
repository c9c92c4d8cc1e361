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
//     reverse: the key of what is displayed is compared as well.
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
 * Does this name read as one of the reserved ones?
 * @param {string} raw the name as sent
 * @param {Iterable<string>} reserved
 */
function isReserved(raw, reserved) {
  const keys = new Set([...reserved].map(nameKey).filter(Boolean));
  if (!keys.size) return false;
  return [raw, displayedForm(raw)].some((s) => keys.has(nameKey(s)));
}

module.exports = { cleanName, nameKey, displayedForm, isReserved };
