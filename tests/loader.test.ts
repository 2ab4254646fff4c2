import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { UnspinError } from "../src/errors.js";
import { readPack } from "../src/dictionary/loader.js";
import { restore } from "../src/engine/restore.js";

function problems(source: string): string[] {
  try {
    buildDictionary([readPack("bad.yaml", source)]);
  } catch (err) {
    expect(err).toBeInstanceOf(UnspinError);
    expect((err as UnspinError).kind).toBe("dictionary");
    return (err as UnspinError).lines();
  }
  throw new Error("expected the pack to be refused");
}

const ENTRY = (extra: string) => `pack: t
entries:
  - spun: final yr
    original: last year
${extra}    examples: [{in: final yr, out: last year}]
`;

describe("dictionary loader", () => {
  it("names file:line:col of a YAML syntax error", () => {
    const p = problems("pack: t\nentries:\n  - spun: [unclosed\n    original: x\n");
    expect(p[0]).toMatch(/^bad\.yaml:\d+:\d+: YAML: /);
  });

  it("refuses an unknown key, with a suggestion", () => {
    expect(problems(ENTRY("    orignal: x\n"))).toEqual([
      "bad.yaml:5:5: unknown key `orignal` in an entry (hint: did you mean `original`?)",
    ]);
  });

  it("refuses a wrong type", () => {
    expect(problems(ENTRY("    match_case: yes please\n"))[0]).toBe(
      "bad.yaml:5:17: `match_case` must be true or false (hint: write `match_case: true` or leave the key out)",
    );
  });

  it("refuses an empty spun form", () => {
    expect(problems("pack: t\nentries:\n  - spun: ''\n    original: x\n    examples: [{in: a, out: a}]\n")[0]).toBe(
      "bad.yaml:3:11: `spun` is empty (hint: write the words, or remove the key)",
    );
  });

  it("refuses a duplicated key", () => {
    expect(problems(ENTRY("    original: other\n"))[0]).toMatch(/^bad\.yaml:5:5: YAML: Map keys must be unique/);
  });

  it("refuses an entry without examples and an unknown class", () => {
    const p = problems("pack: t\nentries:\n  - spun: x\n    original: y\n    when: {before: ['@nope']}\n");
    expect(p).toContain(
      "bad.yaml:5:21: unknown class `@nope` (hint: define it under `classes:` at the top of the pack)",
    );
    expect(p).toContain(
      "bad.yaml:3:5: entry has no `examples` (hint: add `examples: [{in: spun sentence, out: restored sentence}]`)",
    );
  });

  // was: "refuses two entries that restore the same words differently under the same conditions".
  // Within one pack, another original of the same spun form is now an alternative reading (the
  // context model picks the one that fits); only the same restoration twice is refused.
  it("keeps other originals of one spun form in a pack as alternatives; the same restoration twice is a duplicate", () => {
    const src = `pack: t
entries:
  - spun: put up
    original: post
    examples: [{in: put up, out: post}]
  - spun: Put Up
    id: put-up-verb
    original: posted
    examples: [{in: put up, out: posted}]
`;
    expect(buildDictionary([readPack("ok.yaml", src)]).entries.map((e) => e.original)).toEqual(["post", "posted"]);
    const dup = `${src}  - spun: put up
    id: put-up-again
    original: Post
    examples: [{in: put up, out: post}]
`;
    expect(problems(dup)).toEqual([
      "bad.yaml:10:5: duplicate entry: same as 'put up' → 'post' (bad.yaml:3) (hint: remove one of them)",
    ]);
  });

  it("lets the context choose between alternatives", () => {
    const d = buildDictionary([
      readPack(
        "alt.yaml",
        `pack: alt
entries:
  - spun: extra
    original: more
    examples: [{in: extra than 5%, out: more than 5%}]
  - spun: extra
    id: extra-additional
    original: additional
    examples: [{in: an extra charge, out: an additional charge}]
`,
      ),
    ]);
    // "extra" is ordinary English: these are sentences of a spun document
    const spun = { document: "spun" } as const;
    expect(restore("prices rose by extra than 5%", d, spun).text).toBe("prices rose by more than 5%");
    expect(restore("they added an extra charge", d, spun).text).toBe("they added an additional charge");
    expect(restore("they added an extra charge", d, { document: "clean" }).edits).toHaveLength(0);
  });

  // was: "refuses conflicting entries across two files, naming both". A later pack now overrides
  // the earlier ones for every spun form it names, whatever the conditions.
  it("lets a later pack override the earlier ones for the spun forms it names", () => {
    const a = readPack(
      "a.yaml",
      "pack: a\nentries:\n  - spun: final yr\n    original: last year\n    when: {before: [the]}\n    examples: [{in: the final yr, out: the last year}]\n  - spun: chilly struggle\n    original: Cold War\n    examples: [{in: chilly struggle, out: Cold War}]\n",
    );
    const b = readPack(
      "b.yaml",
      "pack: b\nentries:\n  - spun: final yr\n    original: final year\n    examples: [{in: final yr, out: final year}]\n",
    );
    const text = "the final yr of the chilly struggle";
    const ab = restore(text, buildDictionary([a, b]));
    expect(ab.text).toBe("the final year of the Cold War");
    // the later file's entry made the edit; the earlier one's is not used, though its condition holds
    expect(ab.edits.map((e) => `${e.entry.file}:${e.entry.line}`)).toEqual(["b.yaml:3", "a.yaml:7"]);
    // the order decides, nothing else: swapped, the other file wins, every time
    for (let i = 0; i < 3; i++)
      expect(restore(text, buildDictionary([b, a])).text).toBe("the last year of the Cold War");
    // the same file twice: loaded once, with a warning, no error
    const twice = buildDictionary([a, a]);
    expect(twice.warnings.map((w) => w.message)).toEqual([
      "pack 'a' is loaded twice (a.yaml); its entries are used once",
    ]);
    expect(restore(text, twice).text).toBe("the last year of the Cold War");
  });

  it("allows one spun form with different conditions", () => {
    const src = `pack: t
entries:
  - spun: mentioned
    original: said
    when: {after: [he, she]}
    examples: [{in: mentioned he, out: said he}]
  - spun: mentioned
    original: discussed
    id: mentioned-discussed
    when: {after: ['“']}
    examples: [{in: mentioned “x”, out: discussed “x”}]
`;
    expect(buildDictionary([readPack("ok.yaml", src)]).entries).toHaveLength(2);
  });
});
