/**
 * Atomic file replacement: write a temp file in the same folder, flush it, then rename it over the
 * target. A reader (or a crash, or SIGINT) sees the old file or the new one, never half of one.
 * The target's mode (and, where permitted, owner) is kept.
 */
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, chownSync } from "node:fs";
import path from "node:path";
import { existsSync } from "node:fs";
import { UnspinError, fsError } from "../errors.js";

export interface AtomicOptions {
  /** Called after the temp file is written and before the rename (tests simulate a crash here). */
  beforeRename?: (tempPath: string) => void;
}

export function writeFileAtomic(target: string, data: string | Uint8Array, opts: AtomicOptions = {}): void {
  let mode = 0o644;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const st = statSync(target);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch {
    // a new file: default mode
  }
  const dir = path.dirname(target);
  const temp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
  const fd = openSync(temp, "wx", mode);
  try {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw err;
  }
  closeSync(fd);
  try {
    if (owner) {
      try {
        chownSync(temp, owner.uid, owner.gid);
      } catch {
        /* not permitted: keep ours */
      }
    }
    opts.beforeRename?.(temp);
    renameSync(temp, target);
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw err;
  }
}

/**
 * writeFileAtomic for a file the user named (`shown` in messages): a failure of the file system is
 * one line of its kind ("missing", "not-writable", …), never a raw ENOENT; UnspinErrors (and
 * internal errors) thrown by `beforeRename` pass through.
 */
export function writeUserFile(
  target: string,
  shown: string,
  data: string | Uint8Array,
  opts: AtomicOptions = {},
): void {
  try {
    writeFileAtomic(target, data, opts);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (err instanceof UnspinError || typeof code !== "string") throw err;
    const dir = path.dirname(target);
    if ((code === "ENOENT" || code === "ENOTDIR") && !existsSync(dir))
      throw new UnspinError("not-writable", `cannot write ${shown}: no folder ${dir}`, {
        hint: "create the folder first, or give another path",
      });
    throw fsError(err, "write", shown);
  }
}
