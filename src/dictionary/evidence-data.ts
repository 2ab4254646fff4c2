/**
 * The evidence step's data files (data/ at the package root), each read once, on first use:
 * - data/context/model.bin: the context model (text/context-model.ts)
 * - data/english/function-words.txt: closed-class words, for the function-word guard
 * - data/spinner/mappings.tsv: counted spinner mappings, for each entry's measured rate
 * - data/english/articles.txt: how the indefinite article agrees with the word after it
 * A missing file leaves its part out (no context figures, no guard, the prior rate): the engine
 * still restores what the dictionaries say.
 */
import { readFileSync } from "node:fs";
import { type ArticleRules, parseArticleRules } from "../text/articles.js";
import { parseModel } from "../text/context-model.js";
import type { ContextModel } from "../text/context-model.js";
import { hashKey } from "../text/hash.js";
import { phraseKeys } from "../text/tokenizer.js";
import { PACKAGE_ROOT } from "../io/version.js";

function read(rel: string): Buffer | undefined {
  try {
    return readFileSync(new URL(`data/${rel}`, PACKAGE_ROOT));
  } catch {
    return undefined;
  }
}

let model: ContextModel | null | undefined;

/** The shipped context model, or undefined when its file is missing or damaged. */
export function contextModel(): ContextModel | undefined {
  if (model === undefined) {
    const buf = read("context/model.bin");
    try {
      model = buf ? parseModel(buf) : null;
    } catch {
      model = null;
    }
  }
  return model ?? undefined;
}

let articles: ArticleRules | null | undefined;

/** The article rules, or undefined when their file is missing (restorations then leave articles as written). */
export function articleRules(): ArticleRules | undefined {
  if (articles === undefined) {
    articles = parseArticleRules(read("english/articles.txt")?.toString("utf8") ?? "") ?? null;
  }
  return articles ?? undefined;
}

let functionWords: Set<number> | undefined;

/** Key hashes of the function words. */
export function functionWordHashes(): Set<number> {
  if (!functionWords) {
    functionWords = new Set();
    for (const line of (read("english/function-words.txt")?.toString("utf8") ?? "").split("\n")) {
      const w = line.trim();
      if (w && !w.startsWith("#")) functionWords.add(hashKey(w));
    }
  }
  return functionWords;
}

/**
 * Counted mappings: "spun keys TAB original in lower case" → times seen, and the words of spun text
 * behind the counts.
 */
export interface MappingCounts {
  seen: Map<string, number>;
  words: number;
}

let mappings: MappingCounts | undefined;

export function mappingKey(spunKeys: readonly string[], original: string): string {
  return `${spunKeys.join(" ")}\t${original.toLowerCase()}`;
}

export function mappingCounts(): MappingCounts {
  if (!mappings) {
    const m: MappingCounts = { seen: new Map(), words: 1 };
    for (const line of (read("spinner/mappings.tsv")?.toString("utf8") ?? "").split("\n")) {
      const words = /^# words (\d+)/.exec(line);
      if (words) m.words = Number(words[1]);
      if (!line || line.startsWith("#") || line.startsWith("spun\t")) continue;
      const [spun, original, seen] = line.split("\t");
      const key = mappingKey(phraseKeys(spun), original);
      m.seen.set(key, (m.seen.get(key) ?? 0) + Number(seen));
    }
    mappings = m;
  }
  return mappings;
}
