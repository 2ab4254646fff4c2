/**
 * Case handling: a replacement takes the case pattern of the text it replaces.
 * lower → as written; First capital → first letter capitalised; Title Case (two or more words,
 * each capitalised) → Title Case; UPPER → UPPER. Written capitals of the original are kept.
 */

export type CasePattern = "lower" | "first" | "title" | "upper";

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** 1 for an upper-case letter, -1 for a lower-case one, 0 otherwise (ASCII by char code, the rest by Unicode class). */
function letterCase(word: string, i: number): number {
  const c = word.charCodeAt(i);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? 1 : c >= 0x61 && c <= 0x7a ? -1 : 0;
  const ch = String.fromCodePoint(word.codePointAt(i) as number);
  return UPPER.test(ch) ? 1 : LOWER.test(ch) ? -1 : 0;
}

/** Width in code units of the character at i (2 for a surrogate pair). */
function width(word: string, i: number): number {
  const c = word.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const d = word.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

function startsUpper(word: string): boolean {
  for (let i = 0; i < word.length; i += width(word, i)) {
    const k = letterCase(word, i);
    if (k !== 0) return k > 0;
  }
  return false;
}

/** The case pattern of a span, given its word tokens. */
export function casePattern(words: readonly string[]): CasePattern {
  let letters = 0;
  let lowers = 0;
  for (const w of words) {
    for (let i = 0; i < w.length; i += width(w, i)) {
      const k = letterCase(w, i);
      if (k !== 0) letters++;
      if (k < 0) lowers++;
    }
  }
  if (letters >= 2 && lowers === 0) return "upper";
  if (words.length === 0 || !startsUpper(words[0])) return "lower";
  if (words.length >= 2 && words.every(startsUpper)) return "title";
  return "first";
}

function capitalise(word: string): string {
  const first = word.codePointAt(0);
  if (first === undefined) return word;
  const ch = String.fromCodePoint(first);
  return ch.toUpperCase() + word.slice(ch.length);
}

/** Apply a case pattern to the replacement as written in the dictionary. */
export function applyCase(original: string, pattern: CasePattern): string {
  switch (pattern) {
    case "lower":
      return original;
    case "upper":
      return original.toUpperCase();
    case "first":
      return capitalise(original);
    case "title":
      // Short words written in lower case (of, and, the…) stay lower inside a title, as in
      // "Bank of America"; the first word is always capitalised.
      return original.replace(/\p{L}[\p{L}\p{M}'’-]*/gu, (w, offset: number) =>
        offset === 0 || w.length > 3 || startsUpper(w) ? capitalise(w) : w,
      );
  }
}
