/**
 * Character classes and scanners of the tokenizer: what is a word character, a space, a sentence
 * end; where a word, a number or a link that starts at a position ends. Char codes only; tables
 * for ASCII and a learnt table for the rest of the BMP.
 */

export const APOS = 0x27;
export const RSQUO = 0x2019;
export const HYPHEN = 0x2d;
export const PERIOD = 0x2e;
const COMMA = 0x2c;
export const LF = 0x0a;

const NON_ASCII_LETTER = /[\p{L}\p{M}\p{Nd}]/u;

function isAsciiAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A letter, mark or digit of any script. */
/** Word-character class of each BMP code unit, learnt on first sight: 0 unknown, 1 word, 2 not. */
const WORD_TABLE = new Uint8Array(0x10000);

export function isWordChar(c: number): boolean {
  if (c < 0x80) return isAsciiAlpha(c) || isDigit(c);
  let w = WORD_TABLE[c];
  if (w === 0) {
    w = c >= 0xd800 && c <= 0xdfff ? 2 : NON_ASCII_LETTER.test(String.fromCharCode(c)) ? 1 : 2; // astral: symbols
    WORD_TABLE[c] = w;
  }
  return w === 1;
}

export function isLetter(c: number): boolean {
  return c < 0x80 ? isAsciiAlpha(c) : isWordChar(c) && !isDigit(c);
}

/** Classes of the ASCII characters, for the hot loops: 1 word character, 2 letter, 4 digit, 8 space. */
export const ASCII = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) {
  ASCII[c] = (isAsciiAlpha(c) ? 3 : 0) | (isDigit(c) ? 5 : 0) | (c === 0x20 || (c >= 0x09 && c <= 0x0d) ? 8 : 0);
}
export const A_WORD = 1;
export const A_LETTER = 2;
export const A_DIGIT = 4;
export const A_SPACE = 8;

export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === LF ||
    c === 0x0d ||
    c === 0x0b ||
    c === 0x0c ||
    c === 0xa0 ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function isCurrency(c: number): boolean {
  return c === 0x24 || c === 0xa3 || c === 0x20ac || c === 0xa5;
}

/** Sentence-final punctuation, and what may close a sentence after it. */
export function isSentenceEnd(c: number): boolean {
  return c === PERIOD || c === 0x21 || c === 0x3f || c === 0x2026;
}

export function isCloser(c: number): boolean {
  return c === 0x22 || c === APOS || c === RSQUO || c === 0x201d || c === 0x29 || c === 0x5d || c === 0xbb;
}

export function isClauseMark(c: number): boolean {
  return c === COMMA || c === 0x3b || c === 0x3a;
}

// a URL (not ending in punctuation), or an e-mail address
const URL_PART = String.raw`(?:https?:\/\/|www\.)[^\s<>"“”]*[^\s<>"“”.,;:!?'’)\]]`;
const EMAIL_PART = String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`;
const LINK = new RegExp(`${URL_PART}|${EMAIL_PART}`, "uy");

/** Length of a link (URL or e-mail) starting at `start`, or 0. */
export function linkLength(text: string, start: number): number {
  LINK.lastIndex = start;
  const m = LINK.exec(text);
  return m ? m[0].length : 0;
}

/** Could a link start at this word? Cheap pre-check so the regex runs rarely. */
export function mayBeLink(text: string, start: number, wordEnd: number): boolean {
  const next = text.charCodeAt(wordEnd);
  if (next === 0x40 /* @ */) return true;
  if (next === 0x3a /* : */ && wordEnd - start <= 5) return /^https?$/i.test(text.slice(start, wordEnd));
  if (next === PERIOD && wordEnd - start === 3) return text.slice(start, wordEnd).toLowerCase() === "www";
  if (next === PERIOD || next === 0x2b || next === 0x5f) {
    // a dotted local part such as first.last@example.org
    for (let j = wordEnd; j < text.length && j < wordEnd + 64; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x40) return true;
      if (!(isWordChar(c) || c === PERIOD || c === 0x2b || c === 0x5f || c === HYPHEN)) return false;
    }
  }
  return false;
}

/** End of the word starting at `i` (which is a word character). */
export function scanWord(text: string, i: number): number {
  const n = text.length;
  // Abbreviations with periods: U.S., e.g. — single letters each followed by a period.
  if (
    text.charCodeAt(i + 1) === PERIOD &&
    isLetter(text.charCodeAt(i)) &&
    i + 2 < n &&
    isLetter(text.charCodeAt(i + 2)) &&
    text.charCodeAt(i + 3) === PERIOD
  ) {
    let j = i;
    while (j + 1 < n && isLetter(text.charCodeAt(j)) && text.charCodeAt(j + 1) === PERIOD) j += 2;
    if (!isWordChar(text.charCodeAt(j))) return j;
  }
  let j = i + 1;
  for (;;) {
    // the run of word characters (ASCII by table: no call per character)
    while (j < n) {
      const w = text.charCodeAt(j);
      if (w < 0x80 ? (ASCII[w] & A_WORD) === 0 : !isWordChar(w)) break;
      j++;
    }
    if (j + 1 >= n) return j;
    const c = text.charCodeAt(j);
    const d = text.charCodeAt(j + 1);
    if ((c === APOS || c === RSQUO) && isLetter(d)) {
      // possessive 's ends the word: it becomes a Clitic token of its own
      if ((d === 0x73 || d === 0x53) && !isWordChar(text.charCodeAt(j + 2))) return j;
      j += 2;
      continue;
    }
    if (c === HYPHEN && isWordChar(d)) {
      j += 2;
      continue;
    }
    return j;
  }
}

/** End of the number starting at `i` (a digit, or a currency sign before a digit). */
export function scanNumber(text: string, i: number): number {
  const n = text.length;
  let j = i;
  if (isCurrency(text.charCodeAt(j))) j++;
  for (;;) {
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    const c = text.charCodeAt(j);
    if ((c === COMMA || c === PERIOD) && isDigit(text.charCodeAt(j + 1))) {
      j++;
      continue;
    }
    return j;
  }
}

/** This module's own file, part of the pack cache's key (cache.ts): it decides the tokens. */
export const CHARS_URL = import.meta.url;
