/**
 * Every subcommand's missing, unreadable and empty inputs, through the real CLI: exit 2 and exactly
 * one stderr line `unspin: …`, never "internal error", a raw errno code (ENOENT, EACCES, EISDIR) or
 * stack text. "Unreadable" is real on any machine: a folder where a file is expected, and (as root,
 * for whom chmod 000 does not stop a read) a chmod-000 file read by `nobody` from a copy of the
 * package that `nobody` can reach (usePackageCopy), wherever the checkout is.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { asUserBoundByPermissions, expectCleanStderr, unspin, usePackageCopy, useScratch } from "../cli-support.js";
import type { CliOptions } from "../cli-support.js";

const s = useScratch("unspin-errors-");
const pkg = usePackageCopy();
let cwd: string;

beforeAll(() => {
  cwd = s.dir;
  mkdirSync(path.join(cwd, "folder"), { recursive: true });
  s.file("empty.txt", "");
  s.file("text.txt", "the chilly struggle ended\n");
  for (const name of ["secret.txt", "secret.yaml"]) chmodSync(s.file(name, "chilly struggle|Cold War\n"), 0o000);
});

/** Run the CLI and check: exit 2, one clean `unspin: ` line; returns it. */
function oneError(args: string[], o: Partial<CliOptions> = {}): string {
  const r = unspin(args, { cwd, ownDict: false, ...o });
  const lines = expectCleanStderr(r.stderr, 1);
  expect(r.stderr).not.toMatch(/internal error|ENOENT|EACCES|EISDIR|EPERM|ENOTDIR/);
  expect(r.status, r.stderr).toBe(2);
  return lines[0];
}

/** eval with the scratch dictionary only (quicker to load than the news pack). */
const EVAL = ["eval", "--no-default-packs", "-d", "robust.yaml"];

/** As a user for whom file permissions hold (nobody, when run as root). */
const bound = (): Partial<CliOptions> => asUserBoundByPermissions(pkg);

describe("unspin (restore)", () => {
  it("a missing --dict file", () => {
    expect(oneError(["--no-default-packs", "--dict", "missing.yaml", "text.txt"])).toBe(
      "unspin: cannot read dictionary missing.yaml: no such file",
    );
  });
  it("a folder as --dict", () => {
    expect(oneError(["--no-default-packs", "--dict", "./folder", "text.txt"])).toBe(
      "unspin: cannot read dictionary folder: a folder without text-like files (.txt .md .html .rst …)",
    );
  });
  it("an unreadable --dict file", () => {
    expect(oneError(["--no-default-packs", "--dict", "./secret.yaml", "text.txt"], bound())).toBe(
      "unspin: cannot read dictionary secret.yaml: permission denied",
    );
  });
  for (const format of ["json", "jsonl", "unified", "diff", "text"])
    it(`a missing input, -f ${format}`, () => {
      expect(oneError(["-f", format, "missing.txt"], { ownDict: true })).toBe(
        "unspin: cannot read missing.txt: no such file",
      );
    });
  it("an empty input is a text like any other: exit 0, nothing to restore", () => {
    const r = unspin(["-f", "text", "empty.txt"], { cwd });
    expect(r).toMatchObject({ status: 0, stdout: "", stderr: "" });
  });
});

describe(".unspinrc.yaml", () => {
  it("a config that is a folder, not a file: names it, hints at --no-config", () => {
    const dir = path.join(cwd, "rc-folder");
    mkdirSync(path.join(dir, ".unspinrc.yaml"), { recursive: true });
    const line = oneError(["-f", "text", "-"], { cwd: dir, input: "x\n" });
    expect(line).toMatch(
      /^unspin: cannot read config .*\.unspinrc\.yaml: a folder without text-like files \(.*\) \(hint: .*--no-config\)$/,
    );
  });
  it("an unreadable config", () => {
    const dir = path.join(cwd, "rc-secret");
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, ".unspinrc.yaml"), "packs: [news]\n");
    chmodSync(path.join(dir, ".unspinrc.yaml"), 0o000);
    const line = oneError(["-f", "text", "-"], { cwd: dir, input: "x\n", ...bound() });
    expect(line).toMatch(/^unspin: cannot read config .*\.unspinrc\.yaml: permission denied \(hint: /);
  });
  it("a config naming a missing dictionary", () => {
    const dir = path.join(cwd, "rc-dangling");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, ".unspinrc.yaml"), "dictionaries: [gone.yaml]\n");
    expect(oneError(["-f", "text", "-"], { cwd: dir, input: "x\n" })).toMatch(
      /^unspin: cannot read dictionary .*gone\.yaml: no such file$/,
    );
  });
});

