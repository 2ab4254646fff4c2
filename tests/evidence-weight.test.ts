import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { readPack } from "../src/dictionary/loader.js";
import { restore } from "../src/engine/restore.js";

/**
 * What counts towards a document's spinner score. An imported thesaurus is full of everyday words
 * with no measured spinner rate; if those counted, every clean document would read as spun and its
 * ambiguous entries would act in it (a 94,000-entry import judged 652 of 683 clean documents spun).
 */
const TEXT = "We enable users to enable plugins. The tool can enable logging and enable caching. ".repeat(3);

const ex = (i: string, o: string): string => `    examples: [{in: ${i}, out: ${o}}]\n`;

function docOf(entry: string): ReturnType<typeof restore> {
  const dict = buildDictionary([readPack("user.yaml", `pack: user\nentries:\n${entry}`)]);
  return restore(TEXT, dict);
}

describe("evidence weight of a user's entries", () => {
  it("a finding on an everyday form is reported but weighs nothing", () => {
    const r = docOf("  - spun: enable\n    original: allow\n    detect: true\n" + ex("We enable it.", "We enable it."));
    expect(r.edits.length).toBe(12);
    expect(r.edits.every((e) => e.detect)).toBe(true);
    expect(r.spun?.hits).toBe(0);
    expect(r.spun?.spun).toBe(false);
  });

  it("an ambiguous entry the spinner was never measured writing is no evidence, and so does not act", () => {
    const r = docOf(
      "  - spun: enable\n    original: allow\n    ambiguous: true\n" + ex("We enable it.", "We allow it."),
    );
    expect(r.spun?.hits).toBe(0);
    expect(r.edits).toEqual([]);
    expect(r.text).toBe(TEXT);
  });

  it("a marked form still counts, finding or not", () => {
    const r = docOf(
      "  - spun: enable logging\n    original: turn on logging\n    detect: true\n" +
        ex("We enable logging.", "We enable logging."),
    );
    expect(r.edits.length).toBe(3);
    expect(r.spun?.hits).toBeGreaterThan(0);
  });
});
