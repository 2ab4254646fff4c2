/**
 * A compiled dictionary: the packs' entries merged, conflicts refused, and every spun form (with its
 * inflected forms) put in a token trie. Building costs linear time in the dictionary's size; a lookup
 * costs one map step per token, whatever the size.
 */
import { DictionaryError } from "./errors.js";
import type { Problem } from "./errors.js";
import { hashKey } from "./hash.js";
import { HashIndex } from "./hashindex.js";
import { formsFor, inflectable } from "./inflect.js";
import type { PackSource } from "./loader.js";
import { phraseKeys } from "./tokenizer.js";
import type { CompiledConditions, Entry, PackInfo, Variant, Warning } from "./types.js";

export interface TrieNode {
  next: Map<string, TrieNode> | null;
  variants: Variant[] | null;
  /** `next` keyed by the keys' hashes (hash.ts), made on first use; null where two keys collide. */
  byHash?: HashIndex<TrieNode> | null;
  /** A lazily loaded root's own lookup by hash (cache.ts). */
  lazyHash?: (hash: number, keys: KeySource, at: number) => TrieNode | undefined;
}

/** Where a token's key comes from when hashes are not enough (the matcher's view of the input). */
export interface KeySource {
  key(at: number): string;
}

/** The child of `node` for token `at`, by its key's hash; the key itself decides where hashes collide. */
export function childByHash(node: TrieNode, hash: number, keys: KeySource, at: number): TrieNode | undefined {
  if (node.lazyHash) return node.lazyHash(hash, keys, at);
  const next = node.next;
  if (!next) return undefined;
  let byHash = node.byHash;
  if (byHash === undefined) {
    byHash = new HashIndex<TrieNode>(next.size);
    for (const [k, c] of next) {
      const h = hashKey(k);
      if (byHash.get(h) !== undefined) {
        byHash = null; // a collision: this node is walked by key strings
        break;
      }
      byHash.set(h, c);
    }
    node.byHash = byHash;
  }
  return byHash ? byHash.get(hash) : next.get(keys.key(at));
}

export function newNode(): TrieNode {
  // every node gets every field up front: one object shape keeps the hot loop's property reads fast
  return { next: null, variants: null, byHash: undefined, lazyHash: undefined };
}

export function child(node: TrieNode, key: string): TrieNode {
  if (!node.next) node.next = new Map();
  let c = node.next.get(key);
  if (!c) {
    c = newNode();
    node.next.set(key, c);
  }
  return c;
}

export function walk(node: TrieNode, keys: readonly string[]): TrieNode | undefined {
  let n: TrieNode | undefined = node;
  for (const k of keys) {
    n = n.next?.get(k);
    if (!n) return undefined;
  }
  return n;
}

export interface Dictionary {
  packs: PackInfo[];
  /** Every entry, in load order (a lazily loaded dictionary reads them all when this is first read). */
  readonly entries: Entry[];
  root: TrieNode;
  /** Phrases of document conditions, by id; and a trie of them (variants unused, ids in `phraseIds`). */
  phrases: string[][];
  phraseRoot: TrieNode;
  phraseIds: Map<TrieNode, number>;
  /** Hashes (hash.ts) of every document phrase's first key: a quick "no" when scanning a document. */
  phraseFirstHashes: Set<number>;
  /** Longest spun form, in tokens: how far a match can reach (for streaming carry-over). */
  maxKeys: number;
  /** Largest `within` of a near condition, in words. */
  maxWithin: number;
  warnings: Warning[];
}

/** A stable signature of an entry's conditions, to tell "same conditions" from "different". */
export function conditionSignature(e: Entry): string {
  const strip = (c: CompiledConditions) => ({ ...c, pos: undefined });
  return JSON.stringify([e.matchCase, e.when.map(strip)]);
}

export function describe(e: Entry, spun: string): string {
  return `'${spun}' → '${e.original}' (${e.pos.file}:${e.pos.line})`;
}

/** Try order inside one trie node: conditioned before unconditioned, written before inflected. */
export function rank(v: Variant): number {
  const unconditioned = v.entry.when.length === 0 && !v.entry.matchCase ? 1 : 0;
  return (v.inflected ? 2 : 0) + unconditioned;
}

export function inflectedVariants(entry: Entry, keys: string[], raw: string[]): Variant[] {
  if (!entry.inflect) return [];
  const origWords = entry.original.split(/(\s+)/);
  const lastOrig = origWords[origWords.length - 1];
  const lastKey = keys[keys.length - 1];
  if (!inflectable(lastKey) || !inflectable(lastOrig)) return [];
  return formsFor(entry.inflect).map((form) => {
    const original = origWords.slice(0, -1).join("") + form(lastOrig);
    const inflectedKey = form(lastKey);
    return {
      entry,
      keys: [...keys.slice(0, -1), inflectedKey],
      raw: [...raw.slice(0, -1), form(raw[raw.length - 1])],
      original,
      inflected: true,
    };
  }).filter((v) => v.keys[v.keys.length - 1] !== lastKey);
}

