import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runIn, tempDir } from "./dict-helpers.js";

const PACK = `pack: x
entries:
  - spun: [chilly struggle, frosty struggle]
    original: Cold War
    examples: [{in: the chilly struggle, out: the Cold War}]
  - spun: bogus
    original: false positive
    detect: true
    note: a tortured phrase
    examples: [{in: a bogus result, out: a bogus result}]
`;

describe("dict list", () => {
  it("lists id, spun → original and file:line; --grep filters", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "x.yaml"), PACK);
    const all = await runIn(dir, ["dict", "list", "x.yaml"]);
    expect(all.status).toBe(0);
    expect(all.stdout).toBe(
      "chilly-struggle\tchilly struggle | frosty struggle → Cold War\tx.yaml:3\nbogus\tbogus → false positive (detect)\tx.yaml:6\n",
    );
    expect(all.stderr).toBe("2 of 2 entries\n");
    const some = await runIn(dir, ["dict", "list", "x.yaml", "--grep", "TORTURED"]);
    expect(some.stdout).toBe("bogus\tbogus → false positive (detect)\tx.yaml:6\n");
    const viaDict = await runIn(dir, ["--no-default-packs", "--dict", "x.yaml", "dict", "list", "--grep", "frosty"]);
    expect(viaDict.stdout).toContain("chilly-struggle\t");
  });
});

describe("dict test", () => {
  it("prints failures with entry, file:line, expected and got, a summary, and exits 1", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "x.yaml"),
      PACK.replace("out: the Cold War", "out: the Cold Wars").replace("a bogus result, out", "fine words, out"),
    );
    const r = await runIn(dir, ["dict", "test", "x.yaml"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      [
        "✗ chilly-struggle (x.yaml:3) example at x.yaml:5: restored text differs",
        "    input:    the chilly struggle",
        "    expected: the Cold Wars",
        "    got:      the Cold War",
        "✗ bogus (x.yaml:6) example at x.yaml:10: restored text differs",
        "    input:    fine words",
        "    expected: a bogus result",
        "    got:      fine words",
        "✗ x (x.yaml): 0 passed, 2 failed",
        "0 passed, 2 failed",
        "",
      ].join("\n"),
    );
    writeFileSync(path.join(dir, "ok.yaml"), PACK);
    const ok = await runIn(dir, ["dict", "test", "ok.yaml"]);
    expect(ok.stdout.trimEnd().split("\n").pop()).toBe("2 passed, 0 failed");
    expect(ok.status).toBe(0);
  });
});
