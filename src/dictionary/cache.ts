/**
 * The pack cache, for start-up fit for pipes: a validated pack stored as an index (small: first
 * words, phrases, signatures for conflict checks) and a data file of entries grouped by the first
 * word of their spun forms. A run parses the index only; an entry group is parsed the first time
 * the input contains its first word. So start-up does not grow with the dictionary's size.
 *
 * Files are keyed by the pack file's path, size, modification time and inode (and, for a file
 * changed in the last seconds, a hash of its content), unspin's version, the cache format and the
 * code that reads packs (packKey): an edited dictionary gets a new key; a missing or
 * broken cache file means the pack is read from YAML again. Where the files live: cache-dir.ts. A
 * cache that cannot be written is silently skipped. The dictionary over cached packs: lazy.ts.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../io/atomic.js";
import { VERSION } from "../io/version.js";
import { CHARS_URL } from "../text/chars.js";
import { TOKENIZER_URL, phraseKeys } from "../text/tokenizer.js";
import type { Entry } from "../types.js";
import { DICTIONARY_URL, phraseRawTokens, reachOf, variantsOf } from "./build.js";
import { cacheDir, digest, prune } from "./cache-dir.js";
import { CONFLICTS_URL, conditionSignature } from "./conflicts.js";
import { LOADER_URL } from "./loader.js";
import { WHEN_URL } from "./when.js";
import type { PackSource } from "./loader.js";

const FORMAT = 4;

/** An entry as cached: without examples and allows, with its spun forms' keys worked out. */
export interface CachedEntry extends Entry {
  keys: string[][];
  raw: string[][];
}

/** What a conflict check across packs needs of each spun form, without loading the entry. */
export type Signature = [
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
  halfAt?: number;
  /** `override: false` (see PackSource.override). */
  override?: false;
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
  /** Shipped with unspin (see PackSource.builtin). */
  builtin?: boolean;
}

/**
 * The cache key of a pack file: its path, size and modification time (so a hit never reads the
 * YAML), with unspin's version, the cache format and the code that reads packs.
 */
/** Buckets read one by one from the cache's data file before it is read whole. */
const BUCKET_READS = 32;

/** How long after its last change a pack file's key also hashes its content. */
const RECENT_MS = 5000;

export function packKey(file: string): string | undefined {
  try {
    const st = statSync(file);
    // a file changed in the last few seconds may have been rewritten within one tick of the file
    // system's clock, at the same size: then its content decides too (a hash of it)
    const recent = Math.abs(Date.now() - st.mtimeMs) < RECENT_MS ? `\0${digest(readFileSync(file, "latin1"))}` : "";
    return digest(
      `${realpathSync(file)}\0${st.size}\0${st.mtimeMs}\0${st.ino}${recent}\0${VERSION}\0${FORMAT}\0${codeStamp()}`,
    );
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
    stamp = [import.meta.url, LOADER_URL, WHEN_URL, DICTIONARY_URL, TOKENIZER_URL, CHARS_URL, CONFLICTS_URL]
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
    // no file name in the data: it is how this run names the pack (relative to its cwd), and two
    // runs with one cache key but other cwds must write the same bytes, or a run could read byte
    // ranges from one's index in the other's data; lazy.ts sets the names when it parses a group
    const pos = { ...e.pos, file: "" };
    const when = e.when.map((c) => ({ ...c, pos: { ...c.pos, file: "" } }));
    const cached: CachedEntry = { ...e, pos, when, index: localIndex, examples: [], allows: [], keys, raw };
    const firsts = new Set<string>();
    keys.forEach((k, i) => {
      for (const v of variantsOf(e, k, raw[i])) firsts.add(v.keys[0]);
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
    maxWithin = Math.max(maxWithin, reachOf(e));
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
    halfAt: pack.halfAt,
    ...(pack.override === false ? { override: false as const } : {}),
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
    // the entries are read bucket by bucket as the input needs them (a short input reads a few KB of
    // a pack of megabytes); past BUCKET_READS buckets, the whole file at once (bytes; decoded per bucket)
    let data: Buffer | undefined;
    let reads = 0;
    const readData = (): Buffer => {
      try {
        return readFileSync(`${base}.data.json`);
      } catch (err) {
        if (rebuild) return rebuild().data; // pruned by another run meanwhile
        throw err;
      }
    };
    const readRange = (start: number, end: number): string | undefined => {
      let fd: number | undefined;
      try {
        fd = openSync(`${base}.data.json`, "r");
        const buf = Buffer.allocUnsafe(end - start);
        return readSync(fd, buf, 0, buf.length, start) === buf.length ? buf.toString("utf8") : undefined;
      } catch {
        return undefined; // pruned meanwhile: the whole-file path rebuilds
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    };
    return {
      index,
      key,
      bucket: ([start, end]) =>
        (!data && reads++ < BUCKET_READS ? readRange(start, end) : undefined) ??
        (data ??= readData()).toString("utf8", start, end),
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
