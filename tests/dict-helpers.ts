/** Helpers for the dictionary-authoring tests: temp folders and the CLI in-process in one of them. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { main } from "../src/cli.js";
import type { Io } from "../src/io.js";
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
export async function runIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    stdoutIsTTY: false,
    env: { NO_COLOR: "1", ...env },
    cwd,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}
