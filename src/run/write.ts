/**
 * `--write`: restore files in place.
 *
 * Each file is read whole, restored, and - only when the text changed - replaced atomically by
 * writeFileAtomic (temp file in the same folder, fsync, rename): a reader, a crash or Ctrl-C sees
 * the old file or the new one, never half of one. Mode and (where permitted) owner are kept; a
 * symbolic link is followed and stays a link. An unchanged file is not touched (its mtime stays).
 * A refused input (missing, a directory, unreadable, binary, invalid UTF-8) is never written.
 *
 * `--backup[=SUFFIX]` (default `.orig`) keeps the original next to the real file. The backup is
 * complete before the rename: a hard link to the original (a copy written atomically where links
 * are not possible), itself renamed into place.
 *
 * Signals: SIGINT/SIGTERM are caught only while a file is being written (backup + temp + rename),
 * which is short. A signal then takes effect right after that file's rename (exit 130/143); any
 * temp file still registered is removed. Outside that window the default action applies: the
 * process stops at once, and no file is half-written since none is being written.
 */
import {
  closeSync,
  chmodSync,
  chownSync,
  constants as fsConstants,
  copyFileSync,
  fsyncSync,
  linkSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import type { Stats } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import type { Dictionary } from "../dictionary/build.js";
import { restore } from "../engine/restore.js";
import { UnspinError, fsError, isRefusal } from "../errors.js";
import type { ExitCode } from "../errors.js";
import { counted } from "../text/inflect.js";
import { InputTally, decodeUtf8, readBytes } from "../io/input.js";
import { textPieces } from "../io/source.js";
import { STREAM_ABOVE, restoreStream } from "./stream.js";
import type { Io } from "../io/io.js";

export const DEFAULT_BACKUP_SUFFIX = ".orig";

export interface WriteOptions {
  /** Keep the original as FILE + suffix; undefined: no backup. */
  backup?: string;
  noFindings?: boolean;
  /** Take every file as spun or clean instead of judging it (--document). */
  document?: "spun" | "clean";
  /** --check: exit 1 when anything was restored or found. */
  check?: boolean;
}

/** What happened to one file. */
export interface WriteOutcome {
  name: string;
  changed: boolean;
  restorations: number;
  findings: number;
  backup?: string;
}

/**
 * `--backup` takes a suffix only as `--backup=SUFFIX` (like GNU cp), so `--backup a.txt` keeps
 * a.txt a file name. Rewrites `--backup=SUFFIX` into `--backup --backup-suffix=SUFFIX` for commander.
 */
export function splitBackupArg(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (a.startsWith("--backup=")) out.push("--backup", `--backup-suffix=${a.slice("--backup=".length)}`);
    else out.push(a);
  }
  return out;
}

const STDIN_REFUSED =
  "--write rewrites files in place and cannot rewrite standard input (-); give file names, or drop --write";

/**
 * Usage checks of --write/--backup, before any dictionary is loaded: --write needs file names
 * (never stdin), --backup needs --write. Returns the backup suffix (undefined without --backup).
 */
export function checkWriteUsage(
  files: readonly string[],
  opts: { backup?: boolean; backupSuffix?: string; write?: boolean },
): string | undefined {
  if (opts.write && (files.length === 0 || files.includes("-"))) throw new UnspinError("usage", STDIN_REFUSED);
  return backupSuffix(opts);
}

/** The backup suffix from the parsed options, checked; undefined without --backup. */
export function backupSuffix(opts: { backup?: boolean; backupSuffix?: string; write?: boolean }): string | undefined {
  if (opts.backupSuffix !== undefined && !opts.backup)
    throw new UnspinError("usage", "--backup-suffix is spelt --backup=SUFFIX");
  if (!opts.backup) return undefined;
  if (!opts.write) throw new UnspinError("usage", "--backup works only with --write");
  const suffix = opts.backupSuffix ?? DEFAULT_BACKUP_SUFFIX;
  if (suffix === "" || suffix.includes("/") || suffix.includes("\0")) {
    throw new UnspinError(
      "usage",
      `--backup=${suffix}: the suffix must be non-empty and hold no '/' (e.g. --backup=.orig)`,
    );
  }
  return suffix;
}

/** Temp files of the write in progress: removed by the guard if they are still there after it. */
const pending = new Set<string>();

