/**
 * The accuracy harness: restores every spun/original pair of a folder and scores it with the
 * project's yardstick (score.ts), and counts edits made on clean texts.
 *
 * A pair is `NAME.spun.txt` with `NAME.orig.txt` (or `NAME.gold-min.txt`, and `NAME.gold.txt` as the
 * full gold with optional guesses). Clean texts are any other `.txt` files of the clean folders.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Dictionary } from "../dictionary/build.js";
import { SPUN_AT } from "../engine/evidence.js";
import { restore } from "../engine/restore.js";
import { readText } from "../io/input.js";
import { UnspinError, fsError } from "../errors.js";
import { score } from "./score.js";
import type { Score } from "./score.js";

export interface PairResult extends Score {
  name: string;
  /** The spinner score of the spun text (0–1; spun from 0.5). */
  spinner_score: number;
  /** Restoring the restored text again changes nothing (a fixed point). */
  stable: boolean;
}

export interface CleanResult {
  name: string;
  words: number;
  spinner_score: number;
  edits: { spun: string; replacement: string; line: number; entry: string }[];
}

export interface EvalReport {
  pairs: PairResult[];
  total: Pick<Score, "words" | "gold_edits" | "tool_edits" | "right" | "recall" | "precision" | "damage"> & {
    damage_per_1000_words: number;
  };
  clean: CleanResult[];
  cleanTotal: { files: number; words: number; edits: number; edits_per_10000_words: number };
  /** How the spinner score separates: the spun texts' lowest score and the clean texts' highest. */
  scores: {
    spun_min: number;
    spun_judged_spun: number;
    spun_texts: number;
    clean_max: number;
    clean_judged_spun: number;
    clean_texts: number;
  };
}

/** The .txt files of a folder (or the file itself); an unreadable one is an error of its kind. */
function txtFiles(dir: string): string[] {
  try {
    if (statSync(dir).isFile()) return [dir];
    return readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => path.join(dir, f));
  } catch (err) {
    throw fsError(err, "read", dir);
  }
}

export function findPairs(dir: string): { name: string; spun: string; gold: string; goldFull?: string }[] {
  const files = new Set(txtFiles(dir));
  const pairs = [];
  for (const f of files) {
    if (!f.endsWith(".spun.txt")) continue;
    const base = f.slice(0, -".spun.txt".length);
    const orig = `${base}.orig.txt`;
    const goldMin = `${base}.gold-min.txt`;
    const gold = `${base}.gold.txt`;
    if (files.has(orig)) pairs.push({ name: base, spun: f, gold: orig });
    else if (files.has(goldMin))
      pairs.push({ name: base, spun: f, gold: goldMin, goldFull: files.has(gold) ? gold : undefined });
    else if (files.has(gold)) pairs.push({ name: base, spun: f, gold });
  }
  return pairs;
}

export function evaluate(dict: Dictionary, pairDirs: readonly string[], cleanDirs: readonly string[]): EvalReport {
  const pairs: PairResult[] = [];
  for (const dir of pairDirs) {
    const found = findPairs(dir);
    // a folder given for pairs that holds none is a mistake (a wrong path or naming), not a score
    if (found.length === 0)
      throw new UnspinError("empty", `no spun/original pairs in ${dir}`, {
        hint: "a pair is NAME.spun.txt beside NAME.orig.txt; clean texts go after --clean",
      });
    for (const p of found) {
      const spun = readText(p.spun);
      const r = restore(spun, dict, { noFindings: true });
      const restored = r.text;
      const s = score(spun, readText(p.gold), restored, p.goldFull ? readText(p.goldFull) : undefined);
      const stable = restore(restored, dict, { noFindings: true }).text === restored;
      pairs.push({
        name: path.relative(process.cwd(), p.name) || p.name,
        ...s,
        spinner_score: r.spun?.score ?? 0,
        stable,
      });
    }
  }
  const sum = (k: "words" | "gold_edits" | "tool_edits" | "right" | "damage") => pairs.reduce((a, p) => a + p[k], 0);
  const recallNum = pairs.reduce((a, p) => a + p.recall * p.gold_edits, 0);
  const total = {
    words: sum("words"),
    gold_edits: sum("gold_edits"),
    tool_edits: sum("tool_edits"),
    right: sum("right"),
    recall: recallNum / Math.max(1, sum("gold_edits")),
    precision: sum("tool_edits") ? sum("right") / sum("tool_edits") : 1,
    damage: sum("damage"),
    damage_per_1000_words: (sum("damage") * 1000) / Math.max(1, sum("words")),
  };
  const clean: CleanResult[] = [];
  for (const dir of cleanDirs) {
    const files = txtFiles(dir);
    if (files.length === 0)
      throw new UnspinError("empty", `no .txt files in ${dir} (--clean)`, {
        hint: "--clean takes a folder of .txt files or one file",
      });
    for (const f of files) {
      if (/\.spun\.txt$/.test(f)) continue;
      const r = restore(readText(f), dict, { noFindings: true });
      clean.push({
        name: path.relative(process.cwd(), f) || f,
        words: r.words,
        spinner_score: r.spun?.score ?? 0,
        edits: r.edits.map((e) => ({
          spun: e.spun,
          replacement: e.replacement,
          line: e.line,
          entry: `${e.entry.id} (${e.entry.file}:${e.entry.line})`,
        })),
      });
    }
  }
  const cleanWords = clean.reduce((a, c) => a + c.words, 0);
  const cleanEdits = clean.reduce((a, c) => a + c.edits.length, 0);
  const spunScores = pairs.map((p) => p.spinner_score);
  const cleanScores = clean.map((c) => c.spinner_score);
  const scores = {
    spun_min: spunScores.length ? Math.min(...spunScores) : 0,
    spun_judged_spun: spunScores.filter((x) => x >= SPUN_AT).length,
    spun_texts: spunScores.length,
    clean_max: cleanScores.length ? Math.max(...cleanScores) : 0,
    clean_judged_spun: cleanScores.filter((x) => x >= SPUN_AT).length,
    clean_texts: cleanScores.length,
  };
  return {
    pairs,
    total,
    clean,
    scores,
    cleanTotal: {
      files: clean.length,
      words: cleanWords,
      edits: cleanEdits,
      edits_per_10000_words: (cleanEdits * 10000) / Math.max(1, cleanWords),
    },
  };
}
