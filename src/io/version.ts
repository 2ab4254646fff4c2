/** The package's version, read from package.json (one source of truth), and where the package lives. */
import { readFileSync } from "node:fs";

/**
 * The package's root folder. Under a TypeScript runner this module is src/io/version.ts (two levels
 * down); bundled, it is inside dist/*.cjs or dist/*.js (one level down).
 */
export const PACKAGE_ROOT = new URL(import.meta.url.endsWith(".ts") ? "../../" : "../", import.meta.url);

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("package.json", PACKAGE_ROOT), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export const VERSION = readVersion();
