/**
 * Reading input files and stdin as UTF-8, refusing what cannot be restored safely: a missing or
 * unreadable file, a directory, binary data (NUL bytes), invalid UTF-8 (named by byte offset).
 * Nothing is ever replaced by U+FFFD: what is read decodes exactly or is refused.
 */
import { readFileSync } from "node:fs";
import { UnspinError } from "./errors.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
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
  if (nul !== -1) throw new UnspinError(`${name}: binary file (NUL byte at offset ${nul}); not restored`);
  try {
    return decoder.decode(bytes);
  } catch {
    const at = invalidUtf8Offset(bytes);
    throw new UnspinError(`${name}: invalid UTF-8 at byte offset ${at}; not restored`);
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT": return "no such file";
    case "EISDIR": return "is a directory";
    case "EACCES":
    case "EPERM": return "permission denied";
    default: return (err as Error).message ?? String(err);
  }
}

export function readBytes(file: string): Uint8Array {
  try {
    return file === "-" ? readFileSync(0) : readFileSync(file);
  } catch (err) {
    const name = file === "-" ? "<stdin>" : file;
    throw new UnspinError(`cannot read ${name}: ${describeFsError(err)}`);
  }
}

/** Read a file ("-" for stdin) as text. */
export function readText(file: string): string {
  return decodeUtf8(readBytes(file), file === "-" ? "<stdin>" : file);
}