export function buildDictionary(packs: PackSource[]): Dictionary {
  const problems: Problem[] = [];
  const warnings: Warning[] = [];
  const root = newNode();
  const entries: Entry[] = [];
  const phraseTable = new PhraseTable();
  const phrases = phraseTable.phrases;
  // spun keys → the entries seen with them; conditions are compared only when keys collide
  const byKeys = new Map<string, { entry: Entry; spun: string }[]>();
  let maxKeys = 0;
  let maxWithin = 0;
  const names = new Set<string>();

  for (const pack of packs) {
    if (names.has(pack.name)) {
      warnings.push({ message: `pack '${pack.name}' is loaded twice (${pack.file}); its entries are used once` });
      continue;
    }
    names.add(pack.name);
    // phrase ids are per pack; give equal phrases of all packs one global id
    const global = pack.phrases.map((keys) => phraseTable.id(keys));
    const remap = (ids: number[] | undefined) => ids?.map((i) => global[i]);
    for (const src of pack.entries) {
      const entry: Entry = {
        ...src,
        index: entries.length,
        when: src.when.map((c) => ({
          ...c,
          documentHas: remap(c.documentHas),
          documentHasAny: remap(c.documentHasAny),
          documentLacks: remap(c.documentLacks),
        })),
      };
      entries.push(entry);
      for (const c of entry.when) maxWithin = Math.max(maxWithin, c.near || c.notNear ? c.within : 0);
      for (const spun of entry.spun) {
        const keys = phraseKeys(spun);
        const raw = phraseRawTokens(spun);
        const key = keys.join(" ");
        const others = byKeys.get(key);
        const seen = others?.find((o) => o.entry !== entry && conditionSignature(o.entry) === conditionSignature(entry));
        const prev = seen?.entry;
        if (seen && prev) {
          const same = prev.original.toLowerCase() === entry.original.toLowerCase() && prev.detect === entry.detect;
          if (same && prev.pos.file !== entry.pos.file) {
            warnings.push({ message: `duplicate of ${describe(prev, seen.spun)}; the first is used`, pos: entry.pos });
            continue;
          }
          problems.push({
            file: entry.pos.file, line: entry.pos.line, col: entry.pos.col,
            message: same ? `duplicate entry: same as ${describe(prev, seen.spun)}`
              : `conflicting entry: '${spun}' → '${entry.original}', but ${describe(prev, seen.spun)} restores the same words under the same conditions`,
            hint: same ? "remove one of them" : "remove one, or add a `when` condition that tells them apart",
          });
          continue;
        }
        if (others) others.push({ entry, spun });
        else byKeys.set(key, [{ entry, spun }]);
        const variant: Variant = { entry, keys, raw, original: entry.original, inflected: false };
        for (const v of [variant, ...inflectedVariants(entry, keys, raw)]) {
          const node = walkCreate(root, v.keys);
          (node.variants ??= []).push(v);
          maxKeys = Math.max(maxKeys, v.keys.length);
        }
      }
    }
  }
  if (problems.length > 0) throw new DictionaryError(problems);

  sortVariants(root);

  const { phraseRoot, phraseIds, phraseFirstHashes } = indexPhrases(phrases);
  const packInfos: PackInfo[] = packs.filter((p, i) => packs.findIndex((q) => q.name === p.name) === i)
    .map((p) => ({ name: p.name, file: p.file, description: p.description, entries: p.entries.length }));
  return { packs: packInfos, entries, root, phrases, phraseRoot, phraseIds, phraseFirstHashes, maxKeys, maxWithin, warnings };
}

/** Order each node's variants once, so lookups take the first that holds. */
export function sortVariants(root: TrieNode): void {
  const stack: TrieNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as TrieNode;
    if (n.variants && n.variants.length > 1) {
      n.variants = n.variants
        .map((v, i) => ({ v, i }))
        .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
        .map((x) => x.v);
    }
    if (n.next) stack.push(...n.next.values());
  }
}

/** Phrases of document conditions with one id each, however many packs name them. */
export class PhraseTable {
  readonly phrases: string[][] = [];
  private readonly ids = new Map<string, number>();

  id(keys: string[]): number {
    const k = keys.join(" ");
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.phrases.length;
      this.phrases.push(keys);
      this.ids.set(k, id);
    }
    return id;
  }
}

/** The trie of the document conditions' phrases, with each end node's phrase id. */
export function indexPhrases(phrases: readonly string[][]): { phraseRoot: TrieNode; phraseIds: Map<TrieNode, number>; phraseFirstHashes: Set<number> } {
  const phraseRoot = newNode();
  const phraseIds = new Map<TrieNode, number>();
  phrases.forEach((keys, id) => phraseIds.set(walkCreate(phraseRoot, keys), id));
  return { phraseRoot, phraseIds, phraseFirstHashes: new Set(phrases.map((k) => hashKey(k[0]))) };
}

export function walkCreate(root: TrieNode, keys: readonly string[]): TrieNode {
  let n = root;
  for (const k of keys) n = child(n, k);
  return n;
}

/** The raw (case-kept) text of each matchable token of a phrase, for match_case. */
export function phraseRawTokens(phrase: string): string[] {
  // phraseKeys lower-cases; rebuild raw tokens by tokenizing and keeping the original slices
  const keys = phraseKeys(phrase);
  const out: string[] = [];
  let pos = 0;
  const lower = phrase.toLowerCase().replace(/’/g, "'");
  for (const k of keys) {
    const at = lower.indexOf(k, pos);
    out.push(phrase.slice(at, at + k.length));
    pos = at + k.length;
  }
  return out;
}

/** This module's own file, part of the pack cache's key (cache.ts). */
export const DICTIONARY_URL = import.meta.url;
