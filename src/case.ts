/**
 * Case handling: a replacement takes the case pattern of the text it replaces.
 * lower → as written; First capital → first letter capitalised; Title Case (two or more words,
 * each capitalised) → Title Case; UPPER → UPPER. Written capitals of the original are kept.
 */

export type CasePattern = "lower" | "first" | "title" | "upper";

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

function startsUpper(word: string): boolean {
  for (const ch of word) {
    if (UPPER.test(ch)) return true;
    if (LOWER.test(ch)) return false;
  }
  return false;
}

/** The case pattern of a span, given its word tokens. */
export function casePattern(words: readonly string[]): CasePattern {
  let letters = 0;
  let lowers = 0;
  for (const w of words) {
    for (const ch of w) {
      if (UPPER.test(ch)) letters++;
      else if (LOWER.test(ch)) {
        letters++;
        lowers++;
      }
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
        offset === 0 || w.length > 3 || startsUpper(w) ? capitalise(w) : w);
  }
}
