/** The process boundary the commands write through, so tests can run them in-process. */
import { Chalk } from "chalk";
import type { ChalkInstance } from "chalk";
import type { ExitCode } from "../errors.js";

export type SetExit = (code: ExitCode) => void;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Write to stdout and wait until it can take more (streaming output with backpressure). */
  stdoutDrain?: (s: string) => Promise<void>;
  /** Is stdout a terminal (colour, default format decisions)? */
  stdoutIsTTY: boolean;
  /** Is stderr a terminal (progress bar, summary)? */
  stderrIsTTY?: boolean;
  /** Is stdin a terminal (bare `unspin` then prints help instead of waiting for typed input)? */
  stdinIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function makeChalk(io: Io, color: boolean | undefined): ChalkInstance {
  if (color === false) return new Chalk({ level: 0 });
  if (color === true) return new Chalk({ level: 1 });
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0" && io.env.FORCE_COLOR !== "false") {
    return new Chalk({ level: 1 });
  }
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return new Chalk({ level: 0 });
  if (io.env.TERM === "dumb") return new Chalk({ level: 0 }); // a terminal that cannot show colour
  return new Chalk({ level: io.stdoutIsTTY ? 1 : 0 });
}

/** Writing to stdout with backpressure where the Io has it (the process), plainly otherwise (tests). */
export function outWriter(io: Io): (s: string) => Promise<void> {
  return io.stdoutDrain ?? (async (s: string) => io.stdout(s));
}

/** The process-bound Io: writes go straight to the file descriptors. */
export function processIo(): Io {
  return {
    stdout: (s) => {
      process.stdout.write(s);
    },
    stderr: (s) => {
      process.stderr.write(s);
    },
    stdoutDrain: (s) =>
      new Promise<void>((resolve) => {
        if (process.stdout.write(s)) return resolve();
        // wait for room, or for the reader to go away (then there is nothing to wait for)
        const done = (): void => {
          for (const ev of ["drain", "close", "error"]) process.stdout.off(ev, done);
          resolve();
        };
        for (const ev of ["drain", "close", "error"]) process.stdout.once(ev, done);
      }),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}
