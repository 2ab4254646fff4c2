/**
 * The pack cache, for start-up fit for pipes: a validated pack stored as an index (small: first
 * words, phrases, signatures for conflict checks) and a data file of entries grouped by the first
 * word of their spun forms. A run parses the index only; an entry group is parsed the first time
 * the input contains its first word. So start-up does not grow with the dictionary's size.
 *
 * Files are keyed by the hash of the pack's source and unspin's version: an edited dictionary gets a
 * new key; a missing or broken cache file means the pack is read from YAML again. Location:
 * $UNSPIN_CACHE_DIR, else $XDG_CACHE_HOME/unspin, else ~/.cache/unspin; UNSPIN_NO_CACHE=1 turns it
 * off. A cache that cannot be written is silently skipped.
 */
import { mkdirSync, readFileSync, readdirSync, realpathSync, statSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../io/atomic.js";
import { PhraseTable } from "./phrase-table.js";
import {
  DICTIONARY_URL,
  Transitions,
  child,
  conditionSignature,
  inflectedVariants,
  indexPhrases,
  newNode,
  phraseRawTokens,
  sortVariants,
  walkCreate,
} from "./build.js";
import type { Dictionary, KeySource, TrieNode } from "./build.js";
import { DictionaryError } from "../errors.js";
import type { Problem } from "../errors.js";
import { LOADER_URL } from "./loader.js";
import type { PackSource } from "./loader.js";
import { hashKey } from "../text/hash.js";
import { HashIndex } from "../text/hashindex.js";
import { TOKENIZER_URL, phraseKeys } from "../text/tokenizer.js";
import type { Entry, PackInfo, Variant, Warning } from "../types.js";
import { VERSION } from "../io/version.js";

const FORMAT = 2;

/** An entry as cached: without examples and allows, with its spun forms' keys worked out. */
interface CachedEntry extends Entry {
  keys: string[][];
  raw: string[][];
}

/** What a conflict check across packs needs of each spun form, without loading the entry. */
type Signature = [
  key: string,
  original: string,
  detect: 0 | 1,
  line: number,
  col: number,
  spun: string,
  localIndex: number,
];

export interface CachedIndex {
  format: number;
  name: string;
  file: string;
  description?: string;
  entries: number;
  phrases: string[][];
  maxKeys: number;
  maxWithin: number;
  /** First key → [start, end) byte range of its JSON array of entries in the data. */
  buckets: Record<string, [number, number]>;
}

/** A pack ready for lazy loading: its index, and where its buckets and signatures are read from. */
export interface LazyPack {
  index: CachedIndex;
  /** The JSON text of a bucket, given its byte range. */
  bucket: (range: [number, number]) => string;
  signatures: () => Signature[];
  /** The cache key of the pack (for caching checks across packs), if cached. */
  key?: string;
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.UNSPIN_NO_CACHE && env.UNSPIN_NO_CACHE !== "0") return undefined;
  if (env.UNSPIN_CACHE_DIR) return env.UNSPIN_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "unspin");
}

/**
 * The cache key of a pack file: its path, size and modification time (so a hit never reads the
 * YAML), with unspin's version and the cache format.
 */
export function packKey(file: string): string | undefined {
  try {
    const st = statSync(file);
    return digest(`${realpathSync(file)}\0${st.size}\0${st.mtimeMs}\0${VERSION}\0${FORMAT}\0${codeStamp()}`);
  } catch {
    return undefined;
  }
}

let stamp: string | undefined;

/**
 * The code that reads packs, by size and time of its files: a rebuilt or edited unspin (a loader
 * that reads the same YAML differently) never reuses a cache made by another.
 */
function codeStamp(): string {
  if (stamp === undefined) {
    stamp = [import.meta.url, LOADER_URL, DICTIONARY_URL, TOKENIZER_URL]
      .filter((u, i, a) => a.indexOf(u) === i)
      .map((u) => {
        try {
          const st = statSync(fileURLToPath(u));
          return `${st.size}:${st.mtimeMs}`;
        } catch {
          return "?";
        }
      })
      .join(",");
  }
  return stamp;
}

/** A 64-bit name for a cache key (two FNV-1a hashes; loading node:crypto would cost start-up time). */
function digest(s: string): string {
  const a = hashKey(s);
  const b = hashKey(`${s.length}:${s}`);
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}

