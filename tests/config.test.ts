import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
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

  describe("the search stops at the repository root or the home folder, whichever comes first", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    /** outer/.unspinrc.yaml above outer/repo (a repository root) and outer/home (HOME). */
    function layout(git: "folder" | "file") {
      const outer = tempDir();
      const repo = path.join(outer, "repo");
      const home = path.join(outer, "home");
      const deep = path.join(repo, "src", "deep");
      mkdirSync(deep, { recursive: true });
      mkdirSync(home, { recursive: true });
      if (git === "folder") mkdirSync(path.join(repo, ".git"));
      else writeFileSync(path.join(repo, ".git"), "gitdir: /elsewhere/.git/worktrees/repo\n"); // a worktree
      writeFileSync(path.join(outer, ".unspinrc.yaml"), "dictionaries: [stray.yaml]\n");
      vi.stubEnv("HOME", home); // explicit: the default stop is $HOME
      return { outer, repo, home, deep };
    }

    for (const git of ["folder", "file"] as const) {
      it(`a config above the repository root is not found; one inside is (.git a ${git})`, () => {
        const { repo, deep } = layout(git);
        expect(findConfig(deep)).toBeUndefined();
        expect(findConfig(repo)).toBeUndefined();
        expect(packList({ dict: [], defaultPacks: true }, deep)).toEqual(["news"]);
        writeFileSync(path.join(repo, ".unspinrc.yaml"), "packs: [science]\n");
        expect(findConfig(deep)).toBe(path.join(repo, ".unspinrc.yaml"));
        writeFileSync(path.join(repo, "src", ".unspinrc.yml"), "packs: [news]\n");
        expect(findConfig(deep)).toBe(path.join(repo, "src", ".unspinrc.yml"));
      });
    }

    it("a config above the home folder is not found; one in it is", () => {
      const { outer, home } = layout("folder");
      const work = path.join(home, "notes", "drafts"); // no repository here
      mkdirSync(work, { recursive: true });
      expect(process.env.HOME).toBe(home);
      expect(findConfig(work)).toBeUndefined();
      writeFileSync(path.join(home, ".unspinrc.yaml"), "packs: [science]\n");
      expect(findConfig(work)).toBe(path.join(home, ".unspinrc.yaml"));
      // outside home and outside any repository the search goes on up
      expect(findConfig(work, path.join(outer, "elsewhere"))).toBe(path.join(home, ".unspinrc.yaml"));
      expect(findConfig(path.join(outer, "repo"), path.join(outer, "elsewhere"))).toBeUndefined();
    });

    it("the CLI does not pick up a config above the repository root", async () => {
      const { outer, repo } = layout("folder");
      writeFileSync(path.join(outer, "stray.yaml"), PACK);
      writeFileSync(path.join(repo, "a.txt"), "It is a frobnicated widget.\n");
      const r = await runIn(repo, ["--format", "text", path.join(repo, "a.txt")]);
      expect(r).toMatchObject({ status: 0, stdout: "It is a frobnicated widget.\n", stderr: "" });
      // the same config inside the repository is used
      writeFileSync(path.join(repo, "stray.yaml"), PACK);
      writeFileSync(path.join(repo, ".unspinrc.yaml"), "dictionaries: [stray.yaml]\n");
      expect((await runIn(repo, ["--format", "text", path.join(repo, "a.txt")])).stdout).toBe(
        "It is a famous gadget.\n",
      );
    });
  });
});
