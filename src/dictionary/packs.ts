/** Finding and reading dictionary packs: built-in packs by name, any other file by path. */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { buildDictionary } from "./build.js";
import type { Dictionary } from "./build.js";
import { UnspinError, describeFsError } from "../errors.js";
import { readPack } from "./loader.js";
import { readCached, toLazy, writeCached } from "./cache.js";
import { lazyDictionary } from "./lazy.js";
import type { BuiltPack, LazyPack } from "./cache.js";
import { decodeUtf8 } from "../io/input.js";
import type { PackSource } from "./loader.js";
import { PACKAGE_ROOT } from "../io/version.js";

/** The folder of the built-in packs (works from src/ under tsx and from dist/). */
export const PACKS_DIR = fileURLToPath(new URL("dictionaries/", PACKAGE_ROOT));

/** The built-in pack loaded when no option says otherwise. */
export const DEFAULT_PACKS = ["news"];

export function builtinPacks(): string[] {
  return readdirSync(PACKS_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A name without a slash or extension is a built-in pack; anything else is a path. */
export function resolvePack(nameOrPath: string, cwd = process.cwd()): string {
  if (/^[a-z0-9][a-z0-9-]*$/i.test(nameOrPath)) {
    const file = path.join(PACKS_DIR, `${nameOrPath}.yaml`);
    try {
      readFileSync(file, { flag: "r" }).length;
    } catch {
      throw new UnspinError(
        "dictionary",
        `no built-in pack '${nameOrPath}' (built-in: ${builtinPacks().join(", ")}); give a path to use a file`,
      );
    }
    return file;
  }
  return path.resolve(cwd, nameOrPath);
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

function readSource(file: string, cwd: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UnspinError("dictionary", `cannot read dictionary ${displayPath(file, cwd)}: ${describeFsError(err)}`);
  }
}

/** The text of a dictionary file, shown as `shown` in errors (kind "dictionary", "binary" or "encoding"). */
export function readPackText(file: string, shown: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new UnspinError("dictionary", `cannot read dictionary ${shown}: ${describeFsError(err)}`);
  }
  return decodeUtf8(bytes, shown);
}

/** Read and validate a pack file, examples and allows included. */
export function readPackFile(file: string, cwd = process.cwd()): PackSource {
  const name = displayPath(file, cwd);
  const builtin = isBuiltin(file);
  return { ...readPack(name, decodeUtf8(readSource(file, cwd), name), { requireExamples: builtin }), builtin };
}

/** Is this file one of the packs shipped with unspin? */
export function isBuiltin(file: string): boolean {
  return path.dirname(path.resolve(file)) === path.resolve(PACKS_DIR);
}

/**
 * Read a pack for restoring, in its lazy form: from the cache when the source is unchanged, else
 * from YAML (validated, conflicts included) and then cached.
 */
export function readPackForRestore(file: string, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): LazyPack {
  const name = displayPath(file, cwd);
  const build = (): BuiltPack => {
    const pack = readPack(name, decodeUtf8(readSource(file, cwd), name), { requireExamples: isBuiltin(file) });
    buildDictionary([pack]); // throws on conflicts inside the pack
    return toLazy(pack);
  };
  const lazy = readCached(file, name, env, build) ?? writeCached(file, build(), env);
  return { ...lazy, builtin: isBuiltin(file) };
}

/** Load packs (names or paths) into one dictionary, for restoring. Entries load as the input needs them. */
export function loadDictionary(
  packs: readonly string[],
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Dictionary {
  const files = packs.map((p) => resolvePack(p, cwd));
  return lazyDictionary(
    files.map((f) => readPackForRestore(f, cwd, env)),
    env,
  );
}