export interface BuiltPack {
  index: CachedIndex;
  data: Buffer;
  signatures: Signature[];
}

/** Turn a validated pack into its lazy form: index, bucket data and signatures. */
export function toLazy(pack: PackSource): BuiltPack {
  const groups = new Map<string, CachedEntry[]>();
  const signatures: Signature[] = [];
  let maxKeys = 0;
  let maxWithin = 0;
  pack.entries.forEach((e, localIndex) => {
    const keys = e.spun.map(phraseKeys);
    const raw = e.spun.map(phraseRawTokens);
    const cached: CachedEntry = { ...e, index: localIndex, examples: [], allows: [], keys, raw };
    const firsts = new Set<string>();
    keys.forEach((k, i) => {
      firsts.add(k[0]);
      for (const v of inflectedVariants(e, k, raw[i])) firsts.add(v.keys[0]);
      maxKeys = Math.max(maxKeys, k.length);
      signatures.push([
        `${k.join(" ")}\u0001${conditionSignature(e)}`,
        e.original.toLowerCase(),
        e.detect ? 1 : 0,
        e.pos.line,
        e.pos.col,
        e.spun[i],
        localIndex,
      ]);
    });
    for (const c of e.when) maxWithin = Math.max(maxWithin, c.near || c.notNear ? c.within : 0);
    for (const f of firsts) {
      const g = groups.get(f);
      if (g) g.push(cached);
      else groups.set(f, [cached]);
    }
  });
  const buckets: Record<string, [number, number]> = Object.create(null) as Record<string, [number, number]>;
  const parts: Buffer[] = [];
  let at = 0;
  for (const [first, list] of groups) {
    const json = Buffer.from(JSON.stringify(list), "utf8");
    buckets[first] = [at, at + json.length];
    parts.push(json);
    at += json.length;
  }
  const index: CachedIndex = {
    format: FORMAT,
    name: pack.name,
    file: pack.file,
    description: pack.description,
    entries: pack.entries.length,
    phrases: pack.phrases,
    maxKeys,
    maxWithin,
    buckets,
  };
  const data = Buffer.concat(parts);
  return { index, data, signatures };
}

/** A lazy pack held in memory (no cache directory, or just built). */
export function inMemory(built: BuiltPack): LazyPack {
  return {
    index: built.index,
    bucket: ([start, end]) => built.data.toString("utf8", start, end),
    signatures: () => built.signatures,
  };
}

/** The cached lazy form of the pack file, if the cache holds it. `name` is how the pack is reported. */
export function readCached(
  file: string,
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  rebuild?: () => BuiltPack,
): LazyPack | undefined {
  const dir = cacheDir(env);
  const key = dir ? packKey(file) : undefined;
  if (!dir || !key) return undefined;
  const base = path.join(dir, `pack-${key}`);
  try {
    const index = JSON.parse(readFileSync(`${base}.index.json`, "utf8")) as CachedIndex;
    if (index.format !== FORMAT) return undefined;
    index.file = name;
    // the entries are read on the first bucket the input needs (bytes only; decoded per bucket)
    let data: Buffer | undefined;
    const readData = (): Buffer => {
      try {
        return readFileSync(`${base}.data.json`);
      } catch (err) {
        if (rebuild) return rebuild().data; // pruned by another run meanwhile
        throw err;
      }
    };
    return {
      index,
      key,
      bucket: ([start, end]) => (data ??= readData()).toString("utf8", start, end),
      signatures: () => {
        try {
          return JSON.parse(readFileSync(`${base}.sigs.json`, "utf8")) as Signature[];
        } catch (err) {
          if (rebuild) return rebuild().signatures; // pruned by another run meanwhile
          throw err;
        }
      },
    };
  } catch {
    return undefined;
  }
}

/** Store a built pack; returns it as a lazy pack (cached or in memory). */
export function writeCached(file: string, built: BuiltPack, env: NodeJS.ProcessEnv = process.env): LazyPack {
  const dir = cacheDir(env);
  const key = dir ? packKey(file) : undefined;
  if (dir && key) {
    try {
      mkdirSync(dir, { recursive: true });
      const base = path.join(dir, `pack-${key}`);
      writeFileAtomic(`${base}.data.json`, built.data);
      writeFileAtomic(`${base}.sigs.json`, JSON.stringify(built.signatures));
      writeFileAtomic(`${base}.index.json`, JSON.stringify(built.index)); // last: it makes the entry valid
      prune(dir);
      return { ...inMemory(built), key };
    } catch {
      // read-only home, full disk…: run without a cache
    }
  }
  return inMemory(built);
}

