/**
 * A user's pack that says `override: false` (what `dict import` writes) adds alternatives to the
 * packs before it instead of replacing their entries; a finding never hides a restoration in an
 * overlap; of equally long overlapping matches a marked one wins over an ambiguous one. Both paths
 * that combine packs are checked: the cached one a run uses (loadDictionary) and buildDictionary.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { readPack } from "../src/dictionary/loader.js";
import { loadDictionary, readPackFile, resolvePack } from "../src/dictionary/packs.js";
import { restore } from "../src/engine/restore.js";
import { tempDir } from "./dict-helpers.js";
import { toyDictionary } from "./toy.js";

const SPUN = { document: "spun" } as const;

/**
 * A user's pack naming the news pack's 'chilly struggle' (marked), and with findings over 'the
 * corporate' (longer than the news pack's 'corporate') and 'mentioned' (the same span as its entry).
 */
function userPack(override: boolean): string {
  return `pack: mine
${override ? "" : "override: false\n"}entries:
  - spun: chilly struggle
    original: cool fight
    ambiguous: true
    examples: [{in: the chilly struggle, out: the cool fight}]
  - spun: the corporate
    original: the enterprise
    detect: true
    examples: [{in: the corporate, out: the corporate}]
  - spun: mentioned
    original: discussed
    detect: true
    examples: [{in: mentioned, out: mentioned}]
`;
}

function both(text: string): { cached: string; built: string }[] {
  return [true, false].map((override) => {
    const dir = tempDir();
    const file = path.join(dir, "mine.yaml");
    writeFileSync(file, userPack(override));
    const env = { ...process.env, UNSPIN_CACHE_DIR: path.join(dir, "cache") };
    const cached = restore(text, loadDictionary(["news", file], dir, env), SPUN).text;
    const built = restore(
      text,
      buildDictionary([readPackFile(resolvePack("news")), readPack(file, userPack(override))]),
      SPUN,
    ).text;
    return { cached, built };
  });
}

describe("override: false", () => {
  it("keeps the built-in entries beside the user's: the marked reading beats an unmeasured guess", () => {
    const [replacing, adding] = both("After the Chilly Struggle, the corporate mentioned it would grow.");
    // a pack that overrides takes the form over: its ambiguous guess then needs context and loses
    expect(replacing.cached).toBe(replacing.built);
    expect(replacing.cached).not.toContain("Cold War");
    // one that does not leaves the built-in reading in the pool, where it wins
    expect(adding.cached).toBe(adding.built);
    expect(adding.cached).toBe("After the Cold War, the company said it would grow.");
  });

  it("rejects an override that is not true or false, naming the file and line", () => {
    expect(() => readPack("bad.yaml", "pack: bad\noverride: maybe\nentries: []\n")).toThrow(
      /bad\.yaml:2:11: `override` must be true or false/,
    );
  });
});

describe("overlaps", () => {
  it("a user's finding never hides a restoration, longer ('the corporate') or on the same words ('mentioned')", () => {
    const [, adding] = both("The corporate mentioned its results would improve.");
    expect(adding.built).toMatch(/^The company said/);
  });
});

describe("equally long overlapping matches", () => {
  it("a marked one wins over an ambiguous one, whichever starts first", () => {
    const dict =
      toyDictionary(`  - {spun: zorp quib, original: first reading, ambiguous: true, examples: [{in: zorp quib, out: first reading}]}
  - {spun: quib frell, original: second reading, ambiguous: false, examples: [{in: quib frell, out: second reading}]}
`);
    expect(restore("zorp quib frell", dict, SPUN).text).toBe("zorp second reading");
    // with the two kinds the other way round the earlier match would win: the rule is the kind, not the place
    expect(restore("zorp quib", dict, SPUN).text).toBe("first reading");
  });
});
