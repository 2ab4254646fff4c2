/**
 * The command line of `--write`: `--backup=SUFFIX` rewritten for commander, and the usage checks
 * made before any dictionary is loaded.
 */
import { UnspinError } from "../errors.js";
import { DEFAULT_BACKUP_SUFFIX } from "../run/backup.js";
import { STDIN_REFUSED } from "../run/write.js";

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
