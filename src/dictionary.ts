/**
 * A compiled dictionary: the packs' entries merged, conflicts refused, and every spun form (with its
 * inflected forms) put in a token trie. Building costs linear time in the dictionary's size; a lookup
 * costs one map step per token, whatever the size.
 */
import { DictionaryError } from "./errors.js";
import type { Problem } from "./errors.js";
import { hashKey } from "./hash.js";
import { formsFor, inflectable } from "./inflect.js";
import type { PackSource } from "./loader.js";
import { phraseKeys } from "./tokenizer.js";
import type { CompiledConditions, Entry, PackInfo, Variant, Warning } from "./types.js";

export interface TrieNode {
  next: Map<string, TrieNode> | null;
  variants: Variant[] | null;
  /** This node's number in `tab` once its children are there (0: not yet; -1: two keys collide). */
  tid: number;
  /** The transition table this node's children go in (shared by the trie below a root). */
  tab: Transitions | undefined;
  /** A lazily loaded root's own lookup by hash (cache.ts). */
  lazyHash?: (hash: number, keys: KeySource, at: number) => TrieNode | undefined;
}

/** Where a token's key comes from when hashes are not enough (the matcher's view of the input). */
export interface KeySource {
  key(at: number): string;
}

/**
 * Every edge of a trie in one flat table, keyed by (parent number, key hash): a step of the walk
 * reads one cell of one array, whatever the dictionary's size, where a table per node would chase
 * several pointers to reach its arrays (open addressing, linear probing; 3 ints a cell).
 */
export class Transitions {
  private cells: Int32Array;
  private mask: number;
  private used = 0;
  private readonly nodes: TrieNode[] = [];
  private lastId = 0;
  /**
   * One bit per (parent, hash) pair's mixed value, 2^20 bits (128 KB, within the CPU's nearer
   * caches): most lookups are for a word that continues no phrase, and a clear bit answers them
   * without touching the table, which misses the cache once the dictionary is large.
   */
  private readonly bits = new Int32Array(1 << 15);

  constructor() {
    this.cells = new Int32Array(64 * 3);
    this.mask = 63;
  }

  /** Put `node`'s children in the table; returns its number, or -1 when two children's hashes collide. */
  register(node: TrieNode): number {
    const next = node.next;
    if (!next) return -1;
    const hashes = new Set<number>();
    for (const k of next.keys()) {
      const h = hashKey(k);
      if (hashes.has(h)) return -1; // walked by key strings instead
      hashes.add(h);
    }
    const id = ++this.lastId;
    for (const [k, c] of next) {
      c.tab = this;
      this.insert(id, hashKey(k) | 0, c);
    }
    return id;
  }

  get(parent: number, hash: number): TrieNode | undefined {
    const cells = this.cells;
    const mask = this.mask;
    const h = hash | 0;
    const mixed = slotOf(parent, h);
    if ((this.bits[(mixed >>> 5) & 0x7fff] & (1 << (mixed & 31))) === 0) return undefined;
    for (let i = mixed & mask; ; i = (i + 1) & mask) {
      const at = i * 3;
      const p = cells[at + 1];
      if (p === 0) return undefined;
      if (p === parent && cells[at] === h) return this.nodes[cells[at + 2]];
    }
  }

  private insert(parent: number, h: number, child: TrieNode): void {
    if ((this.used + 1) * 2 > this.mask + 1) this.grow();
    const cells = this.cells;
    const mask = this.mask;
    const mixed = slotOf(parent, h);
    this.bits[(mixed >>> 5) & 0x7fff] |= 1 << (mixed & 31);
    let i = mixed & mask;
    while (cells[i * 3 + 1] !== 0) i = (i + 1) & mask;
    cells[i * 3] = h;
    cells[i * 3 + 1] = parent;
    cells[i * 3 + 2] = this.nodes.length;
    this.nodes.push(child);
    this.used++;
  }

  private grow(): void {
    const old = this.cells;
    const size = (this.mask + 1) * 2;
    this.cells = new Int32Array(size * 3);
    this.mask = size - 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 1] === 0) continue;
      let i = slotOf(old[at + 1], old[at]) & this.mask;
      while (this.cells[i * 3 + 1] !== 0) i = (i + 1) & this.mask;
      this.cells[i * 3] = old[at];
      this.cells[i * 3 + 1] = old[at + 1];
      this.cells[i * 3 + 2] = old[at + 2];
    }
  }
}

function slotOf(parent: number, h: number): number {
  const x = h ^ Math.imul(parent, 0x9e3779b1);
  return x ^ (x >>> 15);
}

/** The child of `node` for token `at`, by its key's hash; the key itself decides where hashes collide. */
export function childByHash(node: TrieNode, hash: number, keys: KeySource, at: number): TrieNode | undefined {
  if (node.lazyHash) return node.lazyHash(hash, keys, at);
  const next = node.next;
  if (!next) return undefined;
  let id = node.tid;
  if (id === 0) id = node.tid = (node.tab ??= new Transitions()).register(node);
  return id > 0 ? (node.tab as Transitions).get(id, hash) : next.get(keys.key(at));
}

export function newNode(): TrieNode {
  // every node gets every field up front: one object shape keeps the hot loop's property reads fast
  return { next: null, variants: null, tid: 0, tab: undefined, lazyHash: undefined };
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
