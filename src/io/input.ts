/**
 * Reading input files and stdin as UTF-8, refusing what cannot be restored safely: a missing or
 * unreadable file, a directory, binary data (NUL bytes), invalid UTF-8 (named by byte offset).
 * Nothing is ever replaced by U+FFFD: what is read decodes exactly or is refused.
 */
import { readFileSync } from "node:fs";
import { UnspinError, fsError, isRefusal } from "../errors.js";
import type { ExitCode } from "../errors.js";

export { describeFsError } from "../errors.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Decode bytes as UTF-8 exactly (BOM kept), or throw naming the problem. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw binaryError(name, nul);
  try {
    return decoder.decode(bytes);
  } catch {
    const at = invalidUtf8Offset(bytes);
    throw encodingError(name, at);
  }
}

export function readBytes(file: string): Uint8Array {
  try {
    return file === "-" ? readFileSync(0) : readFileSync(file);
  } catch (err) {
    const name = file === "-" ? "<stdin>" : file;
    throw fsError(err, "read", name);
  }
}

/** Read a file ("-" for stdin) as text. */
export function readText(file: string): string {
  return decodeUtf8(readBytes(file), file === "-" ? "<stdin>" : file);
}

/** An input with a NUL byte (kind "binary"): skipped with a warning. */
export function binaryError(name: string, offset: number): UnspinError {
  return new UnspinError("binary", `${name}: binary file (NUL byte at offset ${offset}); skipped`);
}

/** An input that is not valid UTF-8 (kind "encoding"). */
export function encodingError(name: string, offset: number): UnspinError {
  return new UnspinError("encoding", `${name}: invalid UTF-8 at byte offset ${offset}; not restored`);
}

/** An input past what can be restored whole in memory (kind "too-large"). */
export function tooLarge(name: string, err: RangeError): UnspinError {
  const shown = name === "-" ? "<stdin>" : name;
  return new UnspinError("too-large", `${shown}: too large to restore whole in memory (${err.message}); not restored`, {
    hint: "--format text streams inputs of any size",
  });
}

/**
 * The rule for refused inputs. Every input is tried; a refused one is reported on stderr in one
 * line and skipped, and the others are still restored and output.
 * - missing, a directory, unreadable, invalid UTF-8: an error (`unspin: ...`); exit 2.
 * - binary (a NUL byte): a warning (`unspin: warning: ...`); exit 2 only when no input at all
 *   was restored (a binary file among text files is skipped, as `grep -r` would).
 * Otherwise the exit code is what it would have been (0, or 1 for --check).
 */
export class InputTally {
  errors = 0;
  binaries = 0;
  restored = 0;

  constructor(private readonly stderr: (s: string) => void) {}

  /** Report a refused input; rethrow anything else. */
  refuse(err: unknown): void {
    if (!isRefusal(err)) throw err;
    const r = err;
    if (r.kind === "binary") {
      this.binaries++;
      this.stderr(`unspin: warning: ${r.message}\n`);
    } else {
      this.errors++;
      this.stderr(`unspin: ${r.lines().join(" ")}\n`);
    }
  }

  /**
   * Run one input's work; a refusal is reported and counted, anything else propagates. A
   * RangeError (a string, Map or buffer past V8's limits: an input of hundreds of MB restored
   * whole) refuses that input only.
   */
  async attempt<T>(work: () => T | Promise<T>, name?: string): Promise<T | undefined> {
    try {
      const v = await work();
      this.restored++;
      return v;
    } catch (err) {
      this.refuse(err instanceof RangeError && name !== undefined ? tooLarge(name, err) : err);
      return undefined;
    }
  }

  exitCode(base: ExitCode): ExitCode {
    if (this.errors > 0 || (this.binaries > 0 && this.restored === 0)) return 2;
    return base;
  }
}
