/**
 * Synthetic dictionaries in unspin's pack format (dictionaries/README.md): unconditioned entries,
 * one example each (the loader requires one). A share of the spun forms is taken from the corpus
 * itself (real spinner mappings from the fixtures' edit lists, word bigrams/trigrams and rare single
 * words), so matches really happen; the rest are phrases made of corpus words that never occur
 * together, and invented words, so the trie is large and its first step often succeeds.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Fixtures } from "./corpus.js";
import { rng } from "../scripts/rng.js";
import { shuffle } from "./corpus.js";

export interface DictEntry {
  spun: string;
  original: string;
}

export interface BenchDict {
  /** Label in the tables: "100", "50,000", "news", "science". */
  label: string;
  /** unspin flags that load it (after --no-default-packs). */
  args: string[];
  file: string;
  /** Entries (synthetic dictionaries only; the competitors are fed these). */
  entries: DictEntry[];
  size: number;
  /** How many spun forms were taken from the corpus. */
  fromCorpus: number;
}

/** Share of entries whose spun form is taken from the corpus, and its cap (keeps the hit rate realistic). */
export const CORPUS_SHARE = 0.3;
export const CORPUS_CAP = 1000;

const WORD = /^[a-z]+(?:-[a-z]+)*$/;

interface Pools {
  vocab: string[];
  rare: string[];
  bigrams: string[];
  trigrams: string[];
  present: Set<string>;
  real: DictEntry[];
}

/** Runs of plain words (no punctuation, digits or apostrophes between them), lower-cased. */
function wordRuns(paragraph: string): string[][] {
  const runs: string[][] = [];
  for (const segment of paragraph.split(/[^A-Za-z\s-]+|\s-+\s|--+/)) {
    let run: string[] = [];
    for (const raw of segment.split(/\s+/)) {
      const w = raw.toLowerCase();
      if (WORD.test(w) && (w.length > 1 || w === "a")) run.push(w);
      else if (raw !== "") {
        if (run.length) runs.push(run);
        run = [];
      }
    }
    if (run.length) runs.push(run);
  }
  return runs;
}

/** Real spun → original pairs from the fixtures' *.edits.tsv (plain words only). */
function realMappings(fx: Fixtures): DictEntry[] {
  const out: DictEntry[] = [];
  const dirs = new Set(fx.files.map((f) => path.dirname(f)));
  for (const dir of dirs) {
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith(".edits.tsv"))
      .sort()) {
      const lines = readFileSync(path.join(dir, name), "utf8").split("\n").slice(1);
      for (const line of lines) {
        const [spun, original] = line.split("\t");
        if (!spun || !original) continue;
        const s = spun.trim().toLowerCase().split(/\s+/);
        if (s.every((w) => WORD.test(w)) && original.trim() !== "")
          out.push({ spun: s.join(" "), original: original.trim() });
      }
    }
  }
  return out;
}

function pools(fx: Fixtures): Pools {
  const freq = new Map<string, number>();
  const bigrams = new Set<string>();
  const trigrams = new Set<string>();
  for (const p of fx.paragraphs) {
    for (const run of wordRuns(p)) {
      for (let i = 0; i < run.length; i++) {
        freq.set(run[i], (freq.get(run[i]) ?? 0) + 1);
        if (i + 1 < run.length) bigrams.add(`${run[i]} ${run[i + 1]}`);
        if (i + 2 < run.length) trigrams.add(`${run[i]} ${run[i + 1]} ${run[i + 2]}`);
      }
    }
  }
  const vocab = [...freq.keys()].sort();
  const rare = vocab.filter((w) => (freq.get(w) ?? 0) <= 2 && w.length >= 5);
  const present = new Set<string>([...vocab, ...bigrams, ...trigrams]);
  return { vocab, rare, bigrams: [...bigrams].sort(), trigrams: [...trigrams].sort(), present, real: realMappings(fx) };
}

const SYLLABLES = [
  "bra",
  "vek",
  "lo",
  "mir",
  "tun",
  "sal",
  "dor",
  "phe",
  "quo",
  "zan",
  "rit",
  "ol",
  "gam",
  "ske",
  "ny",
  "fu",
  "trel",
  "ash",
  "pim",
  "cor",
  "vio",
  "dex",
  "hal",
  "ump",
];

function invented(rand: () => number, present: Set<string>): string {
  for (;;) {
    const n = 2 + Math.floor(rand() * 3);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (!present.has(w)) return w;
  }
}

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)];
}

/** A phrase of corpus words that does not occur in the corpus ("real-looking" but absent). */
function absentPhrase(p: Pools, rand: () => number): string {
  for (;;) {
    const n = 2 + Math.floor(rand() * 2);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(pick(p.vocab, rand));
    const s = words.join(" ");
    if (!p.present.has(s)) return s;
  }
}

