/**
 * Chains (src/engine/chains.ts): a restoration that makes a new marked spun form with the words
 * beside it is followed, so that restoring the output again changes nothing.
 */
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { readPack } from "../src/dictionary/loader.js";
import { restore } from "../src/engine/restore.js";

const PACK = `
pack: test
entries:
  - spun: metropolis
    original: city
    examples: [{in: the metropolis centre, out: the city centre}]
  - spun: house city
    original: home city
    examples: [{in: his house city, out: his home city}]
  - spun: tidings
    original: news
    examples: [{in: good tidings, out: good news}]
  - spun: bad news
    original: grim news
    ambiguous: true
    examples: [{in: bad news today, out: grim news today}]
  - spun: White Home
    original: White House
    case: exact
    examples: [{in: the White Home said, out: the White House said}]
  - spun: metropolis corridor
    original: city hall
    examples: [{in: at metropolis corridor, out: at city hall}]
  - spun: blue metropolis
    original: blue city
    examples: [{in: a blue metropolis, out: a blue city}]
`;
const dict = buildDictionary([readPack("test.yaml", PACK)]);
const SPUN = { document: "spun" } as const;

describe("a restoration that makes a new spun form", () => {
  it("is followed into one edit over both spans, in the source's case, with both entries named", () => {
    const r = restore("The House metropolis centre opened.", dict, SPUN);
    expect(r.text).toBe("The Home city centre opened.");
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0].spun).toBe("House metropolis");
    expect(r.edits[0].entry.id).toBe("metropolis");
    expect(r.edits[0].why.join(" ")).toMatch(/chain: .*house-city \(test\.yaml:\d+\)/);
    expect(r.edits[0].also?.map((p) => p.id)).toEqual(["house-city"]);
    expect(restore(r.text, dict, SPUN).edits).toHaveLength(0);
  });

  it("leaves restorations that make no spun form as they were", () => {
    expect(restore("the metropolis centre and his house", dict, SPUN).text).toBe("the city centre and his house");
    expect(restore("a blue metropolis", dict, SPUN).edits.map((e) => e.entry.id)).toEqual(["blue-metropolis"]);
  });

  it("leaves a group whose chain does not settle as it was written, so the output is still stable", () => {
    // White Home → White House; metropolis corridor → city hall; but "House city" is the spun form of
    // "home city", and "White Home" again that of "White House": a cycle with no right answer
    const r = restore("the White Home metropolis corridor", dict, SPUN);
    expect(r.text).toBe("the White Home metropolis corridor");
    expect(restore(r.text, dict, SPUN).edits).toHaveLength(0);
    // apart, each restores
    expect(restore("the White Home said. It is at metropolis corridor", dict, SPUN).text).toBe(
      "the White House said. It is at city hall",
    );
  });

  it("does not follow an ambiguous form (it would act again only in a document still judged spun)", () => {
    // "bad tidings" → "bad news", itself the ambiguous spun form of "grim news": not followed
    const r = restore("bad tidings", dict, SPUN);
    expect(r.text).toBe("bad news");
    expect(r.edits[0].why.join(" ")).not.toMatch(/chain/);
  });
});
