/**
 * Dictionaries users own (issue 14): `dict add` into a missing, empty, comment-only or
 * `entries: []` file; never into a pack shipped with unspin; `dict import` never overwrites.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runIn, tempDir } from "./dict-helpers.js";

const ADD = ["dict", "add", "frosty fight", "Cold War", "--example", "The frosty fight ended."];

describe("dict add into a file of the user's own", () => {
  for (const [name, text] of [
    ["an empty file", ""],
    ["a file of comments only", "# my terms\n# more to come\n"],
    ["a pack with entries: []", "pack: mine\nentries: []\n"],
  ] as const) {
    it(`adds to ${name}, keeping what was there, and the entry then restores`, async () => {
      const dir = tempDir();
      const file = path.join(dir, "mine.yaml");
      writeFileSync(file, text);
      const r = await runIn(dir, [...ADD, "--to", "mine.yaml"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const after = readFileSync(file, "utf8");
      expect(after.startsWith(text.replace("entries: []\n", ""))).toBe(true);
      expect(after).toContain("spun: frosty fight");
      writeFileSync(path.join(dir, "in.txt"), "The frosty fight ended.\n");
      const restored = await runIn(dir, ["--dict", file, "-f", "text", path.join(dir, "in.txt")]);
      expect(restored.stdout).toBe("The Cold War ended.\n");
    });
  }

  it("refuses to edit a built-in pack, with a hint, and leaves it alone", async () => {
    const dir = tempDir();
    const before = readFileSync(new URL("../dictionaries/news.yaml", import.meta.url), "utf8");
    const r = await runIn(dir, [...ADD, "--to", "news"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^unspin: --to news: that is a pack shipped with unspin.*--to my\.yaml/);
    expect(readFileSync(new URL("../dictionaries/news.yaml", import.meta.url), "utf8")).toBe(before);
  });
});

describe("dict import", () => {
  it("never overwrites an existing --out file without --force", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "t.dat"), "shop|store|outlet\n");
    writeFileSync(path.join(dir, "keep.yaml"), "# keep me\n");
    const r = await runIn(dir, ["dict", "import", path.join(dir, "t.dat"), "--out", "keep.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^unspin: keep\.yaml exists: dict import never overwrites a file \(--force/);
    expect(readFileSync(path.join(dir, "keep.yaml"), "utf8")).toBe("# keep me\n");
    const forced = await runIn(dir, ["dict", "import", path.join(dir, "t.dat"), "--out", "keep.yaml", "--force"]);
    expect(forced.status).toBe(0);
    expect(readFileSync(path.join(dir, "keep.yaml"), "utf8")).toContain("entries:");
  });
});