function originalFor(p: Pools, rand: () => number): string {
  const n = 1 + Math.floor(rand() * 3);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(p.vocab, rand));
  return words.join(" ");
}

/**
 * `size` entries with unique spun forms; min(30 %, 1,000) of them occur in the corpus. With `keep`,
 * those entries come first and the rest are absent ones (a larger dictionary that matches the same).
 */
export function synthEntries(
  fx: Fixtures,
  size: number,
  seed = 1,
  keep: readonly DictEntry[] = [],
): { entries: DictEntry[]; fromCorpus: number } {
  const p = pools(fx);
  const rand = rng(seed * 7919 + size);
  const seen = new Set<string>(keep.map((e) => e.spun));
  const entries: DictEntry[] = keep.slice();
  const add = (spun: string, original: string): boolean => {
    if (seen.has(spun) || entries.length >= size) return false;
    seen.add(spun);
    entries.push({ spun, original });
    return true;
  };
  const want = keep.length > 0 ? 0 : Math.min(Math.round(size * CORPUS_SHARE), CORPUS_CAP);
  // From the corpus: real mappings first, then 60 % bigrams, 25 % trigrams, 15 % rare single words.
  for (const e of shuffle(p.real, rand))
    if (entries.length < Math.min(want, Math.ceil(want / 5))) add(e.spun, e.original);
  const bi = shuffle(p.bigrams, rand);
  const tri = shuffle(p.trigrams, rand);
  const one = shuffle(p.rare, rand);
  for (let i = 0; entries.length < want && i < bi.length * 3; i++) {
    const r = rand();
    const src = r < 0.6 ? bi : r < 0.85 ? tri : one;
    if (src.length === 0) continue;
    const s = src[i % src.length];
    add(s, originalFor(p, rand));
  }
  const fromCorpus = keep.length > 0 ? keep.length : entries.length;
  // Absent: 50 % phrases of corpus words, 30 % invented single words, 20 % invented phrases.
  while (entries.length < size) {
    const r = rand();
    const spun =
      r < 0.5
        ? absentPhrase(p, rand)
        : r < 0.8
          ? invented(rand, p.present)
          : `${invented(rand, p.present)} ${pick(p.vocab, rand)}`;
    add(spun, originalFor(p, rand));
  }
  return { entries: shuffle(entries, rand), fromCorpus };
}

const q = (s: string): string => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

export function packYaml(name: string, entries: readonly DictEntry[]): string {
  const lines = [
    `pack: ${name}`,
    `description: ${q(`Synthetic benchmark dictionary of ${entries.length} unconditioned entries (bench/dicts.ts).`)}`,
    "entries:",
  ];
  for (const e of entries) {
    lines.push(
      `  - spun: ${q(e.spun)}`,
      `    original: ${q(e.original)}`,
      "    examples:",
      `      - in: ${q(`They said the ${e.spun} was new.`)}`,
      `        out: ${q(`They said the ${e.original} was new.`)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** The synthetic dictionary of `size` entries, written once into the cache folder. */
export function synthDict(cacheDir: string, fx: Fixtures, size: number): BenchDict {
  const { entries, fromCorpus } = synthEntries(fx, size);
  const file = path.join(cacheDir, `synth-${size}.yaml`);
  if (!existsSync(file)) writeFileSync(file, packYaml(`synth-${size}`, entries));
  return { label: formatCount(size), args: ["--dict", file], file, entries, size, fromCorpus };
}

/**
 * `size` entries that restore exactly what the dictionary of `base` entries restores: its entries
 * and `size - base` absent ones (phrases of corpus words that never occur together, invented words).
 * Beside the plain series (whose larger dictionaries also match more), it shows what the size of a
 * dictionary alone costs.
 */
export function paddedLabel(base: number, size: number): string {
  return `${formatCount(size)} (${formatCount(base)} + absent)`;
}

export function paddedDict(cacheDir: string, fx: Fixtures, base: BenchDict, size: number): BenchDict {
  const { entries } = synthEntries(fx, size, 2, base.entries);
  const file = path.join(cacheDir, `synth-${base.size}-padded-${size}.yaml`);
  if (!existsSync(file)) writeFileSync(file, packYaml(`synth-${base.size}-padded-${size}`, entries));
  return {
    label: paddedLabel(base.size, size),
    args: ["--dict", file],
    file,
    entries,
    size,
    fromCorpus: base.fromCorpus,
  };
}

/** The shipped packs that exist right now (news, science). */
export function shippedDicts(root: string): BenchDict[] {
  const out: BenchDict[] = [];
  for (const name of ["news", "science"]) {
    const file = path.join(root, "dictionaries", `${name}.yaml`);
    if (!existsSync(file)) continue;
    const size = (readFileSync(file, "utf8").match(/^\s*- spun:/gm) ?? []).length;
    out.push({ label: name, args: ["--dict", name], file, entries: [], size, fromCorpus: 0 });
  }
  return out;
}
