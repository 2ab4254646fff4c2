/**
 * `--backup`: the original kept next to the real file, complete before the original is replaced (a
 * hard link, or a copy written atomically where links are not possible, renamed into place).
 */
import {
  chmodSync,
  chownSync,
  closeSync,
  copyFileSync,
  constants as fsConstants,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  writeSync,
} from "node:fs";
import type { Stats } from "node:fs";
import { fsError } from "../errors.js";
import { pending, removeQuietly, tempName } from "./guard.js";

export const DEFAULT_BACKUP_SUFFIX = ".orig";

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
export function makeBackup(real: string, suffix: string, bytes: Uint8Array | undefined, st: Stats): string {
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
