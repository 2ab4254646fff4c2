/**
 * Condition evaluation. Conditions read the input tokens only (never replaced text), so one
 * restoration can never feed another.
 */
import { childByHash } from "../dictionary/trie.js";
import type { Dictionary } from "../dictionary/build.js";
import type { TrieNode } from "../dictionary/trie.js";
import { hashAsciiToken, hashKey } from "../text/hash.js";
import { Kind } from "../text/tokenizer.js";
import type { Tokens } from "../text/tokenizer.js";
import type { CompiledConditions, WordItem } from "../types.js";

/** A bit per hash value (mod 2^16): most tokens start no document phrase, and a clear bit says so without the set. */
const FILTER_MASK = 0x7ff;
const filters = new WeakMap<Set<number>, Uint32Array>();

function hashFilter(hashes: Set<number>): Uint32Array {
  let f = filters.get(hashes);
  if (!f) {
    f = new Uint32Array(FILTER_MASK + 1);
    for (const h of hashes) f[(h >>> 5) & FILTER_MASK] |= 1 << (h & 31);
    filters.set(hashes, f);
  }
  return f;
}

/** The input as the matcher sees it: significant tokens (no whitespace) with lazily made keys. */
export class View {
  /** Token indexes of the significant tokens: words, numbers, punctuation, links, breaks. */
  readonly sig: Int32Array;
  readonly count: number;
  /** Keys made so far (only tokens that pass the hash check or a condition ever get one). */
  private readonly keys = new Map<number, string>();
  private docPhrases: Set<number> | undefined;

  constructor(
    readonly tokens: Tokens,
    private readonly dict: Dictionary,
  ) {
    this.sig = tokens.sig;
    this.count = tokens.sig.length;
  }

  kind(p: number): number {
    return this.tokens.kinds[this.sig[p]];
  }

  /** Can the token at p be part of a match? (Not a paragraph break, not a link.) */
  matchable(p: number): boolean {
    const k = this.kind(p);
    return k !== Kind.Break && k !== Kind.Link;
  }

  raw(p: number): string {
    const t = this.sig[p];
    return this.tokens.text.slice(this.tokens.starts[t], this.tokens.ends[t]);
  }

  key(p: number): string {
    let k = this.keys.get(p);
    if (k === undefined) {
      k = this.raw(p).toLowerCase();
      if (k.indexOf("’") !== -1) k = k.replace(/’/g, "'");
      this.keys.set(p, k);
    }
    return k;
  }

  /** Is the key of the token at p equal to `key`? Compares char codes; makes no string when ASCII. */
  keyEquals(p: number, key: string): boolean {
    const t = this.sig[p];
    const text = this.tokens.text;
    const start = this.tokens.starts[t];
    const len = this.tokens.ends[t] - start;
    if (len === key.length) {
      for (let i = 0; i < len; i++) {
        let c = text.charCodeAt(start + i);
        if (c >= 0x80) return this.key(p) === key; // lower-casing beyond ASCII: compare the key
        if (c >= 0x41 && c <= 0x5a) c += 0x20;
        if (c !== key.charCodeAt(i)) return false;
      }
      return true;
    }
    // lengths differ: equal only if lower-casing changes the length, which ASCII never does
    for (let i = 0; i < len; i++) if (text.charCodeAt(start + i) >= 0x80) return this.key(p) === key;
    return false;
  }

  /** Hash of the key of the token at p (see hash.ts): the tokenizer's, else made without the key when it is ASCII. */
  hash(p: number): number {
    const t = this.sig[p];
    const made = this.tokens.hashes[t];
    if (made !== 0) return made;
    const h = hashAsciiToken(this.tokens.text, this.tokens.starts[t], this.tokens.ends[t]);
    return h >= 0 ? h : hashKey(this.key(p));
  }

  phraseText(id: number): string {
    return this.dict.phrases[id].join(" ");
  }

  sentenceStart(p: number): boolean {
    return this.tokens.sentenceStart[this.sig[p]] === 1;
  }

  /** Does the phrase `keys` stand at p (all tokens matchable)? */
  phraseAt(p: number, keys: readonly string[]): boolean {
    if (p < 0 || p + keys.length > this.count) return false;
    for (let i = 0; i < keys.length; i++) {
      if (!this.matchable(p + i) || !this.keyEquals(p + i, keys[i])) return false;
    }
    return true;
  }

