/**
 * `document_spun` (a condition the evidence step decides) and a pack's `evidence: {half_at}`:
 * src/engine/decide.ts, src/engine/evidence.ts.
 */
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { readPack } from "../src/dictionary/loader.js";
import { restore } from "../src/engine/restore.js";
import { isUnspinError } from "../src/errors.js";

const pack = (head: string) =>
  buildDictionary([
    {
      ...readPack(
        "t.yaml",
        `pack: t
${head}
entries:
  - spun: choice tree
    original: decision tree
    when: {document_spun: true}
    examples: [{in: a choice tree, out: a decision tree}]
  - {spun: bosom malignant, original: breast cancer, examples: [{in: bosom malignant, out: breast cancer}]}
  - {spun: irregular woodland, original: random forest, examples: [{in: irregular woodland, out: random forest}]}
  - spun: bolster vector machine
    original: support vector machine
    examples: [{in: a bolster vector machine, out: a support vector machine}]
`,
      ),
      builtin: true, // a pack's own verdict (and its half_at) is a built-in pack's
    },
  ]);
const filler = " The cohort was followed for five years and the results were stable across sites.".repeat(8);

describe("document_spun", () => {
  const dict = pack("");
  it("restores where the pack judges the document spun", () => {
    const r = restore(`We compare the choice tree, the irregular woodland and the bolster vector machine.`, dict);
    expect(r.spun?.spun).toBe(true);
    expect(r.text).toBe("We compare the decision tree, the random forest and the support vector machine.");
  });

  it("elsewhere reports the match as a finding, marked gated, and changes nothing", () => {
    const text = "We prune the choice tree.";
    const r = restore(text, dict);
    expect(r.text).toBe(text);
    expect(r.edits).toMatchObject([{ spun: "choice tree", replacement: "decision tree", detect: true, gated: true }]);
    expect(r.edits[0].why.join(" ")).toMatch(/reported, not restored: the document is not judged spun/);
    expect(restore(text, dict, { noFindings: true }).edits).toEqual([]);
  });

  it("refuses `document_spun: false` with a hint", () => {
    const bad =
      "pack: t\nentries:\n  - {spun: a b, original: c, when: {document_spun: false}, examples: [{in: a b, out: c}]}\n";
    expect(() => readPack("bad.yaml", bad)).toThrow(/bad\.yaml:3:\d+: `document_spun: false` is not a condition/);
    try {
      readPack("bad.yaml", bad);
    } catch (e) {
      expect(isUnspinError(e)).toBe(true);
    }
  });
});

describe("a pack's evidence: half_at", () => {
  it("lets a pack whose hits are strong evidence judge a document spun on fewer of them", () => {
    const text = `The bosom malignant cells, an irregular woodland and a choice tree.${filler}`;
    const plain = restore(text, pack(""));
    const strong = restore(text, pack("evidence: {half_at: 0.75}"));
    expect(plain.spun?.spun).toBe(false);
    expect(strong.spun?.spun).toBe(true);
    expect(strong.spun?.score).toBeGreaterThan(plain.spun?.score ?? 1);
    expect(strong.text).toContain("a decision tree");
    expect(plain.text).toContain("a choice tree");
  });

  it("refuses a half_at that is not a number above 0", () => {
    expect(() =>
      readPack(
        "h.yaml",
        "pack: t\nevidence: {half_at: -1}\nentries:\n  - {spun: a b, original: c, examples: [{in: a b, out: c}]}\n",
      ),
    ).toThrow(/`half_at` must be a number > 0/);
  });
});

describe("with several built-in packs", () => {
  it("judges the document by its packs: its score is the highest of theirs, each on its own half_at", async () => {
    const { loadDictionary } = await import("../src/dictionary/packs.js");
    const both = loadDictionary(["news", "science"]);
    expect(both.packs.find((p) => p.name === "news")?.halfAt).toBe(2);
    expect(both.packs.find((p) => p.name === "science")?.halfAt).toBe(0.75);
    for (const text of [
      "The bosom malignant cells and the irregular woodland model were studied in detail.",
      "Officials mentioned the firm would put up extra workers after the Chilly Struggle ended final yr.",
      "The committee met on Tuesday and approved the budget.",
    ]) {
      const doc = restore(text, both).spun;
      const packs = Object.values(doc?.packs ?? {});
      expect(packs).toHaveLength(2);
      expect(doc?.score).toBe(Math.max(...packs));
      expect(doc?.spun).toBe((doc?.score ?? 0) >= 0.5);
    }
  });
});
