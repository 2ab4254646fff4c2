import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { addEntry } from "../../src/authoring/add.js";
import { appendEntryText, detectStyle, renderEntry, scalar } from "../../src/authoring/yamltext.js";
import { readPack } from "../../src/dictionary/loader.js";
import { cli } from "../helpers.js";
import { runIn, tempDir } from "../dict-helpers.js";

const COMMENTED = `# yaml-language-server: $schema=./schema.json
# My terms.   Comments, odd spacing and blank lines must survive.

pack: mine
description: 'single-quoted, kept as is'
entries:
    # first entry, indented by four
    - spun: chilly struggle     # trailing comment
      original: Cold War
      examples: [{in: "The Chilly Struggle ended.", out: "The Cold War ended."}]

    - spun: [bunch, heap]   # a list
      original: lot
      when: {before: [a]}
      examples:
      - in: a bunch of things
        out: a lot of things
    # a last comment inside the list
`;

describe("dict add (issue check 1)", () => {
  it("adds to a new file, and unspin --dict restores with it", { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const r = await runIn(dir, [
      "dict",
      "add",
      "frobnicated widget",
      "famous gadget",
      "--to",
      "my.yaml",
      "--example",
      "The frobnicated widget sold out.",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("my.yaml:4");
    const text = readFileSync(path.join(dir, "my.yaml"), "utf8");
    expect(text.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=.*dictionaries\/schema\.json$/);
    expect(text).toContain("pack: my\n");
    writeFileSync(path.join(dir, "a.txt"), "The frobnicated widget sold out.\n");
    const out = cli(["--no-default-packs", "--dict", "my.yaml", "--format", "text", "a.txt"], { cwd: dir });
    expect(out.stdout).toBe("The famous gadget sold out.\n");
    const withDefault = cli(["--dict", "my.yaml", "--format", "text", "a.txt"], { cwd: dir });
    expect(withDefault.stdout).toBe("The famous gadget sold out.\n");
  });

  it("leaves every other byte of a commented file unchanged", async () => {
    const dir = tempDir();
    const file = path.join(dir, "terms.yaml");
    writeFileSync(file, COMMENTED);
    const r = await runIn(dir, [
      "dict",
      "add",
      "frobnicated widget",
      "famous gadget",
      "--to",
      "terms.yaml",
      "--example",
      "The frobnicated widget sold out.",
    ]);
    expect(r.status).toBe(0);
    const after = readFileSync(file, "utf8");
    // the file's own style: dash at column 4, keys at 6, nested lists not indented
    const added = [
      "    - spun: frobnicated widget",
      "      original: famous gadget",
      "      examples:",
      "      - in: The frobnicated widget sold out.",
      "        out: The famous gadget sold out.",
      "",
    ].join("\n");
    const last = "    # a last comment inside the list\n";
    expect(after).toBe(COMMENTED.replace(last, added + last));
    expect(readPack("terms.yaml", after).entries.map((e) => e.id)).toEqual([
      "chilly-struggle",
      "bunch",
      "frobnicated-widget",
    ]);
  });

  it("adds to a file without a final newline, keeping its bytes", () => {
    const dir = tempDir();
    const file = path.join(dir, "x.yaml");
    const src = "pack: x\nentries:\n- spun: a b\n  original: c\n  examples: [{in: a b, out: c}]";
    writeFileSync(file, src);
    addEntry({ spun: "d e", original: "f", file, cwd: dir, example: "d e" });
    const after = readFileSync(file, "utf8");
    expect(after.startsWith(`${src}\n- spun: d e\n  original: f\n`)).toBe(true);
  });

  it("keeps CRLF line endings", () => {
    const dir = tempDir();
    const file = path.join(dir, "crlf.yaml");
    const src = "pack: x\r\nentries:\r\n  - spun: a b\r\n    original: c\r\n    examples: [{in: a b, out: c}]\r\n";
    writeFileSync(file, src);
    addEntry({ spun: "d e", original: "f", file, cwd: dir, example: "d e" });
    const after = readFileSync(file, "utf8");
    expect(after.startsWith(src)).toBe(true);
    expect(after.slice(src.length).replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("without --example makes one and says so on stderr", async () => {
    const dir = tempDir();
    const r = await runIn(dir, [
      "dict",
      "add",
      "chilly struggle",
      "Cold War",
      "--to",
      "w.yaml",
      "--before",
      "the",
      "--exact",
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'unspin: no --example given; made one: "The chilly struggle was noted." → "The Cold War was noted."\n',
    );
    const text = readFileSync(path.join(dir, "w.yaml"), "utf8");
    expect(text).toContain("    case: exact\n    when:\n      preceded_by: [the]\n");
    const e = readPack("w.yaml", text).entries[0];
    expect(e.exactCase).toBe(true);
    expect(e.when[0].before).toEqual([{ type: "seq", keys: ["the"] }]);
  });

  it("--after and --allow are written and checked", async () => {
    const dir = tempDir();
    const ok = await runIn(dir, [
      "dict",
      "add",
      "bunch",
      "lot",
      "--to",
      "w.yaml",
      "--after",
      "of",
      "--allow",
      "A bunch grew.",
    ]);
    expect(ok.status).toBe(0);
    const e = readPack("w.yaml", readFileSync(path.join(dir, "w.yaml"), "utf8")).entries[0];
    expect(e.when[0].after).toEqual([{ type: "seq", keys: ["of"] }]);
    expect(e.allows.map((a) => a.text)).toEqual(["A bunch grew."]);
    // allows are run as clean text: an ordinary-English spun form ("heap") does not act there, so
    // this allow holds (it was refused before the evidence step); a marked form acts anywhere, so
    // an allow holding it is broken and the entry refused
    const heap = await runIn(dir, ["dict", "add", "heap", "pile", "--to", "w.yaml", "--allow", "A heap grew."]);
    expect(heap.status).toBe(0);
    const before = readFileSync(path.join(dir, "w.yaml"), "utf8");
    const bad = await runIn(dir, [
      "dict",
      "add",
      "frobnicated widget",
      "famous gadget",
      "--to",
      "w.yaml",
      "--allow",
      "A frobnicated widget grew.",
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("fails its own allow");
    expect(readFileSync(path.join(dir, "w.yaml"), "utf8")).toBe(before);
  });

  it("refuses a duplicate, naming the existing entry with file:line", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "t.yaml"), COMMENTED);
    const r = await runIn(dir, ["dict", "add", "Chilly Struggle", "cold war", "--to", "t.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("duplicate");
    expect(r.stderr).toContain("t.yaml:8");
    expect(readFileSync(path.join(dir, "t.yaml"), "utf8")).toBe(COMMENTED);
  });

  // was: "refuses a conflict, ...". Another original of a spun form in the same file is now an
  // alternative reading (the context chooses): accepted when the context picks it in its example.
  it("accepts another original as an alternative the context picks, and the same spun form told apart by a condition", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "t.yaml"), COMMENTED);
    const dup = await runIn(dir, ["dict", "add", "heap", "lot", "--to", "t.yaml", "--before", "a"]);
    expect(dup.stderr).toMatch(/duplicate: .*t\.yaml:12/);
    // "Cold War" fits "The chilly struggle was noted." better than "cold fight": the new entry
    // would never act in its own example, so it is refused and the file left alone
    const never = await runIn(dir, ["dict", "add", "chilly struggle", "cold fight", "--to", "t.yaml"]);
    expect(never.status).toBe(1);
    expect(never.stderr).toContain("fails its own example");
    expect(never.stderr).toContain("got:      The Cold War was noted.");
    expect(readFileSync(path.join(dir, "t.yaml"), "utf8")).toBe(COMMENTED);
    const more = ["dict", "add", "extra", "more", "--to", "x.yaml", "--example", "prices rose by extra than 5%"];
    expect((await runIn(dir, more)).status).toBe(0);
    const additional = [
      "dict",
      "add",
      "extra",
      "additional",
      "--to",
      "x.yaml",
      "--example",
      "they added an extra charge",
    ];
    expect((await runIn(dir, additional)).status).toBe(0);
    const x = readPack("x.yaml", readFileSync(path.join(dir, "x.yaml"), "utf8"));
    expect(x.entries.map((e) => [e.spun, e.original])).toEqual([
      [["extra"], "more"],
      [["extra"], "additional"],
    ]);
    const ok = await runIn(dir, ["dict", "add", "heap", "pile", "--to", "t.yaml", "--before", "the"]);
    expect(ok.status).toBe(0);
    const other = await runIn(dir, ["dict", "add", "bunch", "group", "--to", "t.yaml", "--before", "the"]);
    expect(other.status).toBe(0);
    expect(other.stdout).toContain("as bunch-2 ");
  });

  it("names the entries a new alternative joins", () => {
    const dir = tempDir();
    const file = path.join(dir, "x.yaml");
    const add = (original: string, example: string) => addEntry({ spun: "extra", original, file, cwd: dir, example });
    expect(add("more", "prices rose by extra than 5%").alternatives).toEqual([]);
    expect(add("additional", "they added an extra charge").alternatives).toEqual([
      "'extra' → 'more' (extra, x.yaml:4)",
    ]);
  });

  it("refuses an example that the entry does not restore, and leaves the file alone", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "t.yaml"), COMMENTED);
    const missing = await runIn(dir, [
      "dict",
      "add",
      "odd thing",
      "even thing",
      "--to",
      "t.yaml",
      "--example",
      "Nothing here.",
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("does not contain");
    const blocked = await runIn(dir, [
      "dict",
      "add",
      "struggle",
      "war",
      "--to",
      "t.yaml",
      "--example",
      "The chilly struggle.",
    ]);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain("expected: The chilly war.");
    expect(readFileSync(path.join(dir, "t.yaml"), "utf8")).toBe(COMMENTED);
  });

  it("refuses an entry that breaks another entry's example", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "t.yaml"), COMMENTED);
    const r = await runIn(dir, ["dict", "add", "bunch of", "set of", "--to", "t.yaml"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("breaks bunch");
    expect(readFileSync(path.join(dir, "t.yaml"), "utf8")).toBe(COMMENTED);
  });

  it("says where when there is no --to and no config", async () => {
    const r = await runIn(tempDir(), ["dict", "add", "a b", "c"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--to FILE");
  });
});

describe("dict add is atomic (issue check 2)", () => {
  it("a failure between write and rename leaves the original file intact (env seam)", async () => {
    const dir = tempDir();
    const file = path.join(dir, "t.yaml");
    writeFileSync(file, COMMENTED);
    const r = await runIn(dir, ["dict", "add", "frobnicated widget", "famous gadget", "--to", "t.yaml"], {
      UNSPIN_TEST_FAIL_BEFORE_RENAME: "1",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("simulated failure before rename");
    expect(readFileSync(file, "utf8")).toBe(COMMENTED);
    expect(readdirSync(dir)).toEqual(["t.yaml"]);
  });

  it("a crash in the library hook leaves the file intact and no temp file behind", () => {
    const dir = tempDir();
    const file = path.join(dir, "t.yaml");
    writeFileSync(file, COMMENTED);
    let seen = "";
    expect(() =>
      addEntry({
        spun: "frobnicated widget",
        original: "famous gadget",
        file,
        cwd: dir,
        beforeRename: (temp) => {
          seen = readFileSync(temp, "utf8");
          throw new Error("killed");
        },
      }),
    ).toThrow("killed");
    expect(seen).toContain("frobnicated widget");
    expect(readFileSync(file, "utf8")).toBe(COMMENTED);
    expect(readdirSync(dir)).toEqual(["t.yaml"]);
  });

  it("a new file is not created when the write fails", () => {
    const dir = tempDir();
    const file = path.join(dir, "new.yaml");
    expect(() =>
      addEntry({
        spun: "a b",
        original: "c",
        file,
        cwd: dir,
        beforeRename: () => {
          throw new Error("x");
        },
      }),
    ).toThrow();
    expect(existsSync(file)).toBe(false);
  });
});

describe("YAML text helpers", () => {
  it("scalar() writes text that reads back as the same string", () => {
    for (const s of [
      "plain words",
      "yes",
      "12",
      "a: b",
      "#tag",
      "- dash",
      "it's",
      'say "hi"',
      "x, y",
      "[a]",
      "trailing ",
      "tab\there",
      "café ü",
    ]) {
      const doc = `k: ${scalar(s)}\nl: [${scalar(s, true)}]\n`;
      expect(readPackLike(doc)).toEqual({ k: s, l: [s] });
    }
  });

  it("detectStyle reads the dash, key and nested-list columns", () => {
    expect(detectStyle(COMMENTED)).toEqual({ dash: 4, key: 6, nested: 0 });
    expect(detectStyle("pack: x\nentries:\n- spun: a\n  original: b\n  examples:\n    - {in: a, out: b}\n")).toEqual({
      dash: 0,
      key: 2,
      nested: 2,
    });
    expect(detectStyle("pack: x\nentries: []\n")).toEqual({ dash: 2, key: 4, nested: 2 });
  });

  it("appendEntryText fills an empty flow list", () => {
    const text = appendEntryText(
      "pack: x\nentries: []  # none yet\n",
      renderEntry({ spun: "a b", original: "c", examples: [{ in: "a b", out: "c" }] }),
    );
    expect(text).toBe(
      "pack: x\nentries: \n  - spun: a b\n    original: c\n    examples:\n      - in: a b\n        out: c  # none yet\n",
    );
    expect(readPack("x", text).entries).toHaveLength(1);
  });
});

function readPackLike(doc: string): unknown {
  return JSON.parse(JSON.stringify(parseYaml(doc)));
}
