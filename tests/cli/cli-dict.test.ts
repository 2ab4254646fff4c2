/**
 * Bad dictionaries through the real CLI: each refused with exit 2, one `unspin: file:line:col:
 * message (hint: ...)` line per problem, and no stack trace. Two --dict files that name the same spun
 * form: the later one overrides the earlier, the same whatever the run.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectCleanStderr, unspin, useScratch } from "../cli-support.js";

const s = useScratch();
let cwd: string;
beforeAll(() => {
  cwd = s.dir;
});

const ENTRY = (extra = "", original = "last year") => `pack: bad
entries:
  - spun: final yr
    original: ${original}
${extra}    examples: [{in: final yr, out: last year}]
`;

function refuse(source: string | Buffer): string[] {
  s.file("bad.yaml", source);
  const r = unspin(["--no-default-packs", "--dict", "bad.yaml", "-"], { cwd, input: "final yr\n", ownDict: false });
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  return expectCleanStderr(r.stderr, r.stderr.split("\n").length - 1);
}

const LOCATED_WITH_HINT = /^unspin: bad\.yaml:\d+:\d+: .+ \(hint: [^)]+\)$/;

describe("a dictionary with a problem is refused: exit 2, file:line:col, a hint", () => {
  it("a YAML syntax error", () => {
    const lines = refuse("pack: bad\nentries:\n  - spun: [unclosed\n    original: x\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(LOCATED_WITH_HINT);
    expect(lines[0]).toMatch(/^unspin: bad\.yaml:4:5: YAML: /);
  });

  it("a tab where YAML wants spaces", () => {
    const lines = refuse("pack: bad\nentries:\n\t- spun: x\n");
    expect(lines[0]).toMatch(LOCATED_WITH_HINT);
  });

  it("an unknown key, with a suggestion", () => {
    expect(refuse(ENTRY("    notes: why\n"))).toEqual([
      "unspin: bad.yaml:5:5: unknown key `notes` in an entry (hint: did you mean `note`?)",
    ]);
  });

  it("a misspelt required key: the unknown key and the missing one, one line each", () => {
    const lines = refuse(
      "pack: bad\nentries:\n  - spun: final yr\n    orignal: last year\n    examples: [{in: final yr, out: last year}]\n",
    );
    expect(lines).toEqual([
      "unspin: bad.yaml:4:5: unknown key `orignal` in an entry (hint: did you mean `original`?)",
      "unspin: bad.yaml:3:5: entry has no `original` (hint: add the restoration: `original: Cold War`)",
    ]);
  });

  it("a wrong type: a list where a string is due", () => {
    expect(refuse(ENTRY("", "[last, year]"))).toEqual([
      "unspin: bad.yaml:4:15: `original` must be a string (hint: quote it if it holds special characters)",
    ]);
  });

  // BUG (src/dictionary/loader.ts, bool() and the `within` check): these wrong types are located but carry no
  // hint, unlike every other problem. Marked until the loader gives them one.
  it("a wrong type: not a boolean", () => {
    const lines = refuse(ENTRY("    match_case: yes please\n"));
    expect(lines[0]).toMatch(/^unspin: bad\.yaml:5:17: `match_case` must be true or false/);
    expect(lines[0]).toMatch(LOCATED_WITH_HINT);
  });

  it("a wrong type: `within` not a number", () => {
    const lines = refuse(ENTRY("    when: {within: two, near: [x]}\n"));
    expect(lines[0]).toMatch(/^unspin: bad\.yaml:5:\d+: `within` must be a whole number/);
    expect(lines[0]).toMatch(LOCATED_WITH_HINT);
  });

  it("an empty spun form", () => {
    expect(refuse("pack: bad\nentries:\n  - spun: ''\n    original: x\n    examples: [{in: a, out: a}]\n")).toEqual([
      "unspin: bad.yaml:3:11: `spun` is empty (hint: write the words, or remove the key)",
    ]);
  });

  it("an empty spun form in a list", () => {
    const lines = refuse(
      "pack: bad\nentries:\n  - spun: [final yr, '  ']\n    original: last year\n    examples: [{in: final yr, out: last year}]\n",
    );
    expect(lines).toEqual(["unspin: bad.yaml:3:22: `spun` is empty (hint: write the words, or remove the key)"]);
  });

  it("a duplicated key", () => {
    const lines = refuse(ENTRY("    original: other\n"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^unspin: bad\.yaml:5:5: YAML: Map keys must be unique/);
    expect(lines[0]).toMatch(LOCATED_WITH_HINT);
  });

  it("a duplicated id", () => {
    const lines = refuse(`pack: bad
entries:
  - spun: final yr
    original: last year
    examples: [{in: final yr, out: last year}]
  - spun: Final Yr
    id: final-yr
    original: last year
    when: {after: [x]}
    examples: [{in: final yr x, out: last year x}]
`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^unspin: bad\.yaml:6:5: duplicate id `final-yr` \(first at line 3\)/);
    expect(lines[0]).toMatch(LOCATED_WITH_HINT);
  });

  // BUG (src/dictionary/loader.ts): the hint of "`entries` must be a list" holds a newline, so the problem
  // reaches the user as two lines, the second `unspin:   - spun: ...)`. Marked until fixed there.
  it("entries that are not a list: one line", () => {
    const lines = refuse("pack: bad\nentries: 5\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(LOCATED_WITH_HINT);
  });

  it("not a map at all", () => {
    expect(refuse("[1, 2]\n")).toEqual([
      "unspin: bad.yaml:1:1: a pack must be a map with `pack` and `entries` (hint: start the file with `pack: NAME`)",
    ]);
  });

  it("an empty file", () => {
    expect(refuse("")[0]).toMatch(LOCATED_WITH_HINT);
  });

  it("invalid UTF-8 in the dictionary: the byte offset", () => {
    expect(refuse(Buffer.concat([Buffer.from("pack: bad\n# caf"), Buffer.from([0xe9]), Buffer.from("\n")]))).toEqual([
      "unspin: bad.yaml: invalid UTF-8 at byte offset 15; not restored",
    ]);
  });

  it("several problems: one line each, in file order", () => {
    const lines = refuse(`pack: bad
entries:
  - spun: ''
    original: x
    examples: [{in: a, out: a}]
  - spun: final yr
    orignal: last year
    exmaples: []
`);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(l).toMatch(/^unspin: bad\.yaml:\d+:\d+: /);
  });

  it("a dictionary file that does not exist, and a pack name that is not built in", () => {
    const r = unspin(["--no-default-packs", "--dict", "nope.yaml", "-"], { cwd, input: "", ownDict: false });
    expect(r.status).toBe(2);
    expect(expectCleanStderr(r.stderr, 1)).toEqual(["unspin: cannot read dictionary nope.yaml: no such file"]);
    const n = unspin(["--no-default-packs", "--dict", "nopack", "-"], { cwd, input: "", ownDict: false });
    expect(n.status).toBe(2);
    expect(expectCleanStderr(n.stderr, 1)[0]).toMatch(
      /^unspin: no built-in pack 'nopack' \(built-in: .*\); give a path to use a file$/,
    );
  });
});

// was: "two --dict files that conflict" (an error naming both, exit 2). A later --dict now overrides
// the earlier ones for every spun form it names: no error, the later file's entry is the one used.
describe("two --dict files that name the same spun form", () => {
  const A =
    "pack: a\nentries:\n  - spun: final yr\n    original: last year\n    examples: [{in: final yr, out: last year}]\n";
  const B =
    "pack: b\nentries:\n  - spun: chilly struggle\n    original: Cold War\n    examples: [{in: chilly struggle, out: Cold War}]\n  - spun: final yr\n    original: final year\n    examples: [{in: final yr, out: final year}]\n";
  const INPUT = "the final yr of the chilly struggle\n";

  function load(...dicts: string[]): { status: number | null; stdout: string } {
    s.file("a.yaml", A);
    s.file("b.yaml", B);
    const args = ["--no-default-packs", ...dicts.flatMap((d) => ["--dict", d]), "-f", "text", "-"];
    const r = unspin(args, { cwd, input: INPUT, ownDict: false });
    expectCleanStderr(r.stderr, 0);
    return { status: r.status, stdout: r.stdout };
  }

  it("the later file's entry wins, exit 0, nothing on stderr", () => {
    expect(load("a.yaml", "b.yaml")).toEqual({ status: 0, stdout: "the final year of the Cold War\n" });
  });

  it("deterministic: the same output every run; the order of --dict decides which file wins", () => {
    const first = load("a.yaml", "b.yaml");
    for (let i = 0; i < 3; i++) expect(load("a.yaml", "b.yaml")).toEqual(first);
    expect(load("b.yaml", "a.yaml")).toEqual({ status: 0, stdout: "the last year of the Cold War\n" });
  });

  it("the same file twice is fine", () => {
    s.file("a.yaml", A);
    const r = unspin(["--no-default-packs", "--dict", "a.yaml", "--dict", "./a.yaml", "-f", "text", "-"], {
      cwd,
      input: "final yr\n",
      ownDict: false,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("last year\n");
  });
});