function tempName(target: string, tag: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${tag}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** A copy of the original (its bytes as read, or the file itself) at `temp`, with its mode and owner, flushed. */
function writeCopy(temp: string, source: Uint8Array | string, st: Stats): void {
  if (typeof source === "string") copyFileSync(source, temp, fsConstants.COPYFILE_EXCL);
  const fd = typeof source === "string" ? openSync(temp, "r+") : openSync(temp, "wx", st.mode & 0o777);
  try {
    if (typeof source !== "string") {
      let off = 0;
      while (off < source.length) off += writeSync(fd, source, off, source.length - off);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chownSync(temp, st.uid, st.gid);
  } catch {
    /* not permitted: keep ours */
  }
  chmodSync(temp, st.mode & 0o7777);
}

/** Make `real + suffix` hold the original, completely, before the original is replaced. */
function makeBackup(real: string, suffix: string, bytes: Uint8Array | undefined, st: Stats): string {
  const backup = real + suffix;
  const temp = tempName(backup, "backup");
  pending.add(temp);
  try {
    try {
      linkSync(real, temp);
    } catch {
      // no hard links here (some file systems, protected_hardlinks): a flushed copy of what was read
      writeCopy(temp, bytes ?? real, st);
    }
    renameSync(temp, backup);
  } catch (err) {
    removeQuietly(temp);
    throw fsError(err, "write", `backup ${backup}`, `; ${real} left as it was`);
  } finally {
    pending.delete(temp);
  }
  return backup;
}

/**
 * Tests only: UNSPIN_TEST_PAUSE_BEFORE_RENAME=MS holds each write for MS milliseconds with its temp
 * file complete and not yet renamed, so a test can signal the process at exactly that moment.
 */
function testPause(): void {
  const ms = Number(process.env.UNSPIN_TEST_PAUSE_BEFORE_RENAME ?? 0);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Let the event loop go round, so a signal that came during a write is handled now. Two
 * setImmediate turns: the first may run in the current turn's check phase, before any poll; the
 * second runs after the next poll phase, where signals are delivered.
 */
async function tick(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

type Signal = "SIGINT" | "SIGTERM";

/** Run `write` with SIGINT/SIGTERM held until it is complete; report a signal that came meanwhile. */
async function guarded(write: () => void, onSignal: (sig: Signal) => void): Promise<void> {
  let caught: Signal | undefined;
  const onInt = (): void => {
    caught ??= "SIGINT";
  };
  const onTerm = (): void => {
    caught ??= "SIGTERM";
  };
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  let failure: unknown;
  try {
    write();
  } catch (err) {
    failure = err;
  }
  await tick(); // a signal that came during write() is delivered here
  process.removeListener("SIGINT", onInt);
  process.removeListener("SIGTERM", onTerm);
  for (const t of pending) removeQuietly(t);
  pending.clear();
  if (caught) onSignal(caught);
  if (failure !== undefined) throw failure;
}

function statInput(name: string): Stats {
  let st: Stats;
  try {
    st = statSync(name);
  } catch (err) {
    throw fsError(err, "read", name);
  }
  if (st.isDirectory()) throw new UnspinError("directory", `cannot read ${name}: is a directory`);
  if (!st.isFile())
    throw new UnspinError("not-a-file", `${name}: not a regular file; --write rewrites only regular files`);
  return st;
}

/** Restore one file in place. Throws a refusal (an UnspinError; never written) or returns what happened. */
async function writeOne(
  name: string,
  dict: Dictionary,
  opts: WriteOptions,
  onSignal: (sig: Signal) => void,
): Promise<WriteOutcome> {
  if (statInput(name).size > STREAM_ABOVE) return writeStreaming(name, dict, opts, onSignal);
  const bytes = readBytes(name);
  const input = decodeUtf8(bytes, name);
  const r = restore(input, dict, { noFindings: opts.noFindings, document: opts.document });
  let restorations = 0;
  let findings = 0;
  for (const e of r.edits) {
    if (e.detect) findings++;
    else restorations++;
  }
  const outcome: WriteOutcome = { name, changed: false, restorations, findings };
  if (r.text === input) return outcome;
  let real: string;
  let st: Stats;
  try {
    real = realpathSync(name);
    st = statSync(real);
  } catch (err) {
    throw fsError(err, "write", name);
  }
  await guarded(() => {
    if (opts.backup !== undefined) {
      const made = makeBackup(real, opts.backup, bytes, st);
      // name it as the user did, unless a symbolic link put it elsewhere
      outcome.backup = real === path.resolve(name) ? name + opts.backup : made;
    }
    try {
      writeFileAtomic(real, r.text, {
        beforeRename: (temp) => {
          pending.add(temp); // renamed away next; removed by the guard only if it is still there
          // the temp was created through the umask; give it the original's mode exactly
          chmodSync(temp, st.mode & 0o7777);
          testPause();
        },
      });
    } catch (err) {
      throw fsError(err, "write", name, "; left as it was");
    }
    pending.clear(); // renamed: nothing of ours is left to remove
    outcome.changed = true;
  }, onSignal);
  return outcome;
}

function realStat(name: string): { real: string; st: Stats } {
  try {
    const real = realpathSync(name);
    return { real, st: statSync(real) };
  } catch (err) {
    throw fsError(err, "write", name);
  }
}

/**
 * Restore a large file in place without holding it: the restored text streams into the temp file,
 * which replaces the file (backup first) only when something was restored. A signal while it
 * streams removes the temp file and stops, the file left as it was; a refused input (invalid UTF-8,
 * NUL bytes) found on the way does the same for that file.
 */
async function writeStreaming(
  name: string,
  dict: Dictionary,
  opts: WriteOptions,
  onSignal: (sig: Signal) => void,
): Promise<WriteOutcome> {
  const { real, st } = realStat(name);
  const temp = tempName(real, "unspin");
  pending.add(temp);
  const stop = (sig: Signal): void => {
    removeQuietly(temp);
    process.stderr.write(`unspin: stopped by ${sig} while restoring ${name}; it is left as it was\n`);
    process.exit(sig === "SIGINT" ? 130 : 143);
  };
  const onInt = (): void => stop("SIGINT");
  const onTerm = (): void => stop("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  let restorations = 0;
  let findings = 0;
  try {
    let fd: number;
    try {
      fd = openSync(temp, "wx", st.mode & 0o777);
    } catch (err) {
      throw fsError(err, "write", name, "; left as it was");
    }
    try {
      for await (const piece of restoreStream(textPieces(name), dict, {
        noFindings: opts.noFindings,
        lean: true,
        document: opts.document,
      })) {
        restorations += piece.restorations;
        findings += piece.findings;
        const buf = Buffer.from(piece.text, "utf8");
        let off = 0;
        while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    removeQuietly(temp);
    pending.delete(temp);
    throw isRefusal(err) ? err : fsError(err, "write", name, "; left as it was");
  } finally {
    process.removeListener("SIGINT", onInt);
    process.removeListener("SIGTERM", onTerm);
  }
  const outcome: WriteOutcome = { name, changed: false, restorations, findings };
  if (restorations === 0) {
    removeQuietly(temp); // nothing restored: the file is not touched
    pending.delete(temp);
    return outcome;
  }
  await guarded(() => {
    if (opts.backup !== undefined) {
      const made = makeBackup(real, opts.backup, undefined, st);
      outcome.backup = real === path.resolve(name) ? name + opts.backup : made;
    }
    try {
      try {
        chownSync(temp, st.uid, st.gid);
      } catch {
        /* not permitted: keep ours */
      }
      chmodSync(temp, st.mode & 0o7777);
      testPause();
      renameSync(temp, real);
    } catch (err) {
      throw fsError(err, "write", name, "; left as it was");
    }
    outcome.changed = true;
  }, onSignal);
  return outcome;
}

function report(o: WriteOutcome): string {
  const parts = [counted(o.restorations, "restoration")];
  if (o.findings) parts.push(counted(o.findings, "finding"));
  if (o.backup) parts.push(`backup ${o.backup}`);
  return `unspin: restored ${o.name} (${parts.join("; ")})\n`;
}

function summary(outcomes: readonly WriteOutcome[], refused: number): string {
  const changed = outcomes.filter((o) => o.changed).length;
  const unchanged = outcomes.length - changed;
  const restorations = outcomes.reduce((n, o) => n + (o.changed ? o.restorations : 0), 0);
  const findings = outcomes.reduce((n, o) => n + o.findings, 0);
  let s = `unspin: ${counted(changed, "file")} restored (${counted(restorations, "restoration")}), ${unchanged} unchanged`;
  if (refused) s += `, ${refused} not restored`;
  if (findings) s += `; ${counted(findings, "finding")} left for review (run without --write to see them)`;
  return `${s}\n`;
}

/** `unspin --write FILE...`: returns the exit code (see InputTally for refused inputs). */
export async function runWrite(
  inputs: readonly string[],
  dict: Dictionary,
  opts: WriteOptions,
  io: Io,
): Promise<ExitCode> {
  if (inputs.length === 0 || inputs.includes("-")) throw new UnspinError("usage", STDIN_REFUSED);
  const tally = new InputTally(io.stderr);
  const outcomes: WriteOutcome[] = [];
  const seen = new Set<string>();
  let stop: Signal | undefined;
  const onSignal = (sig: Signal): void => {
    stop ??= sig;
  };
  for (const name of inputs) {
    let key: string;
    try {
      key = realpathSync(name);
    } catch {
      key = path.resolve(io.cwd, name);
    }
    if (seen.has(key)) continue; // the same file named twice is restored once
    seen.add(key);
    const o = await tally.attempt(() => writeOne(name, dict, opts, onSignal), name);
    if (o) {
      outcomes.push(o);
      if (o.changed) io.stderr(report(o));
    }
    if (stop) {
      // the signal came while this file was written: it is complete; stop before the next
      const written = outcomes.filter((x) => x.changed).length;
      io.stderr(
        `unspin: stopped by ${stop} after ${counted(written, "file")} written; files not reached are unchanged\n`,
      );
      process.exit(stop === "SIGINT" ? 130 : 143);
    }
    await tick();
  }
  io.stderr(summary(outcomes, tally.errors + tally.binaries));
  const found = outcomes.some((o) => o.restorations + o.findings > 0);
  return tally.exitCode(opts.check && found ? 1 : 0);
}
