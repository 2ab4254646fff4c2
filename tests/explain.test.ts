import { describe, expect, it } from "vitest";
import { explain } from "../src/engine/explain.js";
import { buildDictionary } from "../src/dictionary/build.js";
import { readPack } from "../src/dictionary/loader.js";
import { formatExplanation } from "../src/cli/commands/explain.js";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { runIn, tempDir } from "./dict-helpers.js";

const PACK = `pack: x
entries:
  - spun: chilly struggle
    original: Cold War
    when: {before: [the], not_after: [ended]}
    examples: [{in: the chilly struggle, out: the Cold War}]
  - spun: struggle
    original: war
    when: [{after: [began]}, {sentence_start: true}]
    examples: [{in: the struggle began, out: the war began}]
  - spun: bogus
    original: false positive
    detect: true
    examples: [{in: a bogus result, out: a bogus result}]
`;
const dict = buildDictionary([readPack("x.yaml", PACK)]);

describe("explain", () => {
  it("lists each match with every condition held or failed, and the outcome", () => {
    const x = explain("The chilly struggle began. A chilly struggle ended, bogus.", dict);
    expect(x.restored).toBe("The Cold War began. A chilly struggle ended, bogus.");
    expect(x.matches.map((m) => `${m.line}:${m.col} ${m.text} ${m.outcome}`)).toEqual([
      "1:5 chilly struggle applied",
      "1:12 struggle lost",
      "1:30 chilly struggle nothing-held",
      "1:37 struggle nothing-held",
      "1:53 bogus finding",
    ]);
    const failed = x.matches[2].variants[0].maps[0].checks;
    expect(failed.map((c) => `${c.held ? "✓" : "✗"} ${c.condition}`)).toEqual([
      "✗ before: [the]",
      "✗ not_after: [ended]",
    ]);
    const held = x.matches[0].variants[0].maps[0].checks;
    expect(held[0]).toEqual({ condition: "before: [the]", held: true, why: ['after "the"'] });
    expect(x.matches[1].edit?.entry.id).toBe("chilly-struggle");
    expect(x.matches[1].variants[0].maps.map((m) => m.held)).toEqual([true, false]);
  });

  it("formats for people", () => {
    const text = formatExplanation(explain("the chilly struggle", dict));
    expect(text).toBe(
      [
        "1:5 'chilly struggle'",
        "  ✓ chilly-struggle: 'chilly struggle' → 'Cold War' x.yaml:3",
        "      when (line 5): holds",
        '        ✓ before: [the]  (after "the")',
        "        ✓ not_after: [ended]  (not before an excluded word)",
        "  → restored: 'chilly struggle' → 'Cold War'",
        "1:12 'struggle'",
        "  ✗ struggle: 'struggle' → 'war' x.yaml:7",
        "      when #1 (line 9): fails",
        "        ✗ after: [began]",
        "      when #2 (line 9): fails",
        "        ✗ sentence_start: true",
        "  → unchanged: no entry's conditions hold here",
        "restored: the Cold War",
        "",
      ].join("\n"),
    );
    expect(formatExplanation(explain("nothing here", dict))).toBe(
      "no entry matches anywhere in the text\nrestored: nothing here\n",
    );
  });

  it("is a top-level command using the run's packs", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "x.yaml"), PACK);
    const r = await runIn(dir, ["--no-default-packs", "--dict", "x.yaml", "explain", "a bogus claim"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("→ reported (detect-only): false positive");
    const after = await runIn(dir, ["explain", "--no-default-packs", "-d", "x.yaml", "the", "chilly", "struggle"]);
    expect(after.stdout).toContain("restored: the Cold War");
  });
});
