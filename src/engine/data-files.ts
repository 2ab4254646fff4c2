/**
 * Where unspin's data files are (data/ at the package root): found upward from this module, so the
 * same code works from src/ under tsx and from the bundle in dist/.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The package's data folder. */
export function dataDir(): string {
  if (root === undefined) {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (;;) {
      if (existsSync(path.join(dir, "data", "context"))) break;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    root = path.join(dir, "data");
  }
  return root;
}

/** A file under data/ by its relative path. */
export function dataFile(rel: string): string {
  return path.join(dataDir(), rel);
}
