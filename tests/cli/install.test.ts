/**
 * The package as users get it: `npm pack`, installed from the tarball into an empty project.
 * The installed `unspin` runs and restores, `import("unspin")` gives the library API with its
 * types, and the tarball holds the LICENSE and the run-time data. Needs the build (npm test
 * builds first); packs with --ignore-scripts so that no build runs while other tests use dist/.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, fixture } from "../helpers.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("npm pack, installed in an empty project", () => {
  it("gives a working unspin command and an importable, typed module", { timeout: 240_000 }, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-install-"));
    const quiet = { encoding: "utf8" as const, stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"] };
    execFileSync(npm, ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: ROOT, ...quiet });
    const tgz = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    expect(tgz).toBeDefined();
    const proj = path.join(dir, "proj");
    execFileSync("mkdir", ["-p", proj]);
    writeFileSync(
      path.join(proj, "package.json"),
      '{ "name": "p", "version": "1.0.0", "private": true, "type": "module" }\n',
    );
    execFileSync(
      npm,
      ["install", path.join(dir, tgz as string), "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"],
      { cwd: proj, ...quiet },
    );
    const pkg = path.join(proj, "node_modules", "unspin");
    for (const f of [
      "LICENSE",
      "dist/cli.cjs",
      "dist/parsers.cjs",
      "dist/index.js",
      "dist/types/index.d.ts",
      "data/context/model.bin",
      "data/english/function-words.txt",
      "data/spinner/mappings.tsv",
      "dictionaries/news.yaml",
    ])
      expect(existsSync(path.join(pkg, f)), f).toBe(true);
    expect(readFileSync(path.join(pkg, "LICENSE"), "utf8")).toContain("MIT License");

    const env = { ...process.env, NO_COLOR: "1" };
    const version = spawnSync(npm, ["exec", "--offline", "--", "unspin", "--version"], {
      cwd: proj,
      env,
      encoding: "utf8",
    });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
    const bin = path.join(proj, "node_modules", ".bin", "unspin");
    const seed = spawnSync(bin, ["-f", "text"], {
      cwd: proj,
      env,
      encoding: "utf8",
      input: readFileSync(fixture("seed", "biden-putin-geneva.spun.txt")),
    });
    expect(seed.status).toBe(0);
    const direct = spawnSync(
      process.execPath,
      [path.join(ROOT, "bin", "unspin.js"), "-f", "text", fixture("seed", "biden-putin-geneva.spun.txt")],
      { env, encoding: "utf8" },
    );
    expect(seed.stdout).toBe(direct.stdout);
    // an HTML page: the parsers' bundle is in the package too
    const html = spawnSync(bin, ["-f", "text", "--markup", "html"], {
      cwd: proj,
      env,
      encoding: "utf8",
      input: '<a title="chilly struggle">chilly struggle</a>',
    });
    expect(html.stdout).toBe('<a title="chilly struggle">Cold War</a>');

    const imported = execFileSync(
      process.execPath,
      [
        "-e",
        "import('unspin').then(m => console.log(typeof m.restore, typeof m.loadDictionary, m.restore('the chilly struggle', m.loadDictionary(['news'])).text))",
      ],
      { cwd: proj, encoding: "utf8" },
    );
    expect(imported.trim()).toBe("function function the Cold War");
    const manifest = JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8"));
    expect(existsSync(path.join(pkg, manifest.types))).toBe(true);
    expect(readFileSync(path.join(pkg, manifest.types), "utf8")).toContain("restore");
  });
});
