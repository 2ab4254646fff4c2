/** --format unified: patch applies it to give exactly the restored text, for any layout of edits. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { restore } from "../src/engine/restore.js";
import { formatUnified } from "../src/format/unified.js";
import { readPack } from "../src/dictionary/loader.js";

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
  writeFileSync(path.join(dir, "f.txt"), input);
  if (patch) execFileSync("patch", ["-s", "-p1", "-d", dir], { input: patch });
  return { expected: r.text, got: readFileSync(path.join(dir, "f.txt"), "utf8"), patch };
}

describe("unified diff", () => {
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
  });

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

  it("takes linear time: 5 MB with thousands of edits in well under a second or two", () => {
    const input = "The press convention ended.\n1\n2\n3\n4\n5\n6\n7\n".repeat(40_000);
    const r = restore(input, dict);
    const t = performance.now();
    const patch = formatUnified([{ name: "big.txt", input, ...r }]);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(patch.split("\n@@ ").length - 1).toBe(40_000);
  });
});
