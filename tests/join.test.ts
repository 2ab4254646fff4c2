/**
 * Overlapping readings joined (src/engine/join.ts): "bosom malignant growth" is "bosom malignant" →
 * "breast cancer" overlapping "malignant growth" → "cancer"; restoring only the winner left
 * "breast cancer growth", a fragment of the tortured phrase.
 */
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { readPackFile, resolvePack } from "../src/dictionary/packs.js";
import { joinOriginals } from "../src/engine/join.js";
import { restore } from "../src/engine/restore.js";
import { toyDictionary } from "./toy.js";
import type { Entry } from "../src/types.js";

const SPUN = { document: "spun" } as const;

describe("joinOriginals", () => {
  it("joins two readings that agree on the words they share, and refuses those that do not", () => {
    expect(joinOriginals("breast cancer", "cancer")).toBe("breast cancer");
    expect(joinOriginals("deep learning", "learning algorithm")).toBe("deep learning algorithm");
    expect(joinOriginals("big data", "Data Acquisition")).toBe("big data Acquisition");
    expect(joinOriginals("test set", "classification accuracy")).toBeUndefined();
  });
});

describe("the engine joins overlapping readings that agree", () => {
  const dict =
    toyDictionary(`  - {spun: bosom malignant, original: breast cancer, examples: [{in: bosom malignant, out: breast cancer}]}
  - {spun: malignant growth, original: cancer, examples: [{in: malignant growth, out: cancer}]}
  - {spun: test arrangement, original: test set, examples: [{in: test arrangement, out: test set}]}
  - {spun: arrangement exactness, original: classification accuracy, examples: [{in: arrangement exactness, out: classification accuracy}]}
`);

  it("restores the whole phrase, names both entries, and restoring again changes nothing", () => {
    const r = restore("Bosom malignant growth is common.", dict, SPUN);
    expect(r.text).toBe("Breast cancer is common.");
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0].why.join(" ")).toMatch(/overlap joined with malignant-growth \(t\.yaml:\d+\)/);
    expect(r.edits[0].also?.map((p) => p.id)).toEqual(["malignant-growth"]);
    expect(restore(r.text, dict, SPUN).edits).toHaveLength(0);
  });

  it("leaves readings that disagree to the overlap rule (the earlier of two equal lengths)", () => {
    expect(restore("the test arrangement exactness", dict, SPUN).text).toBe("the test set exactness");
  });
});

describe("the science pack: no overlap of two agreeing readings keeps a fragment", () => {
  it("restores every joined phrase of two overlapping entries to the joined reading", () => {
    const dict = buildDictionary([readPackFile(resolvePack("science"))]);
    const entries = dict.entries.filter((e) => !e.detect);
    const byFirst = new Map<string, [Entry, string[]][]>();
    for (const e of entries)
      for (const s of e.spun) {
        const w = s.toLowerCase().split(" ");
        if (w.length >= 2) byFirst.set(w[0], [...(byFirst.get(w[0]) ?? []), [e, w]]);
      }
    const frame = (p: string): string => `We studied the ${p} in detail.`;
    const actsAlone = (p: string): boolean =>
      restore(frame(p), dict, SPUN).edits.some((e) => !e.detect && e.spun.toLowerCase() === p);
    let checked = 0;
    const wrong: string[] = [];
    for (const [a, aw] of [...byFirst.values()].flat()) {
      for (const [b, bw] of byFirst.get(aw[aw.length - 1]) ?? []) {
        const want = a === b ? undefined : joinOriginals(a.original, b.original);
        if (!want || !actsAlone(aw.join(" ")) || !actsAlone(bw.join(" "))) continue;
        const phrase = [...aw, ...bw.slice(1)].join(" ");
        const r = restore(frame(phrase), dict, SPUN);
        // a third entry reading part of the phrase (a longer one of its own): the overlap rule decides
        if (r.edits.some((e) => e.entry.id !== a.id && e.entry.id !== b.id)) continue;
        checked++;
        const got = r.text.slice("We studied the ".length, -" in detail.".length);
        if (got.toLowerCase() !== want.toLowerCase()) wrong.push(`${phrase} → ${got} (want ${want})`);
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(wrong).toEqual([]);
  });
});
