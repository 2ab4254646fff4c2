import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importThesaurus } from "../src/authoring/import.js";
import { lintFiles } from "../src/authoring/lint.js";
import { parseThesaurus } from "../src/authoring/thesaurus.js";
import { buildDictionary } from "../src/dictionary/build.js";
import { testPack } from "../src/authoring/dicttest.js";
import { readPack } from "../src/dictionary/loader.js";
import { cli, ROOT } from "./helpers.js";
import { runIn, tempDir } from "./dict-helpers.js";

// Made-up lines in the spinner format, with the junk the real databases have.
const SMALL = `${[
  "in the past|previously|in days gone by|formerly",
  "formerly|previously|in days gone by",
  "a great deal of|a large amount of|lots of",
  "lots of|a great deal of",
  "the good news|the excellent news|the good news",
  "for instance|for example| |",
  "for example|for instance",
  "at once|right away |immediately",
  "91|ninety one",
  "alone",
  "",
  "big  house|large   home|large home",
].join("\n")}\n`;

describe("thesaurus parsing", () => {
  it("skips and counts junk: empty fields, stray spaces, keys among their alternates, numeric keys", () => {
    const t = parseThesaurus(SMALL);
    expect(t.skipped).toEqual({
      emptyLines: 1,
      noAlternates: 1,
      numericKeys: 1,
      emptyAlternates: 2,
      alternateIsKey: 1,
      repeatedPairs: 1,
    });
    expect(t.pairs.find((p) => p.original === "big house")).toEqual({
      spun: "large home",
      original: "big house",
      line: 12,
    });
    expect(t.pairs.some((p) => p.spun === "right away")).toBe(true);
  });
});

describe("dict import", () => {
  it("makes restoring entries and detect-only ones for review", () => {
    const r = importThesaurus(SMALL, "small.dat", "/tmp/small.yaml");
    const pack = readPack("small.yaml", r.yaml);
    const by = new Map(pack.entries.map((e) => [e.spun[0], e]));
    // multiword, one original, not an original itself: restoring
    expect(by.get("a large amount of")).toMatchObject({ original: "a great deal of", detect: false });
    expect(by.get("the excellent news")).toMatchObject({ original: "the good news", detect: false });
    expect(by.get("large home")).toMatchObject({ original: "big house", detect: false });
    // several originals: detect-only, ambiguous
    expect(by.get("in days gone by")).toMatchObject({ detect: true, original: "in the past / formerly" });
    expect(by.get("in days gone by")?.note).toMatch(/^review: spun form of 'in the past', 'formerly'/);
    // also an original in the thesaurus: ordinary English
    expect(by.get("lots of")?.note).toBe("review: also an original in the thesaurus, so ordinary English");
    expect(by.get("for instance")?.detect).toBe(true);
    // a single word
    expect(by.get("immediately")?.note).toBe("review: a single word, likely ordinary English");
    expect(r.counts).toEqual({ restoring: 4, ambiguous: 2, alsoOriginal: 5, singleWord: 1, doubted: 0 });
    // restoring entries come first; every generated example passes
    const kinds = pack.entries.map((e) => e.detect);
    expect(kinds).toEqual([...kinds].sort((a, b) => Number(a) - Number(b)));
    expect(testPack(pack).failures).toEqual([]);
    expect(r.yaml.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=/);
    expect(lintFiles([{ path: writeTemp(r.yaml), shown: "small.yaml" }]).findings).toEqual([]);
  });

  it("doubts a line that lists the plain wording among its alternates, and imports it detect-only", () => {
    // a real line's shape: "before" and "ahead of" are far more common than "sooner than", so the
    // line points the wrong way for them; "give a hand" is rarer than "help", as a spinner writes
    const r = importThesaurus("sooner than|before|ahead of\nhelp|give a hand\n", "two.dat", "/tmp/two.yaml");
    const by = new Map(readPack("two.yaml", r.yaml).entries.map((e) => [e.spun[0], e]));
    expect(by.get("ahead of")).toMatchObject({ original: "sooner than", detect: true });
    expect(by.get("ahead of")?.note).toMatch(/^review: direction doubted: 'ahead of' is \d+× as common in edited/);
    expect(by.get("before")?.note).toMatch(/single word.*; direction doubted: 'before' is over 1,000×/);
    expect(by.get("give a hand")).toMatchObject({ original: "help", detect: false });
    expect(by.get("give a hand")?.note).toBeUndefined();
    expect(r.counts).toMatchObject({ restoring: 1, doubted: 1, singleWord: 1 });
  });

  it("prints counts and writes --out", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "s.dat"), SMALL);
    const r = await runIn(dir, ["dict", "import", "s.dat", "--out", "s.yaml"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("4 restoring entries");
    expect(r.stdout).toContain("8 detect-only entries marked for review: 2 ambiguous");
    expect(r.stdout).toContain("skipped lines: 1 without alternates, 1 with a numeric key, 1 empty");
    expect(r.stdout).toContain("wrote s.yaml");
    expect(buildDictionary([readPack("s.yaml", readFileSync(path.join(dir, "s.yaml"), "utf8"))]).entries).toHaveLength(
      12,
    );
    const toStdout = await runIn(dir, ["dict", "import", "s.dat"]);
    expect(toStdout.stdout.startsWith("# yaml-language-server")).toBe(true);
    expect(toStdout.stderr).toContain("4 restoring entries");
  });
});

const TREASURES = path.join(ROOT, "..", "shared", "data", "thesaurus", "universal-framework", "treasures_en.dat");

describe.skipIf(!existsSync(TREASURES))("dict import of the WP Auto Spinner thesaurus (issue check 4)", () => {
  it("prints its counts; the output loads and passes dict lint with no errors", () => {
    const out = path.join(tempDir(), "t.yaml");
    const r = cli(["dict", "import", TREASURES, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+ restoring entries/m);
    expect(r.stdout).toMatch(/^\d+ detect-only entries marked for review/m);
    const lint = cli(["dict", "lint", out]);
    expect(lint.stdout).toMatch(/^0 errors, \d+ warnings? in 1 file \(\d+ entries\)$/m);
    expect(lint.status).toBe(0);
  }, 120_000);
});

function writeTemp(text: string): string {
  const file = path.join(tempDir(), "small.yaml");
  writeFileSync(file, text);
  return file;
}
