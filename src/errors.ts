/**
 * Errors meant for people: one class, UnspinError, with a `kind` that names the user's mistake.
 * The CLI prints one line, `unspin: <message>` (and ` (hint: …)` when there is a hint), no stack
 * trace, and exits with the kind's code (2; 1 for an entry that fails its own test). Code decides
 * what to do with an error by its kind, never by its message text. Between threads an error
 * travels as data ({kind, message, hint}, see toData/fromData).
 */

export type ExitCode = 0 | 1 | 2;

/**
 * What went wrong, from the user's side:
 * - input refusals (an input is skipped, the others go on; see InputTally): "missing" (no such
 *   file), "unreadable" (permission denied, I/O error), "directory" (a folder where a file is
 *   expected), "not-a-file" (a device or pipe where --write needs a regular file), "binary" (NUL
 *   bytes), "encoding" (invalid UTF-8), "too-large" (past what fits in memory whole),
 *   "not-writable" (--write or an output file cannot be written);
 * - a run that cannot start: "usage" (options), "dictionary" (a pack that cannot be read or does
 *   not validate), "config" (.unspinrc.yaml), "bad-record" (a JSON Lines record), "empty" (nothing
 *   to work on, e.g. eval without any pair);
 * - "rejected": `dict add` refused an entry that fails its tests (exit 1, the file is untouched).
 */
export type ErrorKind =
  | "missing"
  | "unreadable"
  | "directory"
  | "not-a-file"
  | "binary"
  | "encoding"
  | "too-large"
  | "not-writable"
  | "usage"
  | "dictionary"
  | "config"
  | "bad-record"
  | "empty"
  | "rejected";

/** The kinds that refuse one input of many: reported and skipped, the run goes on. */
const REFUSALS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  "missing",
  "unreadable",
  "directory",
  "not-a-file",
  "binary",
  "encoding",
  "too-large",
  "not-writable",
]);

export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
  hint?: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}${p.hint ? ` (hint: ${p.hint})` : ""}`;
}

export class UnspinError extends Error {
  readonly hint?: string;
  /** A dictionary that failed to validate: every problem found, each with file:line:col. */
  readonly problems?: readonly Problem[];

  constructor(
    readonly kind: ErrorKind,
    message: string,
    opts: { hint?: string; problems?: readonly Problem[] } = {},
  ) {
    super(message);
    this.name = "UnspinError";
    this.hint = opts.hint;
    this.problems = opts.problems;
  }

  get exitCode(): ExitCode {
    return this.kind === "rejected" ? 1 : 2;
  }

  /**
   * The lines for stderr, without `unspin: `: one, except for a dictionary with several problems
   * (one line each, file:line:col) and an entry `dict add` rejects (what its test got).
   */
  lines(): string[] {
    if (this.problems?.length) return this.problems.map(formatProblem);
    const lines = this.message.split("\n");
    if (this.hint) lines[lines.length - 1] += ` (hint: ${this.hint})`;
    return lines;
  }
}

/** A dictionary with problems (each with file:line:col): kind "dictionary". */
export function dictionaryError(problems: readonly Problem[]): UnspinError {
  return new UnspinError("dictionary", problems.map(formatProblem).join("\n"), { problems });
}

export function isUnspinError(err: unknown, kind?: ErrorKind): err is UnspinError {
  return err instanceof UnspinError && (kind === undefined || err.kind === kind);
}

/** Does this error refuse one input only (the run goes on with the others)? */
export function isRefusal(err: unknown): err is UnspinError {
  return err instanceof UnspinError && REFUSALS.has(err.kind);
}

/** An error as data that crosses threads (errors do not keep their class there). No kind: internal. */
export interface ErrorData {
  kind?: ErrorKind;
  message: string;
  hint?: string;
}

export function toData(err: unknown): ErrorData {
  if (err instanceof UnspinError) return { kind: err.kind, message: err.message, hint: err.hint };
  return { message: err instanceof Error ? err.message : String(err) };
}

/** Back to an error: an UnspinError of the same kind when it was one, else a plain Error (internal). */
export function fromData(d: ErrorData): Error {
  return d.kind ? new UnspinError(d.kind, d.message, { hint: d.hint }) : new Error(d.message);
}

/** A failed file-system call on `name`, worded for people ("cannot read x: no such file"), of its kind. */
export function fsError(err: unknown, verb: "read" | "write", name: string, tail = ""): UnspinError {
  const code = (err as NodeJS.ErrnoException).code;
  const kind: ErrorKind =
    code === "ENOENT" ? "missing" : code === "EISDIR" ? "directory" : verb === "write" ? "not-writable" : "unreadable";
  return new UnspinError(kind, `cannot ${verb} ${name}: ${describeFsError(err)}${tail}`);
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      // a folder argument is walked (run/inputs.ts): one that reaches a reader has no text-like files
      return "a folder without text-like files (.txt .md .html .rst …)";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "ELOOP":
      return "too many symbolic links";
    case "ENAMETOOLONG":
      return "name too long";
    case "EIO":
      return "input/output error";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on device";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    default:
      return (err as Error).message ?? String(err);
  }
}
