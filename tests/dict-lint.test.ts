import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintPacks } from "../src/authoring/lint.js";
import type { Finding } from "../src/authoring/lint.js";
import { readPack } from "../src/dictionary/loader.js";
import { builtinPacks } from "../src/dictionary/packs.js";
import { runIn, tempDir } from "./dict-helpers.js";
import { run } from "./helpers.js";

/** Lint one pack given as entry YAML (each entry with an example that exercises it). */
function lint(entries: string, classes = ""): Finding[] {
  return lintPacks([readPack("t.yaml", `pack: t\n${classes}entries:\n${entries}`)]);
}

const rules = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.rule} ${f.pos.line}`);

const SEEDED = `pack: seeded
entries:
  - spun: chilly struggle
    original: Cold War
    examples: [{in: the chilly struggle, out: the Cold War}]
  - id: chilly-fight
    spun: chilly struggle
    original: cold fight
    examples: [{in: the chilly struggle, out: the cold fight}]
  - spun: large
    original: big
    when: {before: [a]}
    examples: [{in: a large dog, out: a big dog}]
  - spun: big
    original: large
    when: {before: [the]}
    examples: [{in: the big dog, out: the large dog}]
  - spun: struggle
    original: war
    when: {before: [frosty]}
    examples: [{in: a frosty struggle, out: a frosty war}]
  - spun: frosty struggle
    original: cold war
    examples: [{in: the frosty struggle, out: the cold war}]
