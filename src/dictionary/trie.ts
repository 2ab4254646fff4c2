/**
 * The token trie a dictionary compiles to: nodes with their variants, and `Transitions`, the flat
 * table of numbered nodes and hashed edges the matcher walks. Building (child, walkCreate,
 * plantVariants) and the order of a node's variants (sortVariants) live here, once, for both the
 * eager and the lazy dictionary.
 */
import { hashKey } from "../text/hash.js";
import type { Variant } from "../types.js";

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

export function walkCreate(root: TrieNode, keys: readonly string[]): TrieNode {
  let n = root;
  for (const k of keys) n = child(n, k);
  return n;
}

/** Put each variant at the end of its keys' path under `root`; the longest path's length. */
export function plantVariants(root: TrieNode, variants: readonly Variant[]): number {
  let longest = 0;
  for (const v of variants) {
    const node = walkCreate(root, v.keys);
    (node.variants ??= []).push(v);
    longest = Math.max(longest, v.keys.length);
  }
  return longest;
}

/** Try order inside one trie node: conditioned before unconditioned, written before inflected. */
export function rank(v: Variant): number {
  const unconditioned = v.entry.when.length === 0 && !v.entry.matchCase ? 1 : 0;
  return (v.inflected ? 2 : 0) + unconditioned;
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
