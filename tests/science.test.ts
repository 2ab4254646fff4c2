/** The science pack on real entries: each condition type acts where it should, and clean science is left alone. */
import { describe, expect, it } from "vitest";
import { restore } from "../src/engine/restore.js";
import { loadDictionary } from "../src/dictionary/packs.js";

const science = loadDictionary(["science"]);
const fix = (text: string) => restore(text, science, { noFindings: true }).text;

describe("science pack", () => {
  it("leaves standard terminology untouched (the mis-split JSON rows must not be entries)", () => {
    const clean =
      "We train a neural network with machine learning on cloud computing nodes and compare image features. Deep learning and data mining help, and a random forest and a support vector machine are baselines.";
    const r = restore(clean, science);
    expect(r.edits).toEqual([]);
    expect(r.text).toBe(clean);
  });

  it("AND: restores 'surface region' when the paper has 'surface area', or is judged spun; else reports it", () => {
    expect(fix("The surface region was measured. The surface area is large.")).toBe(
      "The surface area was measured. The surface area is large.",
    );
    // the evidence (document_spun), not a cue list: three tortured phrases in a short text
    expect(fix("The surface region grew, and the irregular woodland and bolster vector machine models fit it.")).toBe(
      "The surface area grew, and the random forest and support vector machine models fit it.",
    );
    // one other tortured phrase is not enough: reported as a finding, not restored
    const one = restore("The surface region grew, and the irregular woodland model fit it.", science);
    expect(one.text).toBe("The surface region grew, and the random forest model fit it.");
    expect(one.edits.map((e) => [e.spun, e.detect, e.gated])).toEqual([
      ["surface region", true, true],
      ["irregular woodland", false, undefined],
    ]);
    expect(fix("The surface region of the coast was flooded.")).toBe("The surface region of the coast was flooded.");
  });

  it("gates a tortured phrase that is also plausible English: 'choice tree' in a paper about choice trees", () => {
    const paper = "Choice Trees in Tabular Data. We prune each choice tree, and the choice trees stay small.";
    const r = restore(paper, science);
    expect(r.text).toBe(paper);
    expect(r.edits.map((e) => [e.spun, e.replacement, e.gated])).toEqual([
      ["Choice Trees", "decision trees", true],
      ["choice tree", "decision tree", true],
      ["choice trees", "decision trees", true],
    ]);
    // the same phrase among other tortured phrases is restored
    expect(fix("We compare the choice tree, the irregular woodland and the bolster vector machine.")).toBe(
      "We compare the decision tree, the random forest and the support vector machine.",
    );
    // genuine uses the issue named: reported, never changed
    for (const clean of [
      "The patient had a malignant growth removed.",
      "The beams were placed in a test arrangement.",
      "We trained a profound learning model.",
    ])
      expect(fix(clean)).toBe(clean);
  });

  it("leaves a genuine 'network safety' alone, with the news pack loaded too (each pack judged on its own)", () => {
    const both = loadDictionary(["news", "science"]);
    const text = "Our network safety audit found two issues in the intrusion detection system. Network safety matters.";
    expect(restore(text, both).edits).toEqual([]);
  });

  it("reports a tortured phrase the catalogue lacks, made with its own word swaps, without restoring it", () => {
    // 'vitality consumption' is no catalogue row; 'vitality' for 'energy' is in 56 of them
    const text = "The vitality consumption of the nodes was low.";
    const r = restore(text, science);
    expect(r.text).toBe(text);
    expect(r.edits).toMatchObject([
      { spun: "vitality consumption", replacement: "energy consumption", detect: true, entry: { pack: "science" } },
    ]);
    expect(science.entries.find((e) => e.id === r.edits[0].entry.id)?.note).toMatch(
      /^unseen: the catalogue's swaps 'vitality' for 'energy' \(\d+ rows\)/,
    );
    // a finding of its kind adds nothing to the spinner score
    expect(r.spun?.hits).toBe(0);
  });

  it("NOT: restores 'highlight extraction' unless the paper is about specular highlights", () => {
    expect(fix("We apply highlight extraction to the images.")).toBe("We apply feature extraction to the images.");
    expect(fix("We apply highlight extraction to remove specular reflections.")).toBe(
      "We apply highlight extraction to remove specular reflections.",
    );
  });

  it("proximity (~N): a spun phrase near its acronym acts, the same words far away or alone do not", () => {
    expect(fix("The disappearing gradient problem slows training.")).toBe(
      "The vanishing gradient problem slows training.",
    );
    const near = restore("gatherings found by clustering of the data", science);
    expect(near.edits.map((e) => e.spun)).toEqual(["gatherings"]); // a finding: the PPS gives no safe replacement
    expect(restore("the gatherings of the villagers were held in spring", science).edits).toEqual([]);
  });

  it("inflection: plural and possessive forms of an entry's last word", () => {
    expect(fix("Profound neural organizations and a neural organization’s weights.")).toBe(
      "Deep neural networks and a neural network’s weights.",
    );
    expect(fix("A profound neural organization was trained.")).toBe("A deep neural network was trained.");
  });
});
