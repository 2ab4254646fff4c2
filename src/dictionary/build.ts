/**
 * A compiled dictionary: the packs' entries merged, conflicts refused, and every spun form (with its
 * inflected forms) put in a token trie. Building costs linear time in the dictionary's size; a lookup
 * costs one map step per token, whatever the size.
 */
import { dictionaryError } from "../errors.js";
import type { Problem } from "../errors.js";
import { hashKey } from "../text/hash.js";
import { formsFor, inflectable } from "../text/inflect.js";
import type { PackSource } from "./loader.js";
import { formOwners } from "./override.js";
import { PhraseTable } from "./phrase-table.js";
import { phraseKeys } from "../text/tokenizer.js";
import type { Entry, PackInfo, Variant, Warning } from "../types.js";
import { conditionSignature, sameRestoration } from "./conflicts.js";
import { Transitions, newNode, plantVariants, sortVariants, walkCreate } from "./trie.js";
import type { KeySource, TrieNode } from "./trie.js";

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

export function describe(e: Entry, spun: string): string {
  return `'${spun}' → '${e.original}' (${e.pos.file}:${e.pos.line})`;
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
    .filter((v) => v.keys[v.keys.length - 1] !== lastKey)
    .filter((v, i, all) => all.findIndex((x) => x.keys[x.keys.length - 1] === v.keys[v.keys.length - 1]) === i);
}

/** Packs by name, each once (a second load of a name is warned about and left out). */
export function packsOnce<P>(
  packs: readonly P[],
  id: (p: P) => { name: string; file: string },
  warnings: Warning[],
): P[] {
  const names = new Set<string>();
  return packs.filter((p) => {
    const { name, file } = id(p);
    if (!names.has(name)) return names.add(name);
    warnings.push({ message: `pack '${name}' is loaded twice (${file}); its entries are used once` });
    return false;
  });
}

/** How far (in words) an entry's near conditions look: what a stream's window must keep around a match. */
export function reachOf(e: Entry): number {
  let within = 0;
  for (const c of e.when) within = Math.max(within, c.near || c.notNear ? c.within : 0);
  return within;
}

/** An entry's spun form as written, and its inflected forms. */
export function variantsOf(entry: Entry, keys: string[], raw: string[]): Variant[] {
  return [{ entry, keys, raw, original: entry.original, inflected: false }, ...inflectedVariants(entry, keys, raw)];
}

/** The root's edges numbered, and the step from the root that the matcher takes first. */
function numbered(root: TrieNode): { edges: Transitions; first: Dictionary["first"] } {
  const edges = new Transitions();
  const rootId = edges.number(root);
  return { edges, first: (hash: number, keys: KeySource, at: number): number => edges.step(rootId, hash, keys, at) };
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

  const once = packsOnce(packs, (p) => p, warnings);
  // a user's pack overrides the packs before it for every spun form it names (a user's own entry
  // for "chilly struggle" replaces the built-in one): the last such pack naming a form owns it.
  // Built-in packs never override one another: their entries for one form are alternatives; nor does
  // a pack that says `override: false` (an imported thesaurus adds readings, it replaces none).
  const owner = formOwners(once, (pack) => pack.entries.flatMap((e) => e.spun.map((s) => phraseKeys(s).join(" "))));
  for (const pack of once) {
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
      maxWithin = Math.max(maxWithin, reachOf(entry));
      for (const spun of entry.spun) {
        const keys = phraseKeys(spun);
        const key = keys.join(" ");
        const ownedBy = owner.get(key);
        if (ownedBy !== undefined && ownedBy !== pack) continue; // overridden by a user's pack
        const others = byKeys.get(key);
        const seen = others?.find(
          (o) =>
            o.entry !== entry &&
            conditionSignature(o.entry) === conditionSignature(entry) &&
            sameRestoration(o.entry, entry),
        );
        if (seen) {
          const problem = clash(seen.entry, seen.spun, entry);
          if (problem) problems.push(problem);
          continue;
        }
        if (others) others.push({ entry, spun });
        else byKeys.set(key, [{ entry, spun }]);
        maxKeys = Math.max(maxKeys, plantVariants(root, variantsOf(entry, keys, phraseRawTokens(spun))));
      }
    }
  }
  if (problems.length > 0) throw dictionaryError(problems);

  sortVariants(root);

  const { phraseRoot, phraseIds, phraseFirstHashes } = indexPhrases(phrases);
  const packInfos: PackInfo[] = packs
    .filter((p, i) => packs.findIndex((q) => q.name === p.name) === i)
    .map((p) => ({
      name: p.name,
      file: p.file,
      description: p.description,
      halfAt: p.halfAt,
      entries: p.entries.length,
      builtin: p.builtin === true,
      ...(p.override === false ? { adds: true } : {}),
    }));
  const { edges, first } = numbered(root);
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

/**
 * `entry`'s spun form `spun` meets `prev`'s (same keys, same conditions, same pack): the same
 * restoration twice is a duplicate (the problem returned); another original is an alternative
 * reading, kept: the evidence step chooses the one that fits the context (engine/evidence.ts).
 */
function clash(prev: Entry, prevSpun: string, entry: Entry): Problem | undefined {
  const same = sameRestoration(prev, entry);
  if (!same) return undefined;
  const other = describe(prev, prevSpun);
  return {
    file: entry.pos.file,
    line: entry.pos.line,
    col: entry.pos.col,
    message: `duplicate entry: same as ${other}`,
    hint: "remove one of them",
  };
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