  /** Ids of the document phrases present anywhere in the input; computed once, when first asked. */
  documentPhrases(): Set<number> {
    if (this.docPhrases) return this.docPhrases;
    const found = new Set<number>();
    const { phraseRoot, phraseIds } = this.dict;
    if (phraseRoot.next) {
      const firsts = this.dict.phraseFirstHashes;
      const filter = hashFilter(firsts);
      for (let p = 0; p < this.count; p++) {
        if (!this.matchable(p)) continue;
        const h = this.hash(p);
        if ((filter[(h >>> 5) & FILTER_MASK] & (1 << (h & 31))) === 0 || !firsts.has(h)) continue;
        let node: TrieNode | undefined = childByHash(phraseRoot, this.hash(p), this, p);
        const first = p;
        for (let q = p + 1; node; q++) {
          const id = phraseIds.get(node);
          if (id !== undefined && this.phraseAt(first, this.dict.phrases[id])) found.add(id);
          if (!node.next || q >= this.count || !this.matchable(q)) break;
          node = childByHash(node, this.hash(q), this, q);
        }
      }
    }
    this.docPhrases = found;
    return found;
  }
}

function firstLetterUpper(s: string): boolean | undefined {
  for (const ch of s) {
    if (/\p{Lu}/u.test(ch)) return true;
    if (/\p{Ll}/u.test(ch)) return false;
  }
  return undefined;
}

function shapeHolds(view: View, p: number, shape: string): boolean {
  const k = view.kind(p);
  switch (shape) {
    case "number":
      return k === Kind.Number;
    case "punct":
      return k === Kind.Punct;
    case "word":
      return k === Kind.Word;
    case "capitalised":
      return k === Kind.Word && firstLetterUpper(view.raw(p)) === true;
    case "lower":
      return k === Kind.Word && firstLetterUpper(view.raw(p)) === false;
    default:
      return false;
  }
}

/** Adds `value` under the hash of `key`; each list keeps the order its values came in. */
function addByHash<T>(m: Map<number, T[]>, key: string, value: T): void {
  const h = hashKey(key);
  const list = m.get(h);
  if (list) list.push(value);
  else m.set(h, [value]);
}

/**
 * A word list made fast to test: one-word items by hash; longer phrases (a class's included, as
 * phrases of their own) and shapes in order, the phrases also by the hash of their first and of
 * their last key (a phrase after the match starts with the token there; one before it ends there).
 */
interface CompiledList {
  singles: Map<number, { key: string; label: string }[]>;
  others: WordItem[];
  byFirst: Map<number, WordItem[]>;
  byLast: Map<number, WordItem[]>;
}

const compiledLists = new WeakMap<readonly WordItem[], CompiledList>();

function compileList(items: readonly WordItem[]): CompiledList {
  let c = compiledLists.get(items);
  if (c) return c;
  c = { singles: new Map(), others: [], byFirst: new Map(), byLast: new Map() };
  for (const item of items) {
    if (item.type === "shape") {
      c.others.push(item);
      continue;
    }
    for (const keys of item.type === "seq" ? [item.keys] : item.seqs) {
      if (keys.length === 1) {
        addByHash(c.singles, keys[0], {
          key: keys[0],
          label: item.type === "class" ? `"${keys[0]}" (@${item.name})` : `"${keys[0]}"`,
        });
        continue;
      }
      const seq: WordItem = item.type === "seq" ? item : { type: "seq", keys };
      c.others.push(seq);
      if (keys.length > 0) {
        addByHash(c.byFirst, keys[0], seq);
        addByHash(c.byLast, keys[keys.length - 1], seq);
      }
    }
  }
  compiledLists.set(items, c);
  return c;
}

/** Which item (if any) stands right before position `start` (dir -1) or right from `start` (dir 1). */
function itemAt(view: View, items: readonly WordItem[], edge: number, dir: -1 | 1): string | undefined {
  const list = compileList(items);
  const p1 = dir < 0 ? edge - 1 : edge;
  if (p1 < 0 || p1 >= view.count || !view.matchable(p1)) return undefined; // nothing a list names stands there
  const h = view.hash(p1);
  for (const s of list.singles.get(h) ?? []) if (view.keyEquals(p1, s.key)) return s.label;
  // the phrases that can stand there: those whose key next to the match is the token there
  const near = (dir < 0 ? list.byLast : list.byFirst).get(h);
  for (const item of list.others) {
    if (item.type === "shape") {
      if (shapeHolds(view, p1, item.shape)) return `<${item.shape}> "${view.raw(p1)}"`;
    } else if (
      item.type === "seq" &&
      near?.includes(item) &&
      view.phraseAt(dir < 0 ? edge - item.keys.length : edge, item.keys)
    ) {
      return `"${item.keys.join(" ")}"`;
    }
  }
  return undefined;
}