/** Keep the cache small: past 64 files, remove the least recently written down to 40. */
function prune(dir: string): void {
  const files = readdirSync(dir).filter((f) => /^(pack|combo)-/.test(f));
  if (files.length <= 64) return;
  const dated = files
    .map((f) => {
      try {
        return { f, t: statSync(path.join(dir, f)).mtimeMs };
      } catch {
        return { f, t: 0 };
      }
    })
    .sort((a, b) => a.t - b.t);
  for (const { f } of dated.slice(0, dated.length - 40)) {
    try {
      unlinkSync(path.join(dir, f));
    } catch {
      // another process removed it
    }
  }
}

/**
 * One dictionary over lazy packs. Conflicts across packs are found from the signatures; each pack
 * was validated on its own when its cache was made.
 */
interface CrossCheck {
  problems: Problem[];
  warnings: Warning[];
  skipped: string[];
}

function crossCheck(used: readonly LazyPack[], env: NodeJS.ProcessEnv): CrossCheck {
  const dir = cacheDir(env);
  const keys = used.map((p) => p.key);
  const file =
    dir && keys.every(Boolean)
      ? path.join(dir, `combo-${digest(keys.join("\0") + used.map((p) => p.index.file).join("\0"))}.json`)
      : undefined;
  if (file) {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as CrossCheck;
    } catch {
      // not cached yet
    }
  }
  const result: CrossCheck = { problems: [], warnings: [], skipped: [] };
  const seen = new Map<string, { pack: LazyPack; sig: Signature }>();
  for (const p of used) {
    for (const sig of p.signatures()) {
      const prev = seen.get(sig[0]);
      if (!prev) {
        seen.set(sig[0], { pack: p, sig });
        continue;
      }
      if (prev.pack === p) continue;
      const [, original, detect, line, col, spun, localIndex] = sig;
      const prevDesc = `'${prev.sig[5]}' → '${prev.sig[1]}' (${prev.pack.index.file}:${prev.sig[3]})`;
      if (prev.sig[1] === original && prev.sig[2] === detect) {
        result.warnings.push({
          message: `duplicate of ${prevDesc}; the first is used`,
          pos: { file: p.index.file, line, col },
        });
        result.skipped.push(`${p.index.name}\u0000${localIndex}\u0000${spun}`);
      } else {
        result.problems.push({
          file: p.index.file,
          line,
          col,
          message: `conflicting entry: '${spun}' → '${original}', but ${prevDesc} restores the same words under the same conditions`,
          hint: "remove one, or add a `when` condition that tells them apart",
        });
      }
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

export function lazyDictionary(packs: readonly LazyPack[], env: NodeJS.ProcessEnv = process.env): Dictionary {
  const problems: Problem[] = [];
  const warnings: Warning[] = [];
  const used: LazyPack[] = [];
  const names = new Set<string>();
  for (const p of packs) {
    if (names.has(p.index.name)) {
      warnings.push({ message: `pack '${p.index.name}' is loaded twice (${p.index.file}); its entries are used once` });
      continue;
    }
    names.add(p.index.name);
    used.push(p);
  }
  // global entry indexes and phrase ids
  const offsets: number[] = [];
  const phraseTable = new PhraseTable();
  const phrases = phraseTable.phrases;
  const remaps: number[][] = [];
  let total = 0;
  for (const p of used) {
    offsets.push(total);
    total += p.index.entries;
    remaps.push(p.index.phrases.map((keys) => phraseTable.id(keys)));
  }
  // conflicts and duplicates across packs (a duplicate's spun form is left out of the later pack);
  // worked out once per combination of packs and cached
  const skipped = new Set<string>();
  if (used.length > 1) {
    const check = crossCheck(used, env);
    problems.push(...check.problems);
    warnings.push(...check.warnings);
    for (const k of check.skipped) skipped.add(k);
  }
  if (problems.length > 0) throw new DictionaryError(problems);

  const parseBucket = (pi: number, first: string): CachedEntry[] => {
    const p = used[pi];
    const range = p.index.buckets[first];
    if (!range) return [];
    const list = JSON.parse(p.bucket(range)) as CachedEntry[];
    for (const e of list) {
      e.index += offsets[pi];
      e.pos.file = p.index.file;
      for (const c of e.when) {
        c.pos.file = p.index.file;
        if (c.documentHas) c.documentHas = c.documentHas.map((i) => remaps[pi][i]);
        if (c.documentHasAny) c.documentHasAny = c.documentHasAny.map((i) => remaps[pi][i]);
        if (c.documentLacks) c.documentLacks = c.documentLacks.map((i) => remaps[pi][i]);
      }
    }
    return list;
  };

  const build = (first: string): TrieNode | undefined => {
    const holder = newNode();
    let any = false;
    used.forEach((p, pi) => {
      for (const e of parseBucket(pi, first)) {
        e.spun.forEach((spun, i) => {
          if (skipped.has(`${p.index.name}\u0000${e.index - offsets[pi]}\u0000${spun}`)) return;
          const base: Variant = { entry: e, keys: e.keys[i], raw: e.raw[i], original: e.original, inflected: false };
          for (const v of [base, ...inflectedVariants(e, e.keys[i], e.raw[i])]) {
            if (v.keys[0] !== first) continue;
            const node = walkCreate(holder, v.keys);
            (node.variants ??= []).push(v);
            any = true;
          }
        });
      }
    });
    if (!any) return undefined;
    sortVariants(holder);
    return child(holder, first);
  };

  const edges = new Transitions();
  class LazyFirst extends Map<string, TrieNode> {
    private readonly tried = new Set<string>();
    override get(key: string): TrieNode | undefined {
      const hit = super.get(key);
      if (hit !== undefined || this.tried.has(key)) return hit;
      this.tried.add(key);
      if (!used.some((p) => p.index.buckets[key])) return undefined;
      const node = build(key);
      if (node) {
        edges.number(node); // one table of numbered nodes and edges for every group of this dictionary
        super.set(key, node);
      }
      return node;
    }
  }

  // the root by hash: a token's hash finds its group without making its key, unless two first
  // keys share the hash (then the key decides)
  const firstKeys = used.flatMap((p) => Object.keys(p.index.buckets));
  const seenHashes = new Set<number>();
  const collisions = new Set<number>();
  for (const k of new Set(firstKeys)) {
    const h = hashKey(k);
    if (seenHashes.has(h)) collisions.add(h);
    seenHashes.add(h);
  }
  const first = new LazyFirst();
  // every first key's hash is known from the start (PENDING until its group is loaded), so one map
  // lookup per token answers both "does a phrase start here?" and "which group?" (a node number)
  const PENDING = -1;
  const byHash = new HashIndex<number>(seenHashes.size);
  for (const h of seenHashes) byHash.set(h, PENDING);
  const firstStep = (hash: number, keys: KeySource, at: number): number => {
    const hit = byHash.get(hash);
    if (hit === undefined) return 0;
    if (hit !== PENDING) return hit;
    const node = first.get(keys.key(at));
    const id = node ? edges.number(node) : 0;
    if (!collisions.has(hash)) byHash.set(hash, id);
    return id;
  };
  const root: TrieNode = { next: first, variants: null, tid: 0, tab: undefined };
  // the phrases of document conditions are indexed when a condition first needs them
  let phraseTrie: ReturnType<typeof indexPhrases> | undefined;
  const phraseTrieOf = () => (phraseTrie ??= indexPhrases(phrases));

  let all: Entry[] | undefined;
  const packInfos: PackInfo[] = used.map((p) => ({
    name: p.index.name,
    file: p.index.file,
    description: p.index.description,
    entries: p.index.entries,
  }));
  return {
    packs: packInfos,
    get entries(): Entry[] {
      if (!all) {
        const byIndex = new Map<number, Entry>();
        used.forEach((p, pi) => {
          for (const first of Object.keys(p.index.buckets))
            for (const e of parseBucket(pi, first)) byIndex.set(e.index, e);
        });
        all = [...byIndex.values()].sort((a, b) => a.index - b.index);
      }
      return all;
    },
    root,
    edges,
    first: firstStep,
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
