/**
 * One dictionary over lazy packs (cache.ts): an entry group is parsed and put in the trie the first
 * time the input holds its first word. Conflicts across packs are found from the packs' signatures
 * (each pack was checked on its own when its cache was made), by the rule of conflicts.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Problem } from "../errors.js";
import { dictionaryError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { hashKey } from "../text/hash.js";
import { HashIndex } from "../text/hashindex.js";
import type { Entry, PackInfo, Warning } from "../types.js";
import type { Dictionary } from "./build.js";
import { indexPhrases, packsOnce, variantsOf } from "./build.js";
import { formOwners } from "./override.js";
import { cacheDir, digest } from "./cache-dir.js";
import type { CachedEntry, LazyPack, Signature } from "./cache.js";
import { PhraseTable } from "./phrase-table.js";
import type { KeySource, TrieNode } from "./trie.js";
import { Transitions, child, newNode, plantVariants, sortVariants } from "./trie.js";

interface CrossCheck {
  problems: Problem[];
  warnings: Warning[];
  /** Spun forms left out of a later pack, as `pack \0 local index \0 spun`. */
  skipped: string[];
}

/** How a pack takes part in a combination: its file, and whether it is built in (built-ins do not override). */
function comboName(p: LazyPack): string {
  return `${p.index.file}${p.builtin ? "\u0001built-in" : ""}`;
}

/** The spun form's keys of a signature (`keys \u0001 conditions`). */
function spunKeysOf(sig: Signature): string {
  return sig[0].slice(0, sig[0].indexOf("\u0001"));
}

/** Which spun forms of earlier packs later packs override, worked out once per combination of packs and cached. */
function crossCheck(used: readonly LazyPack[], env: NodeJS.ProcessEnv): CrossCheck {
  const dir = cacheDir(env);
  const keys = used.map((p) => p.key);
  const file =
    dir && keys.every(Boolean)
      ? path.join(dir, `combo-${digest(keys.join("\0") + used.map((p) => comboName(p)).join("\0"))}.json`)
      : undefined;
  if (file) {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as CrossCheck;
    } catch {
      // not cached yet
    }
  }
  const result: CrossCheck = { problems: [], warnings: [], skipped: [] };
  // a user's pack overrides the packs before it for every spun form it names: the last such pack
  // naming a form owns it, and the other packs' spun forms with the same keys are left out.
  // Built-in packs never override one another (their entries for one form are alternatives), nor
  // does a pack that says `override: false`.
  const owner = formOwners(
    used.map((p) => ({ pack: p, builtin: p.builtin, override: p.index.override })),
    (u) => u.pack.signatures().map(spunKeysOf),
  );
  for (const p of used) {
    for (const sig of p.signatures()) {
      const ownedBy = owner.get(spunKeysOf(sig))?.pack;
      if (ownedBy === undefined || ownedBy === p) continue;
      const [, , , , , spun, localIndex] = sig;
      result.skipped.push(`${p.index.name}\u0000${localIndex}\u0000${spun}`);
    }
  }
  if (file) {
    try {
      writeFileAtomic(file, JSON.stringify(result));
    } catch {
      // no cache: checked again next time
    }
  }
  return result;
}

/** The packs' entry groups, parsed on demand, with global entry indexes and phrase ids. */
class Groups {
  private readonly offsets: number[] = [];
  private readonly remaps: number[][] = [];

  constructor(
    readonly used: readonly LazyPack[],
    phraseTable: PhraseTable,
    private readonly skipped: ReadonlySet<string>,
  ) {
    let total = 0;
    for (const p of used) {
      this.offsets.push(total);
      total += p.index.entries;
      this.remaps.push(p.index.phrases.map((keys) => phraseTable.id(keys)));
    }
  }

  /** The entries of pack `pi` whose spun forms start with `first` (parsed anew each call). */
  parse(pi: number, first: string): CachedEntry[] {
    const p = this.used[pi];
    const range = p.index.buckets[first];
    if (!range) return [];
    const list = JSON.parse(p.bucket(range)) as CachedEntry[];
    const remap = this.remaps[pi];
    for (const e of list) {
      e.index += this.offsets[pi];
      e.pos.file = p.index.file;
      for (const c of e.when) {
        c.pos.file = p.index.file;
        if (c.documentHas) c.documentHas = c.documentHas.map((i) => remap[i]);
        if (c.documentHasAny) c.documentHasAny = c.documentHasAny.map((i) => remap[i]);
        if (c.documentLacks) c.documentLacks = c.documentLacks.map((i) => remap[i]);
      }
    }
    return list;
  }

