/**
 * Support for the tests/cli/*.test.ts files: each runs the REAL CLI (node bin/unspin.js) in a
 * scratch folder of its own, with a small dictionary of its own (the built-in packs change under
 * other people's hands; these tests are about inputs, not about entries).
 */
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  cpSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect } from "vitest";
import { BIN, ROOT } from "./helpers.js";
import type { Run } from "./helpers.js";

export { BIN };

/** The scratch dictionary: each spun form is plain, so any text restores predictably. */
export const DICT_YAML = `pack: robust
entries:
  - spun: chilly struggle
    original: Cold War
    examples: [{in: the chilly struggle, out: the Cold War}]
  - spun: final yr
    original: last year
    examples: [{in: final yr, out: last year}]
  - spun: cadence design
    original: rhythm pattern
    detect: true
    examples: [{in: a cadence design, out: a cadence design}]
`;

/** A scratch folder that other users can enter too (one test drops privileges). */
export function scratch(prefix = "unspin-cli-"): {
  dir: string;
  file: (name: string, data: string | Uint8Array) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, "robust.yaml"), DICT_YAML);
  chmodSync(path.join(dir, "robust.yaml"), 0o644); // whatever the umask: read as another user too
  return {
    dir,
    file: (name, data) => {
      const p = path.join(dir, name);
      writeFileSync(p, data);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type Scratch = ReturnType<typeof scratch>;

/** A scratch folder made before a test file's tests and removed after them. */
export function useScratch(prefix?: string): Scratch {
  const box = {} as Scratch;
  beforeAll(() => {
    Object.assign(box, scratch(prefix));
  });
  afterAll(() => box.cleanup());
  return box;
}

export interface CliOptions {
  cwd: string;
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Use the scratch dictionary only (default true). */
  ownDict?: boolean;
  uid?: number;
  gid?: number;
  timeout?: number;
  /** The launcher to run (default: this checkout's bin/unspin.js). */
  bin?: string;
}

function fullArgs(args: readonly string[], o: CliOptions): string[] {
  const bin = o.bin ?? BIN;
  return o.ownDict === false ? [bin, ...args] : [bin, "--no-default-packs", "--dict", "robust.yaml", ...args];
}

function env(o: CliOptions): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, UNSPIN_NO_CACHE: "1", ...o.env };
}

/** The real CLI in a scratch folder. */
export function unspin(args: readonly string[], o: CliOptions): Run {
  const r = spawnSync(process.execPath, fullArgs(args, o), {
    cwd: o.cwd,
    input: o.input,
    env: env(o),
    encoding: "utf8",
    maxBuffer: 1 << 30,
    uid: o.uid,
    gid: o.gid,
    timeout: o.timeout ?? 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The real CLI, started without waiting (for signals). */
export function unspinAsync(args: readonly string[], o: CliOptions): ReturnType<typeof spawn> {
  return spawn(process.execPath, fullArgs(args, o), { cwd: o.cwd, env: env(o), stdio: ["ignore", "pipe", "pipe"] });
}

/** Patterns of a stack trace or of a raw JavaScript error reaching a user. */
export const STACK_PATTERNS = [/^\s+at /m, /\bError:/, /node:internal/, /\(file:\/\//, /^\s*\^$/m];

/**
 * stderr is exactly `problems` lines, each `unspin: ...`, and holds no stack trace.
 * (Returns the lines for further checks.)
 */
export function expectCleanStderr(stderr: string, problems: number): string[] {
  for (const p of STACK_PATTERNS) expect(stderr, `stack-like text ${p} in stderr`).not.toMatch(p);
  const lines = stderr.split("\n");
  expect(lines.pop(), "stderr ends with a newline").toBe("");
  if (problems === 0) expect(stderr).toBe("");
  expect(lines, stderr).toHaveLength(problems);
  for (const l of lines) expect(l).toMatch(/^unspin: \S/);
  return lines;
}

/** Files in a folder that look like leftovers of an interrupted write. */
export function tempLeftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".tmp"));
}

/** Is this process root (then file permissions do not stop reads)? */
export const IS_ROOT = typeof process.getuid === "function" && process.getuid() === 0;

/** The uid/gid of `nobody`, for running the CLI without root's read-anything capability. */
export const NOBODY = { uid: 65534, gid: 65534 };

/** Make every folder of a tree enterable and every file readable by anyone (exec bits kept). */
function openToAll(p: string): void {
  const st = statSync(p);
  if (st.isDirectory()) {
    chmodSync(p, 0o755);
    for (const f of readdirSync(p)) openToAll(path.join(p, f));
  } else chmodSync(p, (st.mode & 0o7777) | 0o444);
}

/**
 * The built package (bin/, dist/, dictionaries/, package.json and the one runtime dependency the
 * bundle loads, yaml) copied into a temp folder anyone can enter and read, made before a test
 * file's tests and removed after them: the launcher to give `bin` when a test runs the CLI as
 * another user. The checkout itself may sit where that user cannot reach (a clone inside a
 * `mktemp -d` folder is mode 700), and then the CLI would fail before reading its input.
 */
export function usePackageCopy(): { bin: string } {
  const box = { bin: "" };
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "unspin-pkg-"));
    for (const f of ["bin", "dist", "dictionaries", "package.json"])
      cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true });
    cpSync(path.join(ROOT, "node_modules", "yaml"), path.join(dir, "node_modules", "yaml"), {
      recursive: true,
      dereference: true,
    });
    openToAll(dir);
    box.bin = path.join(dir, "bin", "unspin.js");
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return box;
}

