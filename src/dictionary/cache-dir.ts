/**
 * Where the pack cache lives and how big it may grow. Location: $UNSPIN_CACHE_DIR, else
 * $XDG_CACHE_HOME/unspin, else ~/.cache/unspin; UNSPIN_NO_CACHE=1 (anything but 0) turns it off.
 * bin/unspin.js keeps V8's code cache in the same folder by the same rules.
 */
import { readdirSync, statSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { hashKey } from "../text/hash.js";

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.UNSPIN_NO_CACHE && env.UNSPIN_NO_CACHE !== "0") return undefined;
  if (env.UNSPIN_CACHE_DIR) return env.UNSPIN_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "unspin");
}

/** A 64-bit name for a cache key (two FNV-1a hashes; loading node:crypto would cost start-up time). */
export function digest(s: string): string {
  const a = hashKey(s);
  const b = hashKey(`${s.length}:${s}`);
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}

/** Keep the cache small: past 64 files, remove the least recently written down to 40. */
export function prune(dir: string): void {
  const files = readdirSync(dir).filter((f) => /^(pack|combo)-/.test(f));
  if (files.length <= 64) return;
  const dated = files
    .map((f) => {
      try {
        return { f, t: statSync(path.join(dir, f)).mtimeMs };
      } catch {
        return { f, t: 0 };
      }
    })
    .sort((a, b) => a.t - b.t);
  for (const { f } of dated.slice(0, dated.length - 40)) {
    try {
      unlinkSync(path.join(dir, f));
    } catch {
      // another process removed it
    }
  }
}