/** A near list's phrases by the hash of their first key, in list order (made once per list). */
const byFirstKey = new WeakMap<readonly string[][], Map<number, string[][]>>();

function phrasesByFirst(phrases: readonly string[][]): Map<number, string[][]> {
  let m = byFirstKey.get(phrases);
  if (!m) {
    m = new Map();
    for (const keys of phrases) if (keys.length > 0) addByHash(m, keys[0], keys);
    byFirstKey.set(phrases, m);
  }
  return m;
}

function nearAt(
  view: View,
  phrases: readonly string[][],
  from: number,
  to: number,
  within: number,
): string | undefined {
  // count `within` words outward from the match, not crossing a paragraph break
  const lo = windowEdge(view, from - 1, -1, within);
  const hi = windowEdge(view, to, 1, within);
  const index = phrasesByFirst(phrases);
  for (let p = lo; p <= hi; p++) {
    if (p >= from && p < to) continue;
    if (!view.matchable(p)) continue;
    // the phrases starting with the token at p, in list order (the first that stands is named)
    for (const keys of index.get(view.hash(p)) ?? []) {
      if (view.phraseAt(p, keys) && (p + keys.length <= from || p >= to)) return keys.join(" ");
    }
  }
  return undefined;
}

function windowEdge(view: View, p: number, dir: -1 | 1, words: number): number {
  let last = dir < 0 ? p + 1 : p - 1;
  let seen = 0;
  while (p >= 0 && p < view.count && view.kind(p) !== Kind.Break && seen < words) {
    if (view.kind(p) !== Kind.Punct) seen++;
    last = p;
    p += dir;
  }
  return last;
}

/** The reason of a `document_spun` condition: it holds for now; the evidence step decides (decide.ts). */
export const DOCUMENT_SPUN = "if the document is judged spun (document_spun)";

/**
 * Evaluate one condition map for a match covering significant tokens [from, to).
 * Returns the reasons it holds, or undefined when it does not.
 */
export function holds(view: View, c: CompiledConditions, from: number, to: number): string[] | undefined {
  const why: string[] = [];
  if (c.sentenceStart !== undefined) {
    const s = view.sentenceStart(from);
    if (s !== c.sentenceStart) return undefined;
    why.push(s ? "at a sentence start" : "not at a sentence start");
  }
  if (c.before) {
    const hit = itemAt(view, c.before, from, -1);
    if (!hit) return undefined;
    why.push(`preceded by ${hit}`);
  }
  if (c.notBefore) {
    const hit = itemAt(view, c.notBefore, from, -1);
    if (hit) return undefined;
    why.push("not preceded by an excluded word");
  }
  if (c.after) {
    const hit = itemAt(view, c.after, to, 1);
    if (!hit) return undefined;
    why.push(`followed by ${hit}`);
  }
  if (c.notAfter) {
    const hit = itemAt(view, c.notAfter, to, 1);
    if (hit) return undefined;
    why.push("not followed by an excluded word");
  }
  if (c.near) {
    const hit = nearAt(view, c.near, from, to, c.within);
    if (!hit) return undefined;
    why.push(`within ${c.within} words of "${hit}"`);
  }
  if (c.notNear) {
    const hit = nearAt(view, c.notNear, from, to, c.within);
    if (hit) return undefined;
    why.push(`no excluded word within ${c.within} words`);
  }
  if (c.documentSpun) why.push(DOCUMENT_SPUN);
  if (c.documentHas || c.documentHasAny || c.documentLacks) {
    const found = view.documentPhrases();
    const phrase = (id: number) => `"${view.phraseText(id)}"`;
    if (c.documentHas) {
      if (!c.documentHas.every((id) => found.has(id))) return undefined;
      why.push(`document has ${c.documentHas.map(phrase).join(" and ")}`);
    }
    if (c.documentHasAny) {
      const hit = c.documentHasAny.find((id) => found.has(id));
      if (hit === undefined) return undefined;
      why.push(`document has ${phrase(hit)}`);
    }
    if (c.documentLacks) {
      if (c.documentLacks.some((id) => found.has(id))) return undefined;
      why.push(`document lacks ${c.documentLacks.map(phrase).join(", ")}`);
    }
  }
  return why;
}
