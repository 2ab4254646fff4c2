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
 *
 * Here: reading, restoring and replacing files, and the report. The backup: backup.ts; the signal
 * guard and temp files: guard.ts; the command-line checks of --write/--backup: cli/write-args.ts.
 */
import {
  closeSync,
  chmodSync,
  chownSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  writeSync,
} from "node:fs";
import type { Stats } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { makeBackup } from "./backup.js";
import { guarded, pending, removeQuietly, tempName, testPause, tick } from "./guard.js";
import type { Signal } from "./guard.js";
import type { Dictionary } from "../dictionary/build.js";
import { markupOf, restoreMarkup } from "./markup.js";
import type { MarkupOption } from "../text/markup.js";
import { UnspinError, fsError, isRefusal } from "../errors.js";
import type { ExitCode } from "../errors.js";
import { counted } from "../text/inflect.js";
import { InputTally, decodeUtf8, readBytes } from "../io/input.js";
import { textPieces } from "../io/source.js";
import { STREAM_ABOVE, restoreStream } from "./stream.js";
import type { Io } from "../io/io.js";

export interface WriteOptions {
  /** Keep the original as FILE + suffix; undefined: no backup. */
  backup?: string;
  noFindings?: boolean;
  /** Take every file as spun or clean instead of judging it (--document). */
  document?: "spun" | "clean";
  /** --check: exit 1 when anything was restored or found. */
  check?: boolean;
  /** --markup: how a file's prose is found (auto: by its extension). */
  markup?: MarkupOption;
}

/** --write with standard input: refused by the usage checks (cli/write-args.ts) and here. */
export const STDIN_REFUSED =
  "--write rewrites files in place and cannot rewrite standard input (-); give file names, or drop --write";

/** What happened to one file. */
export interface WriteOutcome {
  name: string;
  changed: boolean;
  restorations: number;
  findings: number;
  backup?: string;
}

function statInput(name: string): Stats {
  let st: Stats;
  try {
    st = statSync(name);
  } catch (err) {
    throw fsError(err, "read", name);
  }
  if (st.isDirectory())
    throw new UnspinError("directory", `cannot read ${name}: a folder without text-like files (.txt .md .html .rst …)`);
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
  const markup = markupOf(name, opts.markup);
  // HTML and Markdown are parsed whole: only plain text streams
  if (statInput(name).size > STREAM_ABOVE && markup === "text") return writeStreaming(name, dict, opts, onSignal);
  const bytes = readBytes(name);
  const input = decodeUtf8(bytes, name);
  const r = restoreMarkup(input, dict, markup, { noFindings: opts.noFindings, document: opts.document });
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
  let s = `unspin: ${counted(changed, "file")} restored (${counted(restorations, "restoration")})`;
  s += `, ${unchanged} unchanged`;
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
