/**
 * The function-word guard (src/engine/evidence.ts) on the news pack's own entries: a lone function
 * word changes only where the context strongly favours the original, or where its count measures it
 * (seen at least MEASURED_SEEN times, reliability at least 0.95: "beneath" for "below", 48 times in
 * data/spinner/mappings.tsv); a function word seen a few times stays a guess and is left alone.
 */
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { readPackFile, resolvePack } from "../src/dictionary/packs.js";
import { restore } from "../src/engine/restore.js";

const SPUN = { document: "spun" } as const;

describe("the function-word guard", () => {
  const dict = buildDictionary([readPackFile(resolvePack("news"))]);
  const ids = (text: string) => restore(text, dict, SPUN).edits.map((e) => e.entry.id);

  it("lets a function word the spinner was measured writing change where the context is neutral", () => {
    expect(restore("The price fell beneath the resistance.", dict, SPUN).text).toBe(
      "The price fell below the resistance.",
    );
  });

  it("keeps a function word seen only a few times unless the context strongly favours the original", () => {
    // each -> both: seen 5 times; 'each team' fits better than 'both team'
    expect(ids("Each team played twice.")).toEqual([]);
  });

  it("holds in a clean document whatever the count", () => {
    expect(restore("The price fell beneath the resistance.", dict, { document: "clean" }).edits).toEqual([]);
  });
});