`;

describe("dict lint (issue check 3)", () => {
  it("flags a seeded conflict, a cycle and a shadowed entry, and exits 1", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "seeded.yaml"), SEEDED);
    const r = await runIn(dir, ["dict", "lint", "seeded.yaml"]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toContain(
      "seeded.yaml:6:5: error: conflict: 'chilly struggle' → 'cold fight', but 'chilly struggle' → 'Cold War' (seeded.yaml:3) restores the same words and no condition tells them apart [conflict]",
    );
    expect(
      lines.some((l) => /^seeded\.yaml:10:5: error: cycle: .*'large' → 'big'.*'big' → 'large'.* \[cycle\]$/.test(l)),
    ).toBe(true);
    expect(
      lines.some((l) =>
        /^seeded\.yaml:18:5: error: shadowed: .*'frosty struggle' → 'cold war' \(seeded\.yaml:22\).*can never fire \[shadowed\]$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(lines[lines.length - 1]).toBe("3 errors, 0 warnings in 1 file (6 entries)");
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^[^:]+:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$/);
  });

  it("passes on the shipped packs (exit 0)", async () => {
    const r = await run(["dict", "lint"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(new RegExp(`^0 errors, \\d+ warnings? in ${builtinPacks().length} files?`, "m"));
    expect(r.status).toBe(0);
  }, 60_000);

  it("reports a file that does not load as load errors", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "bad.yaml"), "pack: bad\nentries:\n  - spun: x\n    original: y\n");
    const r = await runIn(dir, ["dict", "lint", "bad.yaml"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^bad\.yaml:3:5: error: entry has no `examples`.* \[load\]$/m);
  });

  it("warnings only exit 0", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "w.yaml"),
      "pack: w\nentries:\n  - spun: a b\n    original: c d\n    examples: [{in: x y, out: x y}]\n",
    );
    const r = await runIn(dir, ["dict", "lint", "w.yaml"]);
    expect(r.stdout).toContain("[example-unexercised]");
    expect(r.status).toBe(0);
  });
});

describe("lint rules", () => {
  it("duplicates: an error in one file, a warning across files; redundant conditioned copies", () => {
    const a = readPack(
      "a.yaml",
      "pack: a\nentries:\n  - spun: x y\n    original: z\n    examples: [{in: x y, out: z}]\n  - {id: again, spun: X  Y, original: Z, examples: [{in: x y, out: z}]}\n  - {id: cond, spun: x y, original: z, when: {before: [q]}, examples: [{in: q x y, out: q z}]}\n",
    );
    const b = readPack(
      "b.yaml",
      "pack: b\nentries:\n  - spun: x y\n    original: z\n    examples: [{in: x y, out: z}]\n",
    );
    const fs = lintPacks([a, b]).filter((f) => f.rule !== "example-unexercised");
    expect(rules(fs)).toEqual(["error duplicate 6", "warning redundant 7", "warning duplicate 3"]);
    expect(fs[2].pos.file).toBe("b.yaml");
  });

  it("chains are warnings, cycles errors; detect-only entries and case-only fixes take no part", () => {
    const fs = lint(
      [
        "  - {spun: a b, original: c d, examples: [{in: a b, out: c d}]}",
        "  - {spun: c d, original: e f, when: {before: [q]}, examples: [{in: q c d, out: q e f}]}",
        "  - {spun: g h, original: i j, detect: true, examples: [{in: g h, out: g h}]}",
        "  - {spun: i j, original: g h, when: {before: [q]}, examples: [{in: q i j, out: q g h}]}",
        "  - {spun: the us, original: the US, case: exact, examples: [{in: the us, out: the US}]}",
        "",
      ].join("\n"),
    );
    expect(rules(fs)).toEqual(["warning chain 3"]);
    expect(fs[0].message).toContain("'c d' → 'e f' (t.yaml:4)");
  });

  it("a three-entry cycle is one error", () => {
    const fs = lint(
      [
        "  - {spun: a, original: b, when: {before: [q]}, examples: [{in: q a, out: q b}]}",
        "  - {spun: b, original: c, when: {before: [r]}, examples: [{in: r b, out: r c}]}",
        "  - {spun: c, original: a, when: {before: [s]}, examples: [{in: s c, out: s a}]}",
        "",
      ].join("\n"),
    );
    expect(rules(fs)).toEqual(["error cycle 3"]);
  });

  it("shadowed: proven only when no other entry can take the longer match first", () => {
    const base = [
      "  - {spun: struggle, original: war, when: {before: [chilly, frosty]}, examples: [{in: a chilly struggle x, out: a chilly war x}]}",
      "  - {spun: chilly struggle, original: cold war, examples: [{in: chilly struggle, out: cold war}]}",
      "  - {spun: frosty struggle, original: cold war, examples: [{in: frosty struggle, out: cold war}]}",
    ];
    expect(rules(lint(`${base.join("\n")}\n`)).filter((r) => r.includes("shadowed"))).toEqual(["error shadowed 3"]);
    // an entry that ends in "chilly" could win over "chilly struggle" (same length, earlier start)
    const rival = [...base, "  - {spun: very chilly, original: cold, examples: [{in: very chilly, out: cold}]}"];
    const fs = lint(`${rival.join("\n")}\n`).filter((f) => f.rule === "shadowed");
    expect(rules(fs)).toEqual(["warning shadowed 3"]);
    expect(fs[0].message).toContain("unless 'very chilly'");
    // only one of the two `before` words is covered: not shadowed
    expect(lint(`${[base[0], base[1]].join("\n")}\n`).filter((f) => f.rule === "shadowed")).toEqual([]);
    // an after-word context and a class both count
    const after = lint(
      [
        "  - {spun: go, original: went, when: {after: ['@out-words']}, examples: [{in: go away now, out: went away now}]}",
        "  - {spun: go away, original: leave, examples: [{in: go away, out: leave}]}",
        "  - {spun: go off, original: leave, examples: [{in: go off, out: leave}]}",
        "",
      ].join("\n"),
      "classes:\n  out-words: [away, 'off']\n",
    );
    expect(rules(after).filter((r) => r.includes("shadowed"))).toEqual(["error shadowed 5"]);
  });

  it("an unconditioned shorter entry is never shadowed", () => {
    const fs = lint(
      "  - {spun: struggle, original: war, examples: [{in: a struggle, out: a war}]}\n  - {spun: chilly struggle, original: cold war, examples: [{in: chilly struggle, out: cold war}]}\n",
    );
    expect(fs).toEqual([]);
  });

  it("conditions that can never hold", () => {
    const entry = (when: string, ex = "{in: x a y, out: x b y}") =>
      `  - {spun: a, original: b, when: ${when}, examples: [${ex}]}\n`;
    const never = (when: string) =>
      lint(entry(when))
        .filter((f) => f.rule === "never-holds")
        .map((f) => `${f.severity}: ${f.message}`);
    expect(never("{before: [x], not_before: [x]}")).toEqual([
      "error: condition can never hold: every `before` word is also excluded by `not_before`; the entry never fires",
    ]);
    expect(never("{before: [old x], not_before: [x]}")).toHaveLength(1);
    expect(never("{before: [x], not_before: ['<word>']}")).toHaveLength(1);
    expect(never("{before: [x, y], not_before: [x]}")).toEqual([]);
    expect(never("{after: [y], not_after: [y z]}")).toEqual([]);
    expect(never("{after: [y z], not_after: [y]}")).toHaveLength(1);
    expect(never("{sentence_start: true, before: [the]}")[0]).toContain(
      "`sentence_start: true` with `before` words that never end a sentence",
    );
    expect(never("{sentence_start: true, before: [',']}")).toHaveLength(1);
    expect(never("{sentence_start: true, before: ['.']}")).toEqual([]);
    expect(never("{sentence_start: true, before: ['<punct>']}")).toEqual([]);
    expect(never("{sentence_start: false, before: ['.', '!']}")).toHaveLength(1);
    expect(never("{document_has: [q], document_lacks: [q]}")).toHaveLength(1);
    expect(never("{near: [q], not_near: [q]}")).toHaveLength(1);
    expect(never("[{before: [x], not_before: [x]}, {after: [y]}]")).toEqual([
      "warning: condition can never hold: every `before` word is also excluded by `not_before`",
    ]);
  });
});

describe("lint example check", () => {
  it("an example taken by a longer entry is reported", () => {
    const fs = lint(
      [
        "  - {spun: struggle, original: war, examples: [{in: a chilly struggle, out: a cold war}]}",
        "  - {spun: chilly struggle, original: cold war, examples: [{in: chilly struggle, out: cold war}]}",
        "",
      ].join("\n"),
    );
    expect(rules(fs)).toEqual(["warning example-unexercised 3"]);
    expect(fs[0].message).toBe(
      "example does not exercise 'struggle' (chilly-struggle matches 'chilly struggle' instead)",
    );
  });
});
