/**
 * Reading a spinner's synonym database in the common `key|alt1|alt2` line format (the key is the
 * original, the rest what a spinner may write for it). Junk lines and fields are skipped and counted.
 */
import { phraseKeys } from "../text/tokenizer.js";

export interface SpunPair {
  spun: string;
  original: string;
  line: number;
}

export interface SkipCounts {
  emptyLines: number;
  /** A key with no alternate after cleaning. */
  noAlternates: number;
  /** A key that is only digits (91|ninety one): the spinner's number spelling, nothing to restore. */
  numericKeys: number;
  emptyAlternates: number;
  /** An alternate equal to its own key (after case and whitespace folding). */
  alternateIsKey: number;
  /** The same key → alternate pair seen again. */
  repeatedPairs: number;
}

export interface Thesaurus {
  lines: number;
  pairs: SpunPair[];
  /** Every original (key), as token keys joined with spaces. */
  keys: Set<string>;
  skipped: SkipCounts;
}

function clean(field: string): string {
  return field.replace(/\s+/g, " ").trim();
}

export const keyOf = (phrase: string): string => phraseKeys(phrase).join(" ");

export function parseThesaurus(text: string): Thesaurus {
  const skipped: SkipCounts = {
    emptyLines: 0,
    noAlternates: 0,
    numericKeys: 0,
    emptyAlternates: 0,
    alternateIsKey: 0,
    repeatedPairs: 0,
  };
  const pairs: SpunPair[] = [];
  const keys = new Set<string>();
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  lines.forEach((raw, i) => {
    if (raw.trim() === "") {
      skipped.emptyLines++;
      return;
    }
    const [keyField, ...alts] = raw.split("|");
    const original = clean(keyField);
    const key = keyOf(original);
    if (/^\d+$/.test(original)) {
      skipped.numericKeys++;
      return;
    }
    const kept: string[] = [];
    for (const a of alts) {
      const spun = clean(a);
      if (spun === "" || keyOf(spun) === "") skipped.emptyAlternates++;
      else if (keyOf(spun) === key) skipped.alternateIsKey++;
      else kept.push(spun);
    }
    if (key === "" || kept.length === 0) {
      skipped.noAlternates++;
      return;
    }
    keys.add(key);
    for (const spun of kept) {
      const pairKey = `${keyOf(spun)}\u0001${key}`;
      if (seen.has(pairKey)) {
        skipped.repeatedPairs++;
        continue;
      }
      seen.add(pairKey);
      pairs.push({ spun, original, line: i + 1 });
    }
  });
  return { lines: lines.length, pairs, keys, skipped };
}
