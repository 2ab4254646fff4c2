/** Helpers for the dictionary-authoring tests: temp folders and the CLI in-process in one of them. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { run } from "./helpers.js";
import type { Run } from "./helpers.js";

const made: string[] = [];

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "unspin-dict-"));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The CLI in-process with `cwd` as its working directory. */
export function runIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run(args, env, cwd);
}
