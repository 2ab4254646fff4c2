/**
 * The user's config file, `.unspinrc.yaml`, found upward from the working directory, up to the
 * repository root or the home folder (see findConfig):
 *
 *   packs: [news, science]          # built-in packs to load instead of the default (news)
 *   dictionaries: [./my-terms.yaml] # more dictionary files, relative to the config file
 *
 * and the pack list of a run: config (unless --no-config), then every --dict.
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isMap, isScalar, isSeq, yaml } from "../dictionary/yaml-lazy.js";
import type { Node } from "yaml";
import { UnspinError, describeFsError } from "../errors.js";
import { DEFAULT_PACKS } from "../dictionary/packs.js";

export const CONFIG_NAMES = [".unspinrc.yaml", ".unspinrc.yml"];

export interface Config {
  file: string;
  /** Built-in pack names (or paths, resolved to absolute) replacing the default packs. */
  packs?: string[];
  /** Absolute paths of extra dictionary files. */
  dictionaries: string[];
}

/**
 * The nearest config file at or above `cwd`, or undefined. The search goes up from `cwd` and stops
 * at the first folder that is a repository root (holds `.git`, a folder or a worktree's file) or
 * the user's home folder (`home`, default os.homedir(), i.e. $HOME), whichever comes first; that
 * folder is still searched, the ones above it are not. So a project's runs (and its tests) see its
 * own config, never a stray `.unspinrc.yaml` in a folder above the checkout or above home.
 * Outside any repository and outside home, the search goes up to `/`.
 */
export function findConfig(cwd: string, home: string = os.homedir()): string | undefined {
  let dir = path.resolve(cwd);
  const stopAt = home ? path.resolve(home) : undefined;
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(dir, name);
      if (existsSync(file)) return file;
    }
    if (dir === stopAt || existsSync(path.join(dir, ".git"))) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const isBareName = (s: string): boolean => /^[a-z0-9][a-z0-9-]*$/i.test(s);

export function readConfig(file: string): Config {
  const lines = new (yaml().LineCounter)();
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UnspinError("config", `cannot read config ${file}: ${describeFsError(err)}`, {
      hint: "fix or remove it, or run with --no-config",
    });
  }
  const doc = yaml().parseDocument(text, { lineCounter: lines });
  const fail = (node: Node | null | undefined, message: string): never => {
    const lp = lines.linePos(node?.range?.[0] ?? 0);
    throw new UnspinError("config", `${file}:${lp.line}:${lp.col}: ${message}`);
  };
  if (doc.errors.length > 0) fail(undefined, `YAML: ${doc.errors[0].message.split("\n")[0]}`);
  const root = doc.contents;
  const config: Config = { file, dictionaries: [] };
  if (root === null || (isScalar(root) && root.value === null)) return config;
  if (!isMap(root)) return fail(root, "the config must be a map with `packs` and/or `dictionaries`");
  const dir = path.dirname(file);
  const list = (node: Node, what: string): string[] => {
    if (!isSeq(node)) return fail(node, `\`${what}\` must be a list of strings`);
    return node.items.map((item) => {
      const n = item as Node;
      if (!isScalar(n) || typeof n.value !== "string" || n.value.trim() === "")
        return fail(n, `\`${what}\` items must be non-empty strings`);
      return n.value;
    });
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    const value = pair.value as Node;
    if (key === "packs") config.packs = list(value, key).map((p) => (isBareName(p) ? p : path.resolve(dir, p)));
    else if (key === "dictionaries") config.dictionaries = list(value, key).map((p) => path.resolve(dir, p));
    else fail(pair.key as Node, `unknown key \`${key}\` (allowed: packs, dictionaries)`);
  }
  return config;
}

export interface PackListOptions {
  dict: string[];
  defaultPacks: boolean;
  /** false with --no-config. */
  config?: boolean;
}

/**
 * Packs of a run, in load order: the config's `packs` (else the default packs) unless
 * --no-default-packs, the config's `dictionaries`, then every --dict.
 */
export function packList(opts: PackListOptions, cwd: string): string[] {
  const file = opts.config === false ? undefined : findConfig(cwd);
  const config = file ? readConfig(file) : undefined;
  const list = opts.defaultPacks ? [...(config?.packs ?? DEFAULT_PACKS)] : [];
  for (const d of [...(config?.dictionaries ?? []), ...opts.dict]) if (!list.includes(d)) list.push(d);
  if (list.length === 0)
    throw new UnspinError(
      "usage",
      "no dictionary: --no-default-packs needs at least one --dict (or `dictionaries` in .unspinrc.yaml)",
    );
  return list;
}
