/**
 * The CLI under test, frozen for the run: src/ compiled into bench/.snapshot/dist with the same
 * tsconfig as `npm run build`, next to copies of bin/, dictionaries/ and package.json. Others may
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
  const tsc = path.join(root, "node_modules", ".bin", "tsc");
  const r = spawnSync(tsc, ["-p", path.join(root, "tsconfig.build.json"), "--outDir", path.join(dir, "dist")], { cwd: root, encoding: "utf8" });
  if (!existsSync(path.join(dir, "dist", "cli.js"))) {
    throw new Error(`building src/ into ${dir} failed:\n${r.stdout}${r.stderr}\n(use --no-build to measure the existing dist/)`);
  }
  if (r.status !== 0) log(`warning: tsc reported errors (JavaScript emitted anyway):\n${r.stdout.split("\n").slice(0, 5).join("\n")}`);
  cpSync(path.join(root, "bin"), path.join(dir, "bin"), { recursive: true });
  cpSync(path.join(root, "dictionaries"), path.join(dir, "dictionaries"), { recursive: true });
  copyFileSync(path.join(root, "package.json"), path.join(dir, "package.json"));
  return path.join(dir, "bin", "unspin.js");
}
