/** Shared test helpers: run the real CLI as a process, or in-process through main(). */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { main } from "../src/cli/cli.js";
import type { Io } from "../src/io/io.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = path.join(ROOT, "bin", "unspin.js");
export const fixture = (...p: string[]): string => path.join(ROOT, "fixtures", ...p);

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The real CLI, as a user runs it (needs the build: `npm test` builds first). It gets this
 * process's environment, so the run's own cache folder (tests/setup.ts) and never the user's.
 */
export function cli(
  args: string[],
  opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input,
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...opts.env },
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The CLI in-process (fast): same code path as bin/unspin.js minus the process. `over` replaces
 * parts of the Io (terminals, a whole env) for tests of what the CLI does on a terminal.
 */
export async function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd = ROOT,
  over: Partial<Io> = {},
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    stdoutIsTTY: false,
    env: { NO_COLOR: "1", ...env },
    cwd,
    ...over,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}