describe("unspin dict import", () => {
  it("a missing thesaurus (was: ENOENT)", () => {
    expect(oneError(["dict", "import", "missing.txt"])).toBe("unspin: cannot read missing.txt: no such file");
  });
  it("a folder as the thesaurus (was: EISDIR)", () => {
    expect(oneError(["dict", "import", "folder"])).toBe(
      "unspin: cannot read folder: a folder without text-like files (.txt .md .html .rst …)",
    );
  });
  it("an unreadable thesaurus", () => {
    expect(oneError(["dict", "import", "secret.txt"], bound())).toBe(
      "unspin: cannot read secret.txt: permission denied",
    );
  });
  it("an empty thesaurus: nothing to import is a mistake, said so (was: an error about the YAML it made)", () => {
    expect(oneError(["dict", "import", "empty.txt"])).toMatch(
      /^unspin: no thesaurus lines to import in empty\.txt \(hint: /,
    );
  });
  it("--out into a folder that does not exist", () => {
    s.file("th.txt", "chilly struggle|Cold War\n");
    expect(oneError(["dict", "import", "th.txt", "--out", "/nonexistent-dir/x.yaml"])).toMatch(
      /^unspin: cannot write \/nonexistent-dir\/x\.yaml: no folder \/nonexistent-dir \(hint: /,
    );
  });
});

describe("unspin dict lint / test / list", () => {
  for (const cmd of ["lint", "test", "list"]) {
    it(`dict ${cmd} of a missing pack file (lint was: internal error)`, () => {
      expect(oneError(["dict", cmd, "missing.yaml"])).toBe("unspin: cannot read dictionary missing.yaml: no such file");
    });
    it(`dict ${cmd} of a folder`, () => {
      expect(oneError(["dict", cmd, "./folder"])).toBe(
        "unspin: cannot read dictionary folder: a folder without text-like files (.txt .md .html .rst …)",
      );
    });
    it(`dict ${cmd} of an unreadable pack file`, () => {
      expect(oneError(["dict", cmd, "./secret.yaml"], bound())).toBe(
        "unspin: cannot read dictionary secret.yaml: permission denied",
      );
    });
  }
  for (const cmd of ["test", "list"])
    it(`dict ${cmd} of an empty pack file: one line saying what a pack needs`, () => {
      expect(oneError(["dict", cmd, "./empty.txt"])).toMatch(/^unspin: empty\.txt:1:1: a pack must be a map/);
    });
  it("dict lint of an empty pack file reports it as a lint error (exit 1: lint's verdict on a pack that does not load)", () => {
    const r = unspin(["dict", "lint", "./empty.txt"], { cwd, ownDict: false });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^empty\.txt:1:1: error: a pack must be a map/);
    expect(r.stderr).toBe("");
  });
});

describe("unspin dict add", () => {
  it("--to a file in a folder that does not exist", () => {
    expect(oneError(["dict", "add", "chilly struggle", "Cold War", "--to", "/nonexistent-dir/f.yaml"])).toMatch(
      /^unspin: cannot write \/nonexistent-dir\/f\.yaml: no folder \/nonexistent-dir \(hint: /,
    );
  });
  it("--to a folder", () => {
    expect(oneError(["dict", "add", "chilly struggle", "Cold War", "--to", "./folder"])).toBe(
      "unspin: cannot read dictionary folder: a folder without text-like files (.txt .md .html .rst …)",
    );
  });
  it("--to an unreadable pack file", () => {
    expect(oneError(["dict", "add", "chilly struggle", "Cold War", "--to", "./secret.yaml"], bound())).toBe(
      "unspin: cannot read dictionary secret.yaml: permission denied",
    );
  });
});

describe("unspin explain", () => {
  it("--file missing", () => {
    expect(oneError(["explain", "--file", "missing.txt"])).toMatch(
      /^unspin: cannot read .*missing\.txt: no such file$/,
    );
  });
  it("--file a folder", () => {
    expect(oneError(["explain", "--file", "folder"])).toMatch(
      /^unspin: cannot read .*folder: a folder without text-like files \(.*\)$/,
    );
  });
  it("--file unreadable", () => {
    expect(oneError(["explain", "--file", "secret.txt"], bound())).toMatch(
      /^unspin: cannot read .*secret\.txt: permission denied$/,
    );
  });
  it("nothing to explain", () => {
    expect(oneError(["explain"])).toBe("unspin: explain needs a phrase or sentence, or --file FILE");
  });
  it("--file empty: an empty text is explained like any other (exit 0, no match)", () => {
    const r = unspin(["explain", "--file", "empty.txt"], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("no entry matches anywhere in the text");
  });
});

describe("unspin eval", () => {
  it("a missing folder (was: internal error: ENOENT)", () => {
    expect(oneError([...EVAL, "/nonexistent"])).toBe("unspin: cannot read /nonexistent: no such file");
  });
  it("a folder without pairs is a mistake (a wrong path or naming), not a score of nothing: exit 2 (was: a blank line, exit 0)", () => {
    expect(oneError([...EVAL, "folder"])).toMatch(
      /^unspin: no spun\/original pairs in folder \(hint: .*NAME\.spun\.txt/,
    );
  });
  it("--clean of a folder without texts: exit 2", () => {
    expect(oneError([...EVAL, "--clean", "folder"])).toMatch(/^unspin: no \.txt files in folder/);
  });
  it("nothing to evaluate at all: exit 2 with an example", () => {
    expect(oneError(EVAL)).toMatch(/^unspin: eval needs folders of pairs, or --clean folders \(hint: /);
  });
  it("an unreadable spun text of a pair", () => {
    const dir = path.join(cwd, "pairs");
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, "a.orig.txt"), "the Cold War\n");
    chmodSync(path.join(dir, "a.orig.txt"), 0o644);
    writeFileSync(path.join(dir, "a.spun.txt"), "the chilly struggle\n");
    chmodSync(path.join(dir, "a.spun.txt"), 0o000);
    expect(oneError([...EVAL, "pairs"], bound())).toMatch(/^unspin: cannot read .*a\.spun\.txt: permission denied$/);
  });
});
