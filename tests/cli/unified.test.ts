/** --format unified: patch applies it to give exactly the restored text, for any layout of edits. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../../src/dictionary/build.js";
import { restore } from "../../src/engine/restore.js";
import { formatUnified } from "../../src/format/unified.js";
import { readPack } from "../../src/dictionary/loader.js";

const dict = buildDictionary([
  readPack(
    "u.yaml",
    `
pack: u
entries:
  - spun: chilly struggle
    original: Cold War
    examples: [{in: chilly struggle, out: Cold War}]
  - spun: press convention
    original: press conference
    examples: [{in: press convention, out: press conference}]
`,
  ),
]);

function patched(input: string): { expected: string; got: string; patch: string } {
  const r = restore(input, dict);
  const patch = formatUnified([{ name: "f.txt", input, ...r }]);
  const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-unified-"));
  try {
    writeFileSync(path.join(dir, "f.txt"), input);
    if (patch) execFileSync("patch", ["-s", "-p1", "-d", dir], { input: patch });
    return { expected: r.text, got: readFileSync(path.join(dir, "f.txt"), "utf8"), patch };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("unified diff", () => {
  // 150 runs of `patch`, a process each: seconds on a quiet machine, far more on a loaded one
  it("applies with patch to give the restored text (CRLF, no final newline, multi-line spans)", () => {
    const piece = fc.constantFrom(
      "chilly struggle",
      "chilly\nstruggle",
      "press convention",
      "plain words",
      "\n",
      "\r\n",
      "\n\n",
      " ",
      "x",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((a) => a.join("")),
        (input) => {
          const { expected, got } = patched(input);
          expect(got).toBe(expected);
        },
      ),
      { numRuns: 150 },
    );
  }, 180_000);

  it("writes hunks with three lines of context and the usual headers", () => {
    const input = `${["a", "b", "c", "d", "the chilly struggle", "e", "f", "g", "h"].join("\n")}\n`;
    expect(patched(input).patch).toBe(
      [
        "--- a/f.txt",
        "+++ b/f.txt",
        "@@ -2,7 +2,7 @@",
        " b",
        " c",
        " d",
        "-the chilly struggle",
        "+the Cold War",
        " e",
        " f",
        " g",
        "",
      ].join("\n"),
    );
  });

  // Linear in the input: the hunks are built from the edits (the old jsdiff over whole texts was
  // quadratic, and on 5 MB it would not finish within the test's limit). No clock is read: how
  // fast it runs depends on the machine's load, what it writes does not.
  it("writes one hunk per separated edit on 5 MB with 40,000 edits", () => {
    const input = "The press convention ended.\n1\n2\n3\n4\n5\n6\n7\n".repeat(40_000);
    const r = restore(input, dict);
    const patch = formatUnified([{ name: "big.txt", input, ...r }]);
    const hunks = patch.split("\n@@ ").length - 1;
    expect(hunks).toBe(40_000);
    expect(patch.match(/^\+The press conference ended\.$/gm)).toHaveLength(40_000);
    expect(patch.match(/^-The press convention ended\.$/gm)).toHaveLength(40_000);
  }, 120_000);
});