  /** The trie node of first key `first`, with every variant below it; undefined when none. */
  build(first: string): TrieNode | undefined {
    const holder = newNode();
    let any = false;
    this.used.forEach((p, pi) => {
      for (const e of this.parse(pi, first)) {
        e.spun.forEach((spun, i) => {
          if (this.skipped.has(`${p.index.name}\u0000${e.index - this.offsets[pi]}\u0000${spun}`)) return;
          const variants = variantsOf(e, e.keys[i], e.raw[i]).filter((v) => v.keys[0] === first);
          if (plantVariants(holder, variants) > 0) any = true;
        });
      }
    });
    if (!any) return undefined;
    sortVariants(holder);
    return child(holder, first);
  }

  /** Every entry of every pack, in load order. */
  all(): Entry[] {
    const byIndex = new Map<number, Entry>();
    this.used.forEach((p, pi) => {
      for (const first of Object.keys(p.index.buckets)) for (const e of this.parse(pi, first)) byIndex.set(e.index, e);
    });
    return [...byIndex.values()].sort((a, b) => a.index - b.index);
  }
}

/** The root's children: a group is built and numbered on its first lookup. */
class LazyFirst extends Map<string, TrieNode> {
  private readonly tried = new Set<string>();

  constructor(
    private readonly groups: Groups,
    private readonly edges: Transitions,
  ) {
    super();
  }

  override get(key: string): TrieNode | undefined {
    const hit = super.get(key);
    if (hit !== undefined || this.tried.has(key)) return hit;
    this.tried.add(key);
    if (!this.groups.used.some((p) => p.index.buckets[key])) return undefined;
    const node = this.groups.build(key);
    if (node) {
      this.edges.number(node); // one table of numbered nodes and edges for every group of this dictionary
      super.set(key, node);
    }
    return node;
  }
}

/**
 * The root by hash: a token's hash finds its group without making its key, unless two first keys
 * share the hash (then the key decides). Every first key's hash is known from the start (PENDING
 * until its group is loaded), so one map lookup per token answers both "does a phrase start here?"
 * and "which group?" (a node number).
 */
function firstByHash(used: readonly LazyPack[], first: LazyFirst, edges: Transitions): Dictionary["first"] {
  const firstKeys = used.flatMap((p) => Object.keys(p.index.buckets));
  const seenHashes = new Set<number>();
  const collisions = new Set<number>();
  for (const k of new Set(firstKeys)) {
    const h = hashKey(k);
    if (seenHashes.has(h)) collisions.add(h);
    seenHashes.add(h);
  }
  const PENDING = -1;
  const byHash = new HashIndex<number>(seenHashes.size);
  for (const h of seenHashes) byHash.set(h, PENDING);
  return (hash: number, keys: KeySource, at: number): number => {
    const hit = byHash.get(hash);
    if (hit === undefined) return 0;
    if (hit !== PENDING) return hit;
    const node = first.get(keys.key(at));
    const id = node ? edges.number(node) : 0;
    if (!collisions.has(hash)) byHash.set(hash, id);
    return id;
  };
}

export function lazyDictionary(packs: readonly LazyPack[], env: NodeJS.ProcessEnv = process.env): Dictionary {
  const warnings: Warning[] = [];
  const used = packsOnce(packs, (p) => p.index, warnings);
  const phraseTable = new PhraseTable();
  const phrases = phraseTable.phrases;
  // conflicts and duplicates across packs (a duplicate's spun form is left out of the later pack)
  const skipped = new Set<string>();
  if (used.length > 1) {
    const check = crossCheck(used, env);
    warnings.push(...check.warnings);
    for (const k of check.skipped) skipped.add(k);
    if (check.problems.length > 0) throw dictionaryError(check.problems);
  }
  const groups = new Groups(used, phraseTable, skipped);
  const edges = new Transitions();
  const first = new LazyFirst(groups, edges);
  const root: TrieNode = { next: first, variants: null, tid: 0, tab: undefined };
  // the phrases of document conditions are indexed when a condition first needs them
  let phraseTrie: ReturnType<typeof indexPhrases> | undefined;
  const phraseTrieOf = () => (phraseTrie ??= indexPhrases(phrases));

  let all: Entry[] | undefined;
  const packInfos: PackInfo[] = used.map((p) => ({
    name: p.index.name,
    file: p.index.file,
    description: p.index.description,
    halfAt: p.index.halfAt,
    builtin: p.builtin === true,
    entries: p.index.entries,
    ...(p.index.override === false ? { adds: true } : {}),
  }));
  return {
    packs: packInfos,
    get entries(): Entry[] {
      all ??= groups.all();
      return all;
    },
    root,
    edges,
    first: firstByHash(used, first, edges),
    phrases,
    get phraseRoot() {
      return phraseTrieOf().phraseRoot;
    },
    get phraseIds() {
      return phraseTrieOf().phraseIds;
    },
    get phraseFirstHashes() {
      return phraseTrieOf().phraseFirstHashes;
    },
    maxKeys: Math.max(0, ...used.map((p) => p.index.maxKeys)),
    maxWithin: Math.max(0, ...used.map((p) => p.index.maxWithin)),
    warnings,
  };
}
