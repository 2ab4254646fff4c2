/**
 * A compiled dictionary: the packs' entries merged, conflicts refused, and every spun form (with its
 * inflected forms) put in a token trie. Building costs linear time in the dictionary's size; a lookup
 * costs one map step per token, whatever the size.
 */
import { DictionaryError } from "../errors.js";
import type { Problem } from "../errors.js";
import { hashKey } from "../text/hash.js";
import { formsFor, inflectable } from "../text/inflect.js";
import type { PackSource } from "./loader.js";
import { PhraseTable } from "./phrase-table.js";
import { phraseKeys } from "../text/tokenizer.js";
import type { CompiledConditions, Entry, PackInfo, Variant, Warning } from "../types.js";

export interface TrieNode {
  next: Map<string, TrieNode> | null;
  variants: Variant[] | null;
  /** This node's number in `tab` (0: none yet). */
  tid: number;
  /** The transition table that numbers this node (shared by the trie below a root). */
  tab: Transitions | undefined;
}

/** Where a token's key comes from when hashes are not enough (the matcher's view of the input). */
export interface KeySource {
  key(at: number): string;
}

/** Bits of Transitions.info. */
export const HAS_VARIANTS = 1;
export const HAS_NEXT = 2;
const READY = 4; // the node's children are in the table
const BY_KEY = 8; // two children's hashes collide: the node is walked by key strings

/**
 * A trie's nodes by number, and all its edges in one flat table keyed by (parent number, key
 * hash). A step of the walk reads one cell of one array, and what the matcher asks of a node (has
 * it variants? children?) is one byte of `info`: the node objects themselves, scattered through the
 * heap, are read only where a phrase matches. So a step costs the same whatever the dictionary's
 * size, where objects and a table per node would miss the cache more as the trie grows.
 * Nodes get their numbers on first sight; a node's children go in the table when it is first walked
 * from (its subtree is complete by then).
 */
export class Transitions {
  private cells: Int32Array; // [hash, parent, child] per slot; parent 0: empty
  private mask: number;
  private used = 0;
  /** Nodes by number (0 is no node). */
  readonly nodes: TrieNode[] = [newNode()];
  /** HAS_VARIANTS | HAS_NEXT | READY | BY_KEY, by node number. */
  info = new Uint8Array(64);
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

  /** The number of `node` in this table, given on first sight. */
  number(node: TrieNode): number {
    if (node.tab === this) return node.tid;
    const id = this.nodes.length;
    this.nodes.push(node);
    node.tab = this;
    node.tid = id;
    if (id >= this.info.length) {
      const info = new Uint8Array(this.info.length * 2);
      info.set(this.info);
      this.info = info;
    }
    this.info[id] = (node.variants ? HAS_VARIANTS : 0) | (node.next && node.next.size > 0 ? HAS_NEXT : 0);
    return id;
  }

  /** The number of the child of node `parent` for the token `at` (by its key's hash), or 0. */
  step(parent: number, hash: number, keys: KeySource, at: number): number {
    let f = this.info[parent];
    if ((f & READY) === 0) f = this.ready(parent);
    if ((f & BY_KEY) !== 0) {
      const c = this.nodes[parent].next?.get(keys.key(at));
      return c ? this.number(c) : 0;
    }
    const h = hash | 0;
    const mixed = slotOf(parent, h);
    if ((this.bits[(mixed >>> 5) & 0x7fff] & (1 << (mixed & 31))) === 0) return 0;
    const cells = this.cells;
    const mask = this.mask;
    for (let i = mixed & mask; ; i = (i + 1) & mask) {
      const at3 = i * 3;
      const p = cells[at3 + 1];
      if (p === 0) return 0;
      if (p === parent && cells[at3] === h) return cells[at3 + 2];
    }
  }

