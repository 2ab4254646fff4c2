/** Finding and reading dictionary packs: built-in packs by name, any other file by path. */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { buildDictionary } from "./dictionary.js";
import type { Dictionary } from "./dictionary.js";
import { UnspinError } from "./errors.js";
import { readPack } from "./loader.js";
import type { PackSource } from "./loader.js";

/** The folder of the built-in packs (works from src/ under tsx and from dist/). */
export const PACKS_DIR = fileURLToPath(new URL("../dictionaries/", import.meta.url));

/** The built-in pack loaded when no option says otherwise. */
export const DEFAULT_PACKS = ["news"];

export function builtinPacks(): string[] {
  return readdirSync(PACKS_DIR).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort();
}

/** A name without a slash or extension is a built-in pack; anything else is a path. */
export function resolvePack(nameOrPath: string, cwd = process.cwd()): string {
  if (/^[a-z0-9][a-z0-9-]*$/i.test(nameOrPath)) {
    const file = path.join(PACKS_DIR, `${nameOrPath}.yaml`);
    try {
      readFileSync(file, { flag: "r" }).length;
    } catch {
      throw new UnspinError(`no built-in pack '${nameOrPath}' (built-in: ${builtinPacks().join(", ")}); give a path to use a file`);
    }
    return file;
  }
  return path.resolve(cwd, nameOrPath);
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

export function readPackFile(file: string, cwd = process.cwd()): PackSource {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String(code ?? err);
    throw new UnspinError(`cannot read dictionary ${displayPath(file, cwd)}: ${why}`);
  }
  return readPack(displayPath(file, cwd), source);
}

/** Load packs (names or paths) into one dictionary. */
export function loadDictionary(packs: readonly string[], cwd = process.cwd()): Dictionary {
  const files = packs.map((p) => resolvePack(p, cwd));
  return buildDictionary(files.map((f) => readPackFile(f, cwd)));
}
