/**
 * Lossless, offset-based tokenizer. Every character of the input belongs to exactly one token, so
 * the tokens concatenate back to the input byte for byte. Scans char codes (no regex in the hot
 * loop) and records tokens in typed arrays: no object per token.
 */

import {
  APOS,
  isWordChar,
  RSQUO,
  HYPHEN,
  PERIOD,
  LF,
  isDigit,
  isLetter,
  ASCII,
  A_WORD,
  A_LETTER,
  A_DIGIT,
  A_SPACE,
  isSpace,
  isCurrency,
  isSentenceEnd,
  isCloser,
  isClauseMark,
  linkLength,
  mayBeLink,
  scanWord,
  scanNumber,
} from "./chars.js";
import { FNV_OFFSET, FNV_PRIME } from "./hash.js";

export const Kind = {
  /** A word: letters, digits, marks, inner apostrophes and hyphens ("don't", "off-the-books", "U.S."). */
  Word: 1,
  /** A number: 5, 5,500, 3.1, $11. */
  Number: 2,
  /** One punctuation or symbol character (or one astral character such as an emoji). */
  Punct: 3,
  /** Spaces, tabs and at most one line break. */
  Space: 4,
  /** Whitespace holding two or more line breaks: a paragraph break, which no match crosses. */
  Break: 5,
  /** A URL or e-mail address, kept whole and never matched. */
  Link: 6,
  /** The possessive clitic 's / ’s, split from its word so "Russia’s" matches "Russia". */
  Clitic: 7,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface Tokens {
  readonly text: string;
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 1 where the token is the first word of a sentence. */
  readonly sentenceStart: Uint8Array;
  /**
   * The key's hash (hash.ts) of each plain ASCII word and ASCII punctuation token, made while
   * scanning it; 0 where it was not made (numbers, anything with non-ASCII: see View.hash).
   */
  readonly hashes: Uint32Array;
  /** Indexes of the tokens that are not spaces (what the matcher walks), in order. */
  readonly sig: Int32Array;
}

class Builder {
  count = 0;
  kinds!: Uint8Array;
  starts!: Int32Array;
  ends!: Int32Array;
  sentence!: Uint8Array;
  hashes!: Uint32Array;
  sig!: Int32Array;
  constructor(capacity: number) {
    this.allocate(capacity);
  }
  /** Start again, keeping the arrays when they are large enough (no garbage per window). */
  reset(capacity: number): this {
    this.count = 0;
    if (this.kinds.length < capacity) this.allocate(capacity);
    return this;
  }
  grow(): void {
    const { kinds, starts, ends, sentence, hashes, sig } = this;
    this.allocate(kinds.length * 2 + 16);
    this.kinds.set(kinds);
    this.starts.set(starts);
    this.ends.set(ends);
    this.sentence.set(sentence);
    this.hashes.set(hashes);
    this.sig.set(sig);
  }
  private allocate(n: number): void {
    this.kinds = new Uint8Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.sentence = new Uint8Array(n);
    this.hashes = new Uint32Array(n);
    this.sig = new Int32Array(n);
  }
}

let scratch: Builder | undefined;

/**
 * Token arrays of one's own to reuse, for a caller that tokenizes many small texts while the
 * module's scratch arrays are in use (engine/chains.ts, inside a window): `tokenize(text, buffer)`.
 */
export class TokenBuffer {
  builder: Builder | undefined;
}

/**
 * Every path of the scanner in a few lines, tokenized once before the first large text. The JIT
 * optimizes tokenize while it is still in its first long call; a path that had not run by then
 * (a link, a clitic, a non-ASCII word, growing the arrays…) throws the optimized code away when it
 * first runs, and the rest of that call goes on in slow code: on a 1 MB text that was two thirds
 * of it. With every path seen first, the first optimized code is the one that stays.
 */
// (joined with \n: "end\r" and "A\rB" make a CRLF, a lone CR and a lone LF)
const WARM_UP = [
  "The U.S. don't it’s off-the-books Café ÉTÉ naïve 5,500 3.1 $11 £2 5th 1990s 3D Russia's Biden’s 's ’s",
  "x@y.org first.last@example.com https://example.org/a?b=1. www.example.org http: a.b a+b a_b",
  "One. Two! Three? Four… (Five) “Six” «Seven» 'Eight' — nine; ten: eleven, twelve 😀 end\r",
  "A\rB\n\nC\u2028D\u00a0E\tF",
  "!".repeat(64),
].join("\n");
let warmedUp = false;

/**
 * Tokenize `text`. With `reuse`, the token arrays are the module's scratch arrays (or the given
 * buffer's), overwritten by the next such call: only for a caller that is done with the tokens
 * before it tokenizes again (the engine, window by window).
 *
 * One long function on purpose (about 150 lines): it is the hottest loop of a run, and it keeps the
 * six token arrays, the count and the sentence state in locals with one capacity check per token.
 * Split per token kind, every helper would take and hand back that state for every token, and the
 * warm-up above relies on one function seeing every path. The scanners it calls are in chars.ts.
 */
export function tokenize(text: string, reuse: boolean | TokenBuffer = false): Tokens {
  if (!warmedUp && text.length > 65536) {
    warmedUp = true;
    for (let k = 0; k < 4; k++) tokenize(WARM_UP);
  }
  const n = text.length;
  const capacity = Math.max(16, (n >> 1) + 16);
  const b =
    reuse instanceof TokenBuffer
      ? (reuse.builder ??= new Builder(capacity)).reset(capacity)
      : reuse
        ? (scratch ??= new Builder(capacity)).reset(capacity)
        : new Builder(capacity);
  // the arrays in locals, and one capacity check per token (each turn of the loop makes one)
  let kinds = b.kinds;
  let starts = b.starts;
  let ends = b.ends;
  let sentence = b.sentence;
  let hashes = b.hashes;
  let sig = b.sig;
  let count = 0;
  let nsig = 0;
  let i = 0;
  // sentence starts, as the tokens come: a word, number or link after the start of the text, a
  // sentence end (. ! ? … and its closers), a line break or a paragraph break
  let atStart = true;
  let pendingEnd = false;
  while (i < n) {
    if (count === kinds.length) {
      b.count = count;
      b.grow();
      kinds = b.kinds;
      starts = b.starts;
      ends = b.ends;
      sentence = b.sentence;
      hashes = b.hashes;
      sig = b.sig;
    }
    const c = text.charCodeAt(i);
    const ascii = c < 0x80 ? ASCII[c] : 0;
    let j: number;
    let kind: Kind;
    let h = 0; // the key's hash where it is made on the way (FNV-1a, as hash.ts)
    if ((ascii & A_LETTER) !== 0) {
      // the common case, a plain ASCII word, scanned here; anything that may make it more than its
      // run of ASCII letters and digits (an apostrophe, a hyphen, U.S., a non-ASCII letter) goes
      // through scanWord
      // (lower case of an ASCII letter or digit: | 0x20)
      j = i + 1;
      h = Math.imul(FNV_OFFSET ^ (c | 0x20), FNV_PRIME);
      let d = 0;
      while (j < n) {
        d = text.charCodeAt(j);
        if (d >= 0x80 || (ASCII[d] & A_WORD) === 0) break;
        h = Math.imul(h ^ (d | 0x20), FNV_PRIME);
        j++;
      }
      if (j < n && (d >= 0x80 || d === APOS || d === HYPHEN || (d === PERIOD && j === i + 1))) {
        j = scanWord(text, i);
        h = 0;
      }
      kind = Kind.Word;
      // a link continues a word with @ : . + or _ (mayBeLink looks closer)
      const after = text.charCodeAt(j);
      if (
        (after === 0x40 || after === 0x3a || after === PERIOD || after === 0x2b || after === 0x5f) &&
        mayBeLink(text, i, j)
      ) {
        const len = linkLength(text, i);
        if (len > 0) {
          j = i + len;
          kind = Kind.Link;
          h = 0;
        }
      }
    } else if ((ascii & A_SPACE) !== 0 || (c >= 0x80 && isSpace(c))) {
      j = i;
      let breaks = 0;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d < 0x80 ? (ASCII[d] & A_SPACE) === 0 : !isSpace(d)) break;
        if (d === LF || (d === 0x0d && text.charCodeAt(j + 1) !== LF) || d === 0x2028 || d === 0x2029) breaks++;
        j++;
      }
      kind = breaks >= 2 ? Kind.Break : Kind.Space;
      if (breaks > 0 || pendingEnd) {
        atStart = true;
        pendingEnd = false;
      }
    } else if ((ascii & A_DIGIT) !== 0 || (isCurrency(c) && isDigit(text.charCodeAt(i + 1)))) {
      j = scanNumber(text, i);
      kind = Kind.Number;
      if (j < n && isLetter(text.charCodeAt(j))) {
        // 5th, 1990s, 3D: one alphanumeric word
        j = scanWord(text, j);
        kind = Kind.Word;
      }
    } else if (c >= 0x80 && isWordChar(c)) {
      j = scanWord(text, i);
      kind = Kind.Word;
      if (mayBeLink(text, i, j)) {
        const len = linkLength(text, i);
        if (len > 0) {
          j = i + len;
          kind = Kind.Link;
        }
      }
    } else if (
      (c === APOS || c === RSQUO) &&
      (i === 0 || (count > 0 && kinds[count - 1] === Kind.Word && ends[count - 1] === i)) &&
      (text.charCodeAt(i + 1) === 0x73 || text.charCodeAt(i + 1) === 0x53) &&
      !isWordChar(text.charCodeAt(i + 2))
    ) {
      // the possessive clitic after its word — or alone at the start ("'s" in a dictionary's word list)
      j = i + 2;
      kind = Kind.Clitic;
    } else {
      // one punctuation or symbol character; an astral one is its two code units
      j = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? i + 2 : i + 1;
      kind = Kind.Punct;
      if (c < 0x80) h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME); // ASCII punctuation has no case
    }
    let first = 0;
    if (kind === Kind.Word || kind === Kind.Number || kind === Kind.Link) {
      if (atStart || pendingEnd) first = 1;
      atStart = false;
      pendingEnd = false;
    } else if (kind === Kind.Punct) {
      if (isSentenceEnd(c)) pendingEnd = true;
      else if (isClauseMark(c)) {
        atStart = false;
        pendingEnd = false;
      } else if (pendingEnd && !isCloser(c)) {
        // "end. (Next" or "end.—Next": the sentence ended; an opener may precede the next word
        atStart = true;
        pendingEnd = false;
      }
    }
    kinds[count] = kind;
    starts[count] = i;
    ends[count] = j;
    sentence[count] = first;
    hashes[count] = h;
    if (kind !== Kind.Space) sig[nsig++] = count;
    count++;
    i = j;
  }
  return {
    text,
    count,
    kinds: kinds.subarray(0, count),
    starts: starts.subarray(0, count),
    ends: ends.subarray(0, count),
    sentenceStart: sentence.subarray(0, count),
    hashes: hashes.subarray(0, count),
    sig: sig.subarray(0, nsig),
  };
}

