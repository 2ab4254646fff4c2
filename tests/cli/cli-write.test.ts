/** `--write` and `--backup` through the real CLI. */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BIN,
  IS_ROOT,
  NOBODY,
  asUserBoundByPermissions,
  expectCleanStderr,
  tempLeftovers,
  unspin,
  usePackageCopy,
  useScratch,
} from "../cli-support.js";

const s = useScratch();
const pkg = usePackageCopy();
let cwd: string;
beforeAll(() => {
  cwd = s.dir;
});

const SPUN = "Talks stalled final yr, as the chilly struggle thawed.\n";
const RESTORED = "Talks stalled last year, as the Cold War thawed.\n";
const CLEAN = "Nothing to restore here.\n";
const OLD = new Date("2020-01-02T03:04:05Z");

function old(name: string, data: string | Buffer, mode = 0o644): string {
  const file = s.file(name, data);
  chmodSync(file, mode);
  utimesSync(file, OLD, OLD);
  return file;
}

describe("--write", () => {
  it("restores in place, says so on stderr (one line per file + a summary), prints nothing on stdout", () => {
    const a = old("a.txt", SPUN);
    const b = old("b.txt", CLEAN);
    const r = unspin(["--write", "a.txt", "b.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(expectCleanStderr(r.stderr, 2)).toEqual([
      "unspin: restored a.txt (2 restorations)",
      "unspin: 1 file restored (2 restorations), 1 unchanged",
    ]);
    expect(readFileSync(a, "utf8")).toBe(RESTORED);
    expect(readFileSync(b, "utf8")).toBe(CLEAN);
    expect(tempLeftovers(cwd)).toEqual([]);
  });

  it("leaves an unchanged file untouched: same inode, same mtime", () => {
    const b = old("untouched.txt", CLEAN);
    const before = statSync(b);
    const r = unspin(["--write", "untouched.txt"], { cwd });
    expect(r.status).toBe(0);
    const after = statSync(b);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(expectCleanStderr(r.stderr, 1)).toEqual(["unspin: 0 files restored (0 restorations), 1 unchanged"]);
  });

  it("a file with findings only is unchanged; the summary points at them", () => {
    const f = old("finding.txt", "a cadence design\n");
    const r = unspin(["--write", "finding.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(statSync(f).mtimeMs).toBe(OLD.getTime());
    expect(expectCleanStderr(r.stderr, 1)).toEqual([
      "unspin: 0 files restored (0 restorations), 1 unchanged; 1 finding left for review (run without --write to see them)",
    ]);
  });

  for (const mode of [0o600, 0o664, 0o755, 0o444]) {
    it(`keeps the mode ${mode.toString(8)} (whatever the umask)`, () => {
      const f = old(`mode-${mode.toString(8)}.txt`, SPUN, mode);
      unspin(["--write", path.basename(f)], { cwd });
      expect(readFileSync(f, "utf8")).toBe(RESTORED);
      expect((statSync(f).mode & 0o7777).toString(8)).toBe(mode.toString(8));
    });
  }

  it.skipIf(!IS_ROOT)("keeps the owner (needs root to chown; skipped otherwise)", () => {
    const f = old("owned.txt", SPUN);
    chownSync(f, NOBODY.uid, NOBODY.gid);
    unspin(["--write", "owned.txt"], { cwd });
    const st = statSync(f);
    expect(readFileSync(f, "utf8")).toBe(RESTORED);
    expect([st.uid, st.gid]).toEqual([NOBODY.uid, NOBODY.gid]);
  });

  it("follows a symbolic link: the link stays a link, its target is restored", () => {
    const target = old("target.txt", SPUN);
    symlinkSync("target.txt", path.join(cwd, "link.txt"));
    const r = unspin(["--write", "link.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(lstatSync(path.join(cwd, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(cwd, "link.txt"))).toBe("target.txt");
    expect(readFileSync(target, "utf8")).toBe(RESTORED);
  });

  it("the same file named twice (or through a link) is restored once", () => {
    old("twice.txt", SPUN);
    symlinkSync("twice.txt", path.join(cwd, "twice-link.txt"));
    const r = unspin(["--write", "twice.txt", "./twice.txt", "twice-link.txt"], { cwd });
    expect(expectCleanStderr(r.stderr, 2)).toEqual([
      "unspin: restored twice.txt (2 restorations)",
      "unspin: 1 file restored (2 restorations), 0 unchanged",
    ]);
  });

  it("stderr closed early (2>&1 | true): every file is still written, exit 0", () => {
    const names = Array.from({ length: 6 }, (_, i) => `closed-${i}.txt`);
    for (const n of names) old(n, SPUN);
    const r = spawnSync(
      "bash",
      [
        "-c",
        `"${process.execPath}" "${BIN}" --no-default-packs --dict robust.yaml --write ${names.join(" ")} 2>&1 | true; echo "\${PIPESTATUS[0]}"`,
      ],
      {
        cwd,
        encoding: "utf8",
        timeout: 30_000,
        env: { ...process.env, UNSPIN_NO_CACHE: "1" },
      },
    );
    expect(r.stdout.trim()).toBe("0");
    for (const n of names) expect(readFileSync(path.join(cwd, n), "utf8")).toBe(RESTORED);
  });

  it("--check with --write: writes, then exits 1 because something was restored", () => {
    const f = old("check.txt", SPUN);
    const r = unspin(["--write", "--check", "check.txt"], { cwd });
    expect(r.status).toBe(1);
    expect(readFileSync(f, "utf8")).toBe(RESTORED);
    expect(unspin(["--write", "--check", "check.txt"], { cwd }).status).toBe(0);
  });
});

describe("--write refuses what it must not write", () => {
  it("standard input: exit 2, one line, with or without -", () => {
    for (const args of [["--write"], ["--write", "-"], ["--write", "a.txt", "-"]]) {
      const r = unspin(args, { cwd, input: SPUN });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(expectCleanStderr(r.stderr, 1)).toEqual([
        "unspin: --write rewrites files in place and cannot rewrite standard input (-); give file names, or drop --write",
      ]);
    }
  });

  it("a binary file among text files: skipped with a warning, never written; the others are; exit 0", () => {
    const bin = old("blob.bin", Buffer.from("final yr\0chilly struggle"));
    const good = old("good.txt", SPUN);
    const r = unspin(["--write", "blob.bin", "good.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(readFileSync(bin).equals(Buffer.from("final yr\0chilly struggle"))).toBe(true);
    expect(statSync(bin).mtimeMs).toBe(OLD.getTime());
    expect(readFileSync(good, "utf8")).toBe(RESTORED);
    expect(expectCleanStderr(r.stderr, 3)).toEqual([
      "unspin: warning: blob.bin: binary file (NUL byte at offset 8); skipped",
      "unspin: restored good.txt (2 restorations)",
      "unspin: 1 file restored (2 restorations), 0 unchanged, 1 not restored",
    ]);
  });

  it("a missing file and a directory among good ones: the good one is written, exit 2", () => {
    mkdirSync(path.join(cwd, "adir"), { recursive: true });
    const good = old("good2.txt", SPUN);
    const r = unspin(["--write", "missing.txt", "adir", "good2.txt"], { cwd });
    expect(r.status).toBe(2);
    expect(readFileSync(good, "utf8")).toBe(RESTORED);
    expect(expectCleanStderr(r.stderr, 4)).toEqual([
      "unspin: cannot read missing.txt: no such file",
      "unspin: cannot read adir: a folder without text-like files (.txt .md .html .rst …)",
      "unspin: restored good2.txt (2 restorations)",
      "unspin: 1 file restored (2 restorations), 0 unchanged, 2 not restored",
    ]);
  });

  it("a named pipe: not a regular file, exit 2, never opened", () => {
    const fifo = path.join(cwd, "pipe.fifo");
    if (spawnSync("mkfifo", [fifo]).status !== 0) return; // no mkfifo: nothing to test
    const r = unspin(["--write", "pipe.fifo"], { cwd, timeout: 10_000 });
    expect(r.status).toBe(2);
    expect(expectCleanStderr(r.stderr, 2)[0]).toBe(
      "unspin: pipe.fifo: not a regular file; --write rewrites only regular files",
    );
  });

  it("a folder it cannot write to: one error line, the file left as it was, exit 2", () => {
    const dir = path.join(cwd, "locked");
    mkdirSync(dir, { recursive: true });
    const f = old(path.join("locked", "x.txt"), SPUN, 0o666);
    chmodSync(dir, 0o555);
    try {
      // root may write anywhere: run as nobody then (the file is world-writable, the folder is not),
      // from a copy of the package that nobody can reach wherever the checkout is
      const r = unspin(["--write", "locked/x.txt"], { cwd, ...asUserBoundByPermissions(pkg) });
      expect(r.status).toBe(2);
      expect(readFileSync(f, "utf8")).toBe(SPUN);
      expect(expectCleanStderr(r.stderr, 2)).toEqual([
        "unspin: cannot write locked/x.txt: permission denied; left as it was",
        "unspin: 0 files restored (0 restorations), 0 unchanged, 1 not restored",
      ]);
      expect(tempLeftovers(dir)).toEqual([]);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe("--backup", () => {
  it("keeps the original as FILE.orig, byte for byte, with its mode; the backup is the original inode", () => {
    const f = old("bk.txt", SPUN, 0o640);
    const ino = statSync(f).ino;
    const r = unspin(["--write", "--backup", "bk.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(readFileSync(f, "utf8")).toBe(RESTORED);
    const orig = path.join(cwd, "bk.txt.orig");
    expect(readFileSync(orig, "utf8")).toBe(SPUN);
    const st = statSync(orig);
    expect([st.ino, st.mode & 0o7777, st.mtimeMs]).toEqual([ino, 0o640, OLD.getTime()]);
    expect(expectCleanStderr(r.stderr, 2)[0]).toBe("unspin: restored bk.txt (2 restorations; backup bk.txt.orig)");
    expect(tempLeftovers(cwd)).toEqual([]);
  });

  it("--backup=SUFFIX chooses the suffix; an older backup is replaced", () => {
    const f = old("bk2.txt", SPUN);
    s.file("bk2.txt~", "an older backup\n");
    const r = unspin(["--write", "--backup=~", "bk2.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(readFileSync(f, "utf8")).toBe(RESTORED);
    expect(readFileSync(`${f}~`, "utf8")).toBe(SPUN);
  });

  it("--backup followed by a file name takes no suffix from it (only --backup=SUFFIX does)", () => {
    const f = old("bk3.txt", SPUN);
    const r = unspin(["--write", "--backup", "bk3.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(readFileSync(f, "utf8")).toBe(RESTORED);
    expect(readFileSync(`${f}.orig`, "utf8")).toBe(SPUN);
  });

  it("an unchanged file gets no backup", () => {
    old("bk4.txt", CLEAN);
    unspin(["--write", "--backup", "bk4.txt"], { cwd });
    expect(() => statSync(path.join(cwd, "bk4.txt.orig"))).toThrow();
  });

  it("a backup that cannot be made: the file is not rewritten, exit 2", () => {
    const f = old("bk5.txt", SPUN);
    mkdirSync(path.join(cwd, "bk5.txt.orig"), { recursive: true }); // a folder in the way
    s.file(path.join("bk5.txt.orig", "x"), "x");
    const r = unspin(["--write", "--backup", "bk5.txt"], { cwd });
    expect(r.status).toBe(2);
    expect(readFileSync(f, "utf8")).toBe(SPUN);
    const lines = expectCleanStderr(r.stderr, 2);
    expect(lines[0]).toMatch(/^unspin: cannot write backup .*bk5\.txt\.orig: .*; .*bk5\.txt left as it was$/);
    expect(tempLeftovers(cwd)).toEqual([]);
  });

  it("usage errors: without --write, an empty suffix, a suffix with a slash", () => {
    old("bk6.txt", SPUN);
    const cases: [string[], string][] = [
      [["--backup", "bk6.txt"], "unspin: --backup works only with --write"],
      [
        ["--write", "--backup=", "bk6.txt"],
        "unspin: --backup=: the suffix must be non-empty and hold no '/' (e.g. --backup=.orig)",
      ],
      [
        ["--write", "--backup=/x", "bk6.txt"],
        "unspin: --backup=/x: the suffix must be non-empty and hold no '/' (e.g. --backup=.orig)",
      ],
    ];
    for (const [args, line] of cases) {
      const r = unspin(args, { cwd });
      expect(r.status).toBe(2);
      expect(expectCleanStderr(r.stderr, 1)).toEqual([line]);
    }
    expect(readFileSync(path.join(cwd, "bk6.txt"), "utf8")).toBe(SPUN);
  });

  it("--write with --format is a usage error (--write prints no text)", () => {
    old("bk7.txt", SPUN);
    const r = unspin(["--write", "-f", "json", "bk7.txt"], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^unspin: option '--write' cannot be used with option '-f, --format <format>'\n/);
    expect(readFileSync(path.join(cwd, "bk7.txt"), "utf8")).toBe(SPUN);
  });
});
