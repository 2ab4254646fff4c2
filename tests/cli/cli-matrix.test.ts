/**
 * The bad-input matrix, each case run through the real CLI process. Every case also checks that
 * stderr is exactly one `unspin: ...` line per problem and holds no stack trace.
 *
 * Two read paths exist: `--format text` streams (source.ts), the other formats read whole files
 * (input.ts); the cases that concern reading run on both.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BIN,
  asUserBoundByPermissions,
  expectCleanStderr,
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

const FORMATS = ["diff", "text"] as const;
const SPUN = "the chilly struggle ended final yr";
const RESTORED = "the Cold War ended last year";

describe("files that cannot be read", () => {
  for (const format of FORMATS) {
    it(`missing file (${format}): one error line, exit 2, no output`, () => {
      const r = unspin(["-f", format, "missing.txt"], { cwd });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(expectCleanStderr(r.stderr, 1)).toEqual(["unspin: cannot read missing.txt: no such file"]);
    });

    it(`a folder without text-like files (${format}): one error line, exit 2`, () => {
      mkdirSync(path.join(cwd, "folder"), { recursive: true });
      const r = unspin(["-f", format, "folder"], { cwd });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(expectCleanStderr(r.stderr, 1)).toEqual([
        "unspin: cannot read folder: a folder without text-like files (.txt .md .html .rst …)",
      ]);
    });

    // As root, chmod 000 does not stop a read (CAP_DAC_OVERRIDE): the CLI is then run as `nobody`,
    // for whom the file really is unreadable, from a copy of the package that `nobody` can reach
    // wherever the checkout is. Not root: the current user is enough.
    it(`a file without read permission (${format}): one error line, exit 2`, () => {
      const file = s.file(`secret-${format}.txt`, `${SPUN}\n`);
      chmodSync(file, 0o000);
      const r = unspin(["-f", format, path.basename(file)], { cwd, ...asUserBoundByPermissions(pkg) });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(expectCleanStderr(r.stderr, 1)).toEqual([`unspin: cannot read ${path.basename(file)}: permission denied`]);
    });

    it(`a missing file among good ones (${format}): the good ones are still restored, exit 2`, () => {
      s.file("good.txt", `${SPUN}\n`);
      const r = unspin(["-f", format, "good.txt", "missing.txt"], { cwd });
      expect(r.status).toBe(2);
      expect(r.stdout).toContain(format === "text" ? RESTORED : "{+Cold War+}");
      expect(expectCleanStderr(r.stderr, 1)).toEqual(["unspin: cannot read missing.txt: no such file"]);
    });
  }

  it("standard input closed or empty: an empty document, exit 0", () => {
    const r = unspin(["-f", "text"], { cwd, input: "" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expectCleanStderr(r.stderr, 0);
  });
});

describe("an empty file", () => {
  it("text: empty output, exit 0", () => {
    s.file("empty.txt", "");
    const r = unspin(["-f", "text", "empty.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expectCleanStderr(r.stderr, 0);
  });

  it("diff and json: nothing to restore, exit 0; --check: exit 0", () => {
    s.file("empty.txt", "");
    const d = unspin(["empty.txt"], { cwd });
    expect(d.status).toBe(0);
    // (the summary line may carry the spinner score, which is another test's business)
    expect(d.stdout).toMatch(/^0 restorations in 0 words(; spinner score 0\.00 \(not spun\))? \(empty\.txt\)\n$/);
    const j = unspin(["-f", "json", "empty.txt"], { cwd });
    expect(JSON.parse(j.stdout).files[0]).toMatchObject({ file: "empty.txt", words: 0, edits: [] });
    expect(unspin(["--check", "empty.txt"], { cwd }).status).toBe(0);
  });
});

describe("a binary file (NUL bytes)", () => {
  const BIN_DATA = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);

  for (const format of FORMATS) {
    it(`alone (${format}): a warning naming the offset, no output, exit 2`, () => {
      s.file("image.png", BIN_DATA);
      const r = unspin(["-f", format, "image.png"], { cwd });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(expectCleanStderr(r.stderr, 1)).toEqual([
        "unspin: warning: image.png: binary file (NUL byte at offset 8); skipped",
      ]);
    });

    it(`among text files (${format}): skipped with a warning, the others restored, exit 0`, () => {
      s.file("image.png", BIN_DATA);
      s.file("good.txt", `${SPUN}\n`);
      const r = unspin(["-f", format, "good.txt", "image.png"], { cwd });
      expect(r.status).toBe(0);
      if (format === "text") expect(r.stdout).toBe(`${RESTORED}\n`);
      else expect(r.stdout).toContain("{+Cold War+}");
      expect(expectCleanStderr(r.stderr, 1)).toEqual([
        "unspin: warning: image.png: binary file (NUL byte at offset 8); skipped",
      ]);
    });
  }

  it("on standard input: a warning, exit 2", () => {
    const r = unspin(["-f", "text", "-"], { cwd, input: Buffer.from("abc\0def") });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(expectCleanStderr(r.stderr, 1)).toEqual([
      "unspin: warning: <stdin>: binary file (NUL byte at offset 3); skipped",
    ]);
  });

  it("among text files with --check and spun text: exit 1 (the binary file does not hide the finding)", () => {
    s.file("image.png", BIN_DATA);
    s.file("good.txt", `${SPUN}\n`);
    const r = unspin(["--check", "good.txt", "image.png"], { cwd });
    expect(r.status).toBe(1);
    expectCleanStderr(r.stderr, 1);
  });
});

describe("invalid UTF-8: an error naming the byte offset, never U+FFFD", () => {
  const cases: [string, Buffer, number][] = [
    [
      "a stray continuation byte",
      Buffer.concat([Buffer.from("the chilly "), Buffer.from([0x80]), Buffer.from(" struggle\n")]),
      11,
    ],
    ["a Latin-1 é", Buffer.concat([Buffer.from("caf"), Buffer.from([0xe9]), Buffer.from(" final yr\n")]), 3],
    ["an overlong encoding", Buffer.concat([Buffer.from("ab"), Buffer.from([0xc0, 0x80]), Buffer.from("cd")]), 2],
    ["a UTF-16 surrogate", Buffer.concat([Buffer.from("é final yr "), Buffer.from([0xed, 0xa0, 0x80])]), 12],
    ["beyond U+10FFFF", Buffer.concat([Buffer.from("x"), Buffer.from([0xf4, 0x90, 0x80, 0x80])]), 1],
    ["a character cut at the end", Buffer.concat([Buffer.from("final yr "), Buffer.from([0xe2, 0x82])]), 9],
  ];
  for (const [what, bytes, offset] of cases) {
    for (const format of FORMATS) {
      it(`${what} (${format}): exit 2, offset ${offset}`, () => {
        s.file("latin.txt", bytes);
        const r = unspin(["-f", format, "latin.txt"], { cwd });
        expect(r.status).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stdout).not.toContain("\uFFFD");
        const [line] = expectCleanStderr(r.stderr, 1);
        expect(line).toMatch(
          new RegExp(`^unspin: latin\\.txt: invalid UTF-8 .*byte offset ${offset}\\b.*not restored$`),
        );
      });
    }
  }

  for (const [what, bytes, offset] of cases) {
    it(`${what} on stdin (text streams): exit 2, offset ${offset}`, () => {
      const r = unspin(["-f", "text", "-"], { cwd, input: bytes });
      expect(r.status).toBe(2);
      expect(r.stdout).not.toContain("\uFFFD");
      expect(expectCleanStderr(r.stderr, 1)[0]).toMatch(
        new RegExp(`^unspin: <stdin>: invalid UTF-8 .*byte offset ${offset}\\b.*not restored$`),
      );
    });
  }

  it("on a later chunk of a large input (text streams): the offset counts from the file's start", () => {
    const head = Buffer.from(`${"word ".repeat(300_000)}`); // 1.5 MB, more than one read chunk
    s.file("late.txt", Buffer.concat([head, Buffer.from([0xff])]));
    const r = unspin(["-f", "json", "late.txt"], { cwd });
    expect(r.status).toBe(2);
    expect(expectCleanStderr(r.stderr, 1)).toEqual([
      `unspin: late.txt: invalid UTF-8 at byte offset ${head.length}; not restored`,
    ]);
    const t = unspin(["-f", "text", "late.txt"], { cwd });
    expect(t.status).toBe(2);
    expect(t.stdout).not.toContain("\uFFFD");
    expect(expectCleanStderr(t.stderr, 1)[0]).toContain(`byte offset ${head.length}`);
  });

  it("--write leaves the file byte for byte and its mtime as they were", () => {
    const bytes = Buffer.concat([Buffer.from("the chilly struggle "), Buffer.from([0xff]), Buffer.from("\n")]);
    const file = s.file("bad-write.txt", bytes);
    const before = statSync(file).mtimeMs;
    const r = unspin(["--write", "bad-write.txt"], { cwd });
    expect(r.status).toBe(2);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(before);
    const lines = expectCleanStderr(r.stderr, 2);
    expect(lines[0]).toBe("unspin: bad-write.txt: invalid UTF-8 at byte offset 20; not restored");
    expect(lines[1]).toBe("unspin: 0 files restored (0 restorations), 0 unchanged, 1 not restored");
  });
});

describe("a UTF-8 byte order mark is kept byte for byte", () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

  it("text output starts with the same three bytes; the restoration happens after them", () => {
    s.file("bom.txt", Buffer.concat([BOM, Buffer.from(`${SPUN}\n`)]));
    const r = spawnSync(
      process.execPath,
      [BIN, "--no-default-packs", "--dict", "robust.yaml", "-f", "text", "bom.txt"],
      {
        cwd,
        env: { ...process.env, UNSPIN_NO_CACHE: "1" },
      },
    );
    expect(r.status).toBe(0);
    expect(Buffer.compare(r.stdout, Buffer.concat([BOM, Buffer.from(`${RESTORED}\n`)]))).toBe(0);
  });

  it("a spun form right after the BOM is restored, its case followed", () => {
    s.file("bom2.txt", Buffer.concat([BOM, Buffer.from("Chilly struggle.")]));
    const r = unspin(["-f", "text", "bom2.txt"], { cwd });
    expect(r.stdout).toBe("\uFEFFCold War.");
  });

  it("--write keeps it", () => {
    const file = s.file("bom-write.txt", Buffer.concat([BOM, Buffer.from(`${SPUN}\n`)]));
    const r = unspin(["--write", "bom-write.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(readFileSync(file).equals(Buffer.concat([BOM, Buffer.from(`${RESTORED}\n`)]))).toBe(true);
  });

  it("a file holding only a BOM is unchanged", () => {
    s.file("bom-only.txt", BOM);
    const r = spawnSync(
      process.execPath,
      [BIN, "--no-default-packs", "--dict", "robust.yaml", "-f", "text", "bom-only.txt"],
      { cwd },
    );
    expect(Buffer.compare(r.stdout, BOM)).toBe(0);
  });
});

describe("line endings are kept exactly, with a restoration in the middle", () => {
  const endings: [string, string, string][] = [
    [
      "CRLF",
      "first line\r\nthe chilly struggle ended\r\nlast line\r\n",
      "first line\r\nthe Cold War ended\r\nlast line\r\n",
    ],
    [
      "mixed CRLF, LF and CR",
      "one\r\ntwo\nthree\rthe chilly struggle, final yr\r\n\r\nfour\n\rfive",
      "one\r\ntwo\nthree\rthe Cold War, last year\r\n\r\nfour\n\rfive",
    ],
    ["CRLF inside a spun form", "a\r\nthe chilly\r\nstruggle\r\nb\r\n", "a\r\nthe Cold War\r\nb\r\n"],
    ["no final newline", "the chilly struggle", "the Cold War"],
    ["trailing spaces and tabs", "the chilly struggle \t \r\n\t\r\n", "the Cold War \t \r\n\t\r\n"],
  ];
  for (const [what, input, output] of endings) {
    it(`${what}: text output`, () => {
      s.file("eol.txt", input);
      const r = unspin(["-f", "text", "eol.txt"], { cwd });
      expect(r.status).toBe(0);
      expect(JSON.stringify(r.stdout)).toBe(JSON.stringify(output));
      expectCleanStderr(r.stderr, 0);
    });

    it(`${what}: --write`, () => {
      const file = s.file("eol-write.txt", input);
      unspin(["--write", "eol-write.txt"], { cwd });
      expect(JSON.stringify(readFileSync(file, "utf8"))).toBe(JSON.stringify(output));
    });
  }

  it("CRLF: json edits point at the right line and column", () => {
    s.file("eol.txt", "first line\r\nsecond\r\nthe chilly struggle\r\n");
    const r = unspin(["-f", "json", "eol.txt"], { cwd });
    const [e] = JSON.parse(r.stdout).files[0].edits;
    expect([e.line, e.col, e.spun]).toEqual([3, 5, "chilly struggle"]);
  });
});

describe("output into a closed pipe (unspin big.txt | head -1)", () => {
  const line = `${SPUN}, and nothing else happened here at all today.\n`;
  for (const format of ["text", "diff", "json"]) {
    it(`${format}: no error text, no hang, exit 0`, () => {
      const file = s.file("big.txt", line.repeat(Math.ceil(5e6 / line.length)));
      const script = `"${process.execPath}" "${BIN}" --no-default-packs --dict robust.yaml -f ${format} "${file}" | head -1; echo "unspin exit: \${PIPESTATUS[0]}"`;
      const r = spawnSync("bash", ["-c", script], {
        cwd,
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, NO_COLOR: "1", UNSPIN_NO_CACHE: "1" },
      });
      expect(r.error, "the pipeline hung").toBeUndefined();
      expect(r.stderr).toBe("");
      const out = r.stdout.split("\n");
      expect(out[0]).toContain(format === "text" ? RESTORED : format === "diff" ? "{+Cold War+}" : "{");
      expect(out[1]).toBe("unspin exit: 0");
    }, 90_000);
  }

  // The unified diff was quadratic (jsdiff over whole texts); it is now built from the edits, and
  // tests/cli/unified.test.ts checks it on 5 MB. Here: the whole CLI path completes, with every hunk.
  // (No time limit but a hang's: a loaded machine is slow without anything being wrong.)
  it("unified: 600 KB of spun text, every line restored in the patch", () => {
    const lines = Math.ceil(6e5 / line.length);
    const file = s.file("unified.txt", line.repeat(lines));
    const r = spawnSync(process.execPath, [BIN, "--no-default-packs", "--dict", "robust.yaml", "-f", "unified", file], {
      cwd,
      encoding: "utf8",
      timeout: 60_000,
      maxBuffer: 1 << 28,
      env: { ...process.env, UNSPIN_NO_CACHE: "1" },
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.match(/^\+the Cold War ended last year,/gm)).toHaveLength(lines);
  }, 90_000);

  it("head -c on the text of a 5 MB line: no error text", () => {
    const file = s.file("longline.txt", `${"the chilly struggle ".repeat(250_000)}\n`);
    const r = spawnSync(
      "bash",
      [
        "-c",
        `"${process.execPath}" "${BIN}" --no-default-packs --dict robust.yaml -f text "${file}" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd, encoding: "utf8", timeout: 60_000 },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("0");
  }, 70_000);
});

describe("usage", () => {
  it("standard input twice: one line, exit 2", () => {
    const r = unspin(["-", "-"], { cwd, input: "x" });
    expect(r.status).toBe(2);
    expect(expectCleanStderr(r.stderr, 1)[0]).toMatch(/^unspin: standard input \(-\) can be read only once/);
  });

  it("an input file given twice is restored twice in output (as cat would)", () => {
    writeFileSync(path.join(cwd, "twice.txt"), "final yr\n");
    const r = unspin(["-f", "text", "twice.txt", "twice.txt"], { cwd });
    expect(r.stdout).toBe("last year\nlast year\n");
  });
});