/**
 * Options that run the CLI as a user for whom file permissions hold: as root (who reads and writes
 * anything) that is `nobody`, running the package copy it can reach; otherwise the current user.
 */
export function asUserBoundByPermissions(pkg: { bin: string }): Partial<CliOptions> {
  return IS_ROOT ? { ...NOBODY, bin: pkg.bin } : {};
}

export interface Measured extends Run {
  /** Peak resident set size of the CLI process, in MiB (process.resourceUsage().maxRSS). */
  rssMiB: number;
  seconds: number;
}

/**
 * The real CLI with its peak RSS measured from inside (a preloaded module records
 * process.resourceUsage().maxRSS at exit): no /usr/bin/time needed. stdout is thrown away
 * unless `keepStdout`.
 */
export function measure(args: readonly string[], o: CliOptions & { keepStdout?: boolean }): Measured {
  const probe = path.join(o.cwd, "rss-probe.mjs");
  const out = path.join(o.cwd, `rss-${process.pid}.txt`);
  writeFileSync(
    probe,
    `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(probe).href, ...fullArgs(args, o)], {
    cwd: o.cwd,
    env: env(o),
    encoding: "utf8",
    stdio: ["ignore", o.keepStdout ? "pipe" : "ignore", "pipe"],
    maxBuffer: 1 << 30,
    timeout: o.timeout ?? 600_000,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.error) throw r.error;
  const rssKiB = Number(readFileSync(out, "utf8"));
  rmSync(out, { force: true });
  return {
    status: r.status,
    stdout: r.stdout ?? "",
    stderr: r.stderr,
    rssMiB: Math.round(rssKiB / 1024),
    seconds: Math.round(seconds * 10) / 10,
  };
}

/** A line of dense spun text (two restorations) and what it restores to: the big-input tests' unit. */
export const BIG_LINE_SPUN = "The chilly struggle ended final yr, and nothing else happened here at all today.";
export const BIG_LINE_RESTORED = "The Cold War ended last year, and nothing else happened here at all today.";

/**
 * Write about `bytes` of BIG_LINE_SPUN into dir/name, as lines or as one line, without holding it
 * all in memory; `reps`: how many times the line stands in it.
 */
export function writeSpunFile(
  dir: string,
  name: string,
  bytes: number,
  oneLine: boolean,
): { file: string; reps: number; size: number } {
  const unit = BIG_LINE_SPUN + (oneLine ? " " : "\n");
  const reps = Math.ceil(bytes / unit.length);
  const file = path.join(dir, name);
  const fd = openSync(file, "w");
  const block = Buffer.from(unit.repeat(10_000));
  let left = reps;
  for (; left >= 10_000; left -= 10_000) writeSync(fd, block);
  writeSync(fd, Buffer.from(unit.repeat(left) + (oneLine ? "\n" : "")));
  closeSync(fd);
  return { file, reps, size: statSync(file).size };
}
