/**
 * The indefinite article agrees with a restored word after it (src/engine/articles.ts, rules in
 * data/english/articles.txt): a tortured-phrase generator makes "a random forest" into "an irregular
 * woodland", so restoring only the phrase would leave "an random forest".
 */
import { describe, expect, it } from "vitest";
import { articleRules } from "../src/dictionary/evidence-data.js";
import { restore } from "../src/engine/restore.js";
import { articleFor } from "../src/text/articles.js";
import { toyDictionary } from "./toy.js";

const SPUN = { document: "spun" } as const;

describe("articleFor", () => {
  const rules = articleRules();
  it("reads the rules from the data file and goes by the first sound", () => {
    if (!rules) throw new Error("data/english/articles.txt did not load");
    const of = (w: string) => articleFor(w, rules);
    expect([of("random"), of("irregular"), of("union"), of("one-off"), of("hour"), of("Hour")]).toEqual([
      "a",
      "an",
      "a",
      "a",
      "an",
      "an",
    ]);
    // initialisms by the name of their first letter; a number has no verdict
    expect([of("MRI"), of("CNN"), of("FBI"), of("8%")]).toEqual(["an", "a", "an", undefined]);
  });
});

describe("the engine makes the article agree with a restoration", () => {
  const dict =
    toyDictionary(`  - {spun: irregular woodland, original: random forest, ambiguous: false, examples: [{in: irregular woodland, out: random forest}]}
  - {spun: previous base, original: old base, ambiguous: false, examples: [{in: previous base, out: old base}]}
  - {spun: eight pc, original: 8%, ambiguous: false, examples: [{in: eight pc, out: 8%}]}
`);
  const text = (s: string) => restore(s, dict, SPUN).text;

  it("changes the article with the restored word, in the article's own case, as part of the same edit", () => {
    expect(text("We trained an irregular woodland.")).toBe("We trained a random forest.");
    expect(text("An irregular woodland was used.")).toBe("A random forest was used.");
    expect(text("AN IRREGULAR WOODLAND")).toBe("A RANDOM FOREST");
    const r = restore("We trained an  irregular woodland.", dict, SPUN);
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0]).toMatchObject({ spun: "an  irregular woodland", replacement: "a  random forest", col: 12 });
  });

  it("leaves an article that agrees, one across a line break, and a replacement it cannot judge", () => {
    // the spinner kept the original's article: "an previous base" was "an old base"
    expect(text("It sits on an previous base.")).toBe("It sits on an old base.");
    expect(text("We trained an\nirregular woodland.")).toBe("We trained an\nrandom forest.");
    expect(text("It rose a eight pc.")).toBe("It rose a 8%.");
    // "a" before a consonant-sound replacement, and a word that only looks like an article
    expect(text("It sits on a irregular woodland.")).toBe("It sits on a random forest.");
    expect(text("It sits on a previous base.")).toBe("It sits on an old base.");
    expect(text("Anna irregular woodland")).toBe("Anna random forest");
  });

  it("restoring the result again changes nothing", () => {
    const once = text("An irregular woodland and an irregular woodland.");
    expect(once).toBe("A random forest and a random forest.");
    expect(text(once)).toBe(once);
  });
});
