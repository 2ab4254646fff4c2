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
      "✗ preceded_by: [the]",
      "✗ not_followed_by: [ended]",
    ]);
    const held = x.matches[0].variants[0].maps[0].checks;
    expect(held[0]).toEqual({ condition: "preceded_by: [the]", held: true, why: ['preceded by "the"'] });
    expect(x.matches[1].edit?.entry.id).toBe("chilly-struggle");
    expect(x.matches[1].variants[0].maps.map((m) => m.held)).toEqual([true, false]);
  });

  it("formats for people", () => {
    const text = formatExplanation(explain("the chilly struggle", dict));
    expect(text).toBe(
      [
        // the document's verdict first: one marked hit in three words is not a spun document
        "document: spinner score 0.20, not judged spun; 1.0 weighted hits in 3 words (chilly-struggle ×1)",
        "1:5 'chilly struggle'",
        "  ✓ chilly-struggle: 'chilly struggle' → 'Cold War' x.yaml:3",
        "      when (line 5): holds",
        '        ✓ preceded_by: [the]  (preceded by "the")',
        "        ✓ not_followed_by: [ended]  (not followed by an excluded word)",
        // the phrase is rare in edited English, so it acts whatever the document's score
        "      evidence: marked: 'chilly struggle' is not ordinary English (0.0 per million words), so it acts anywhere",
        "  → restored: 'chilly struggle' → 'Cold War'",
        "1:12 'struggle'",
        "  ✗ struggle: 'struggle' → 'war' x.yaml:7",
        "      when #1 (line 9): fails",
        "        ✗ followed_by: [began]",
        "      when #2 (line 9): fails",
        "        ✗ sentence_start: true",
        "  → unchanged: no entry's conditions hold here",
        "restored: the Cold War",
        "",
      ].join("\n"),
    );
    expect(formatExplanation(explain("nothing here", dict))).toBe(
      "document: spinner score 0.00, not judged spun; 0.0 weighted hits in 2 words\n" +
        "no entry matches anywhere in the text\nrestored: nothing here\n",
    );
  });

  it("shows the document's score, the entry's evidence and the context figures for an ambiguous entry", () => {
    const pack = buildDictionary([
      readPack(
        "y.yaml",
        `pack: y
entries:
  - spun: mentioned
    original: said
    examples: [{in: he mentioned it, out: he said it}]
`,
      ),
    ]);
    const clean = formatExplanation(explain("The minister mentioned he would resign.", pack));
    expect(clean).toMatch(/^document: spinner score 0\.\d\d, not judged spun;/);
    expect(clean).toContain("evidence: ambiguous: 'mentioned' is ordinary English");
    expect(clean).toMatch(/reliability \d\.\d\d: seen \d+ times as the spinner's/);
    expect(clean).toMatch(/context: the original fits \d+× better than the spun form/);
    expect(clean).toContain("→ unchanged: the document is not judged spun");
    const spun = formatExplanation(explain("The minister mentioned he would resign.", pack, "spun"));
    expect(spun).toContain("taken as spun (--document spun)");
    expect(spun).toContain("→ restored: 'mentioned' → 'said'");
    // a genuine use: the context prefers the spun wording, and the entry is vetoed even in a spun document
    const genuine = formatExplanation(explain("As mentioned earlier, the bridge will close.", pack, "spun"));
    expect(genuine).toContain("vetoed: the context fits the spun wording better");
  });

  it("says a match was restored as part of a joined reading, and shows a long list by its start", () => {
    const joined = buildDictionary([
      readPack(
        "j.yaml",
        `pack: j
classes:
  many: [${Array.from({ length: 30 }, (_, i) => `cue${i}`).join(", ")}]
entries:
  - {spun: bosom malignant, original: breast cancer, examples: [{in: bosom malignant, out: breast cancer}]}
  - spun: malignant growth
    original: cancer
    when: {document_has_any: ["@many"]}
    examples: [{in: malignant growth cue3, out: cancer cue3}]
`,
      ),
    ]);
    const x = explain("Bosom malignant growth, cue7.", joined, "spun");
    expect(x.restored).toBe("Breast cancer, cue7.");
    expect(x.matches.map((m) => [m.text, m.outcome])).toEqual([
      ["Bosom malignant", "part"],
      ["malignant growth", "part"],
    ]);
    const out = formatExplanation(x);
    expect(out).toContain("→ restored as part of 'Bosom malignant growth' → 'Breast cancer' (bosom-malignant)");
    expect(out).toContain(
      "document_has_any: [cue0, cue1, cue2, cue3, cue4, cue5, cue6, cue7, cue8, cue9, cue10, cue11, … 18 more]",
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
