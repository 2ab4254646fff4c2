/** bin/unspin.js: the compiled CLI through V8's code cache, which may only ever cost speed. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheDir } from "../../src/dictionary/cache-dir.js";
import { unspin, useScratch } from "../cli-support.js";

describe("the launcher's code cache", () => {
  const box = useScratch("unspin-launcher-");
  const run = (cache: string | undefined, extra: NodeJS.ProcessEnv = {}) =>
    unspin(["--format", "text", "-"], {
      cwd: box.dir,
      input: "The chilly struggle ended.\n",
      env: { UNSPIN_NO_CACHE: undefined, UNSPIN_CACHE_DIR: cache, ...extra },
    });
  const codeFiles = (dir: string) =>
    existsSync(dir) ? readdirSync(dir).filter((f) => /^code-[0-9a-f]+\.v8$/.test(f)) : [];

  it("is written by the first run, read by the next, and changes no output", () => {
    const cache = path.join(box.dir, "cache-a");
    const first = run(cache);
    expect(first).toMatchObject({ status: 0, stdout: "The Cold War ended.\n", stderr: "" });
    const files = codeFiles(cache);
    expect(files).toHaveLength(1);
    const file = path.join(cache, files[0]);
    const header = readFileSync(file, "latin1").split("\n")[0];
    expect(header).toMatch(new RegExp(`^unspin-code-cache 1 ${process.version} \\d+ [\\d.]+ \\d+$`));
    const written = readFileSync(file);
    expect(run(cache)).toEqual(first);
    expect(readFileSync(file).equals(written)).toBe(true); // accepted: not written again
  });

  it("survives a damaged cache file: same output, and the file is written anew", () => {
    const cache = path.join(box.dir, "cache-b");
    const good = run(cache);
    const file = path.join(cache, codeFiles(cache)[0]);
    const bytes = readFileSync(file);
    const header = bytes.indexOf(0x0a) + 1;
    const damaged = Buffer.concat([bytes.subarray(0, header), Buffer.alloc(bytes.length - header, 0x5a)]);
    writeFileSync(file, damaged);
    expect(run(cache)).toEqual(good);
    expect(readFileSync(file).equals(damaged)).toBe(false);
    writeFileSync(file, "unspin-code-cache 1 v0.0.0 1 1 1\ngarbage"); // another bundle's header
    expect(run(cache)).toEqual(good);
    expect(readFileSync(file, "latin1").startsWith("unspin-code-cache 1 v0")).toBe(false);
  });

  it("lives where the pack cache lives (src/dictionary/cache-dir.ts cacheDir)", () => {
    const xdg = path.join(box.dir, "xdg");
    const env = { XDG_CACHE_HOME: xdg, UNSPIN_CACHE_DIR: undefined };
    expect(run(undefined, env).status).toBe(0);
    expect(codeFiles(cacheDir({ ...process.env, ...env, UNSPIN_NO_CACHE: undefined }) ?? "")).toHaveLength(1);
  });

  it("writes nothing with UNSPIN_NO_CACHE=1, and runs where the cache folder cannot be made", () => {
    const off = path.join(box.dir, "cache-c");
    expect(run(off, { UNSPIN_NO_CACHE: "1" })).toMatchObject({
      status: 0,
      stdout: "The Cold War ended.\n",
      stderr: "",
    });
    expect(existsSync(off)).toBe(false);
    const blocked = box.file("not-a-folder", "a file where the cache folder would be");
    expect(run(path.join(blocked, "cache"))).toMatchObject({ status: 0, stdout: "The Cold War ended.\n", stderr: "" });
  });
});

describe("the test run's own cache (tests/setup.ts)", () => {
  it("is a temporary folder of this run, for this process and the processes it starts; never ~/.cache/unspin", () => {
    const run = process.env.UNSPIN_TEST_RUN_DIR ?? "";
    expect(run, "tests/setup.ts did not run (vitest.config.ts globalSetup)").not.toBe("");
    const inRun = (p: string | undefined) => !!p && !path.relative(run, p).startsWith("..");
    expect(inRun(cacheDir(process.env))).toBe(true);
    expect(inRun(cacheDir({ ...process.env, UNSPIN_CACHE_DIR: undefined }))).toBe(true); // the XDG rule too
    expect(cacheDir(process.env)).not.toBe(path.join(os.homedir(), ".cache", "unspin"));
  });
});
