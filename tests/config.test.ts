import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findConfig, packList, readConfig } from "../src/cli/config.js";
import { runIn, tempDir } from "./dict-helpers.js";

const PACK =
  "pack: mine\nentries:\n  - {spun: frobnicated widget, original: famous gadget, examples: [{in: a frobnicated widget, out: a famous gadget}]}\n";

describe(".unspinrc.yaml", () => {
  it("is found upward from the working directory; dictionaries resolve relative to it", () => {
    const dir = tempDir();
    const deep = path.join(dir, "a", "b");
    mkdirSync(deep, { recursive: true });
    writeFileSync(
      path.join(dir, ".unspinrc.yaml"),
      "# mine\npacks: [news, science]\ndictionaries: [./terms/my.yaml]\n",
    );
    expect(findConfig(deep)).toBe(path.join(dir, ".unspinrc.yaml"));
    const c = readConfig(path.join(dir, ".unspinrc.yaml"));
    expect(c.packs).toEqual(["news", "science"]);
    expect(c.dictionaries).toEqual([path.join(dir, "terms", "my.yaml")]);
    expect(packList({ dict: ["extra.yaml"], defaultPacks: true }, deep)).toEqual([
      "news",
      "science",
      path.join(dir, "terms", "my.yaml"),
      "extra.yaml",
    ]);
    expect(packList({ dict: [], defaultPacks: false }, deep)).toEqual([path.join(dir, "terms", "my.yaml")]);
    expect(packList({ dict: ["x.yaml"], defaultPacks: true, config: false }, deep)).toEqual(["news", "x.yaml"]);
  });

  it("without a config the default pack is used", () => {
    expect(findConfig(path.parse(tempDir()).root) ?? "none").toBe("none");
    expect(packList({ dict: [], defaultPacks: true, config: false }, tempDir())).toEqual(["news"]);
    expect(() => packList({ dict: [], defaultPacks: false, config: false }, tempDir())).toThrow(/no dictionary/);
  });

  it("reports a bad config with file:line", () => {
    const dir = tempDir();
    const file = path.join(dir, ".unspinrc.yaml");
    writeFileSync(file, "packs: [news]\ndictionary: [x.yaml]\n");
    expect(() => readConfig(file)).toThrow(`${file}:2:1: unknown key \`dictionary\` (allowed: packs, dictionaries)`);
    writeFileSync(file, "packs: news\n");
    expect(() => readConfig(file)).toThrow(/:1:8: `packs` must be a list of strings/);
    writeFileSync(file, "");
    expect(readConfig(file)).toEqual({ file, dictionaries: [] });
  });

  it("the CLI uses it, and --no-config ignores it", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "my.yaml"), PACK);
    writeFileSync(path.join(dir, ".unspinrc.yaml"), "dictionaries: [my.yaml]\n");
    writeFileSync(path.join(dir, "a.txt"), "It is a frobnicated widget.\n");
    const used = await runIn(dir, ["--format", "text", path.join(dir, "a.txt")]);
    expect(used.stdout).toBe("It is a famous gadget.\n");
    const ignored = await runIn(dir, ["--no-config", "--format", "text", path.join(dir, "a.txt")]);
    expect(ignored.stdout).toBe("It is a frobnicated widget.\n");
    // dict add writes to the first configured dictionary when there is no --to
    const add = await runIn(dir, ["dict", "add", "chilly struggle", "Cold War"]);
    expect(add.status).toBe(0);
    expect(add.stdout).toContain("at my.yaml:4");
  });
});
