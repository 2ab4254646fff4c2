/**
 * A cache of validated packs, so start-up does not parse YAML: the pack's JSON form (without its
 * examples and allows, which only `dict test` needs) stored under a key made of the source's hash
 * and unspin's version. An edited dictionary gets a new key; a stale or broken cache file is
 * ignored. Location: $UNSPIN_CACHE_DIR, else $XDG_CACHE_HOME/unspin, else ~/.cache/unspin;
 * UNSPIN_NO_CACHE=1 turns it off. A cache that cannot be written is silently skipped.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "./atomic.js";
import type { PackSource } from "./loader.js";
import { VERSION } from "./version.js";

const FORMAT = 1;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.UNSPIN_NO_CACHE && env.UNSPIN_NO_CACHE !== "0") return undefined;
  if (env.UNSPIN_CACHE_DIR) return env.UNSPIN_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "unspin");
}

function cacheFile(dir: string, source: Uint8Array): string {
  const hash = createHash("sha256").update(source).update(`\0${VERSION}\0${FORMAT}`).digest("hex").slice(0, 32);
  return path.join(dir, `pack-${hash}.json`);
}

/** The cached lean pack for this source, if any. `file` is the name the pack is reported under. */
export function readCached(source: Uint8Array, file: string, env: NodeJS.ProcessEnv = process.env): PackSource | undefined {
  const dir = cacheDir(env);
  if (!dir) return undefined;
  try {
    const pack = JSON.parse(readFileSync(cacheFile(dir, source), "utf8")) as PackSource;
    if (pack.file !== file) {
      // the same source under another name: positions must name this file
      for (const e of pack.entries) e.pos.file = file;
      pack.file = file;
    }
    return pack;
  } catch {
    return undefined;
  }
}

export function writeCached(source: Uint8Array, pack: PackSource, env: NodeJS.ProcessEnv = process.env): void {
  const dir = cacheDir(env);
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    const lean: PackSource = { ...pack, entries: pack.entries.map((e) => ({ ...e, examples: [], allows: [] })) };
    writeFileAtomic(cacheFile(dir, source), JSON.stringify(lean));
  } catch {
    // read-only home, full disk…: run without a cache
  }
}
