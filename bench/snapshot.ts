/**
 * The CLI under test, frozen for the run: src/ built into bench/.snapshot/dist by the same script as
 * `npm run build` (scripts/build.mjs), next to copies of bin/, dictionaries/ and package.json. Others may
 * rebuild dist/ or edit the packs while a long bench runs; the snapshot keeps every measurement of
 * one run on the same code. (`--no-build` measures the repo's own bin/unspin.js instead.)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export function snapshot(root: string, log: (s: string) => void): string {
  const dir = path.join(root, "bench", ".snapshot");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--outdir", path.join(dir, "dist")], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0 || !existsSync(path.join(dir, "dist", "cli.cjs"))) {
    throw new Error(
      `building src/ into ${dir} failed:\n${r.stdout}${r.stderr}\n(use --no-build to measure the existing dist/)`,
    );
  }
  if (r.stderr.trim()) log(`build warnings:\n${r.stderr.split("\n").slice(0, 5).join("\n")}`);
  cpSync(path.join(root, "bin"), path.join(dir, "bin"), { recursive: true });
  cpSync(path.join(root, "dictionaries"), path.join(dir, "dictionaries"), { recursive: true });
  copyFileSync(path.join(root, "package.json"), path.join(dir, "package.json"));
  return path.join(dir, "bin", "unspin.js");
}