  /** Put the children of node `parent` in the table (or mark it BY_KEY); its new info. */
  private ready(parent: number): number {
    const next = this.nodes[parent].next;
    let f = this.info[parent] | READY;
    if (next) {
      const children = [...next].map(([k, c]) => ({ h: hashKey(k) | 0, c }));
      if (new Set(children.map((x) => x.h)).size < children.length) f |= BY_KEY;
      else for (const { h, c } of children) this.insert(parent, h, this.number(c));
    }
    this.info[parent] = f;
    return f;
  }

  private insert(parent: number, h: number, child: number): void {
    if ((this.used + 1) * 2 > this.mask + 1) this.grow();
    const cells = this.cells;
    const mask = this.mask;
    const mixed = slotOf(parent, h);
    this.bits[(mixed >>> 5) & 0x7fff] |= 1 << (mixed & 31);
    let i = mixed & mask;
    while (cells[i * 3 + 1] !== 0) i = (i + 1) & mask;
    cells[i * 3] = h;
    cells[i * 3 + 1] = parent;
    cells[i * 3 + 2] = child;
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
  if (!node.next) return undefined;
  const tab = node.tab ?? new Transitions();
  const id = tab.step(tab.number(node), hash, keys, at);
  return id === 0 ? undefined : tab.nodes[id];
}

export function newNode(): TrieNode {
  // every node gets every field up front: one object shape keeps the hot loop's property reads fast
  return { next: null, variants: null, tid: 0, tab: undefined };
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
  /** The trie's numbered nodes and edges (the matcher walks these, not the node objects). */
  edges: Transitions;
  /** The number (in `edges`) of the node for a phrase's first token `at`, or 0. */
  first(hash: number, keys: KeySource, at: number): number;
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
  return formsFor(entry.inflect)
    .map((form) => {
      const original = origWords.slice(0, -1).join("") + form(lastOrig);
      const inflectedKey = form(lastKey);
      return {
        entry,
        keys: [...keys.slice(0, -1), inflectedKey],
        raw: [...raw.slice(0, -1), form(raw[raw.length - 1])],
        original,
        inflected: true,
      };
    })
    .filter((v) => v.keys[v.keys.length - 1] !== lastKey);
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
        const seen = others?.find(
          (o) => o.entry !== entry && conditionSignature(o.entry) === conditionSignature(entry),
        );
        const prev = seen?.entry;
        if (seen && prev) {
          const same = prev.original.toLowerCase() === entry.original.toLowerCase() && prev.detect === entry.detect;
          if (same && prev.pos.file !== entry.pos.file) {
            warnings.push({ message: `duplicate of ${describe(prev, seen.spun)}; the first is used`, pos: entry.pos });
            continue;
          }
          problems.push({
            file: entry.pos.file,
            line: entry.pos.line,
            col: entry.pos.col,
            message: same
              ? `duplicate entry: same as ${describe(prev, seen.spun)}`
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
  const packInfos: PackInfo[] = packs
    .filter((p, i) => packs.findIndex((q) => q.name === p.name) === i)
    .map((p) => ({ name: p.name, file: p.file, description: p.description, entries: p.entries.length }));
  const edges = new Transitions();
  const rootId = edges.number(root);
  const first = (hash: number, keys: KeySource, at: number): number => edges.step(rootId, hash, keys, at);
  return {
    packs: packInfos,
    entries,
    root,
    edges,
    first,
    phrases,
    phraseRoot,
    phraseIds,
    phraseFirstHashes,
    maxKeys,
    maxWithin,
    warnings,
  };
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

/** The trie of the document conditions' phrases, with each end node's phrase id. */
export function indexPhrases(phrases: readonly string[][]): {
  phraseRoot: TrieNode;
  phraseIds: Map<TrieNode, number>;
  phraseFirstHashes: Set<number>;
} {
  const phraseRoot = newNode();
  const phraseIds = new Map<TrieNode, number>();
  phrases.forEach((keys, id) => {
    phraseIds.set(walkCreate(phraseRoot, keys), id);
  });
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
