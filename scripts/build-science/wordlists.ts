/**
 * The English word lists that tune the build, read from data/science/*.txt (one word or phrase a
 * line; `#` starts a comment line). Each file's header says what its list is for.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "data");

function list(name: string): string[] {
  return readFileSync(join(DATA_DIR, "science", name), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

export const STANDARD_TERMS = list("standard-terms.txt");
export const COMMON_WORDS = new Set(list("common-words.txt"));
export const ORDINARY_PHRASES = new Set(list("ordinary-phrases.txt"));
export const PROPER_WORDS = new Set(list("proper-words.txt"));
export const NO_PLURAL = new Set(list("no-plural.txt"));
export const NOUNS_WITH_ADJECTIVE_ENDING = new Set(list("nouns-with-adjective-ending.txt"));
export const ADJECTIVES = new Set(list("adjectives.txt"));
