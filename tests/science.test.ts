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

  it("AND: restores 'surface region' when the paper also has 'surface area' (or other fingerprints), not alone", () => {
    expect(fix("The surface region was measured. The surface area is large.")).toBe(
      "The surface area was measured. The surface area is large.",
    );
    expect(fix("The surface region grew, and the irregular woodland model fit it.")).toBe(
      "The surface area grew, and the random forest model fit it.",
    );
    expect(fix("The surface region of the coast was flooded.")).toBe("The surface region of the coast was flooded.");
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