/** Matching key of a token's text: lower case, ’ folded to '. */
export function tokenKey(raw: string): string {
  const lower = raw.toLowerCase();
  return lower.indexOf("’") === -1 ? lower : lower.replace(/’/g, "'");
}

/** Tokens of the text that matter for matching (no whitespace), as keys. Used for dictionary phrases. */
// words that start with a letter (a leading digit makes a number token: "10-crease" is 10, -, crease)
const SIMPLE_PHRASE = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?: [A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)*$/;

export function phraseKeys(phrase: string): string[] {
  // fast path for the common case (plain ASCII words and single spaces): the same keys, no scan
  if (SIMPLE_PHRASE.test(phrase)) return phrase.toLowerCase().split(" ");
  return scannedKeys(phrase);
}

/** phraseKeys through the tokenizer (the definition the fast path must agree with). */
export function scannedKeys(phrase: string): string[] {
  const t = tokenize(phrase);
  const keys: string[] = [];
  for (let i = 0; i < t.count; i++) {
    const k = t.kinds[i];
    if (k === Kind.Space || k === Kind.Break) continue;
    keys.push(tokenKey(phrase.slice(t.starts[i], t.ends[i])));
  }
  return keys;
}

/** This module's own file, part of the pack cache's key (cache.ts). */
export const TOKENIZER_URL = import.meta.url;
