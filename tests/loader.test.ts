import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { DictionaryError } from "../src/errors.js";
import { readPack } from "../src/dictionary/loader.js";

function problems(source: string): string[] {
  try {
    buildDictionary([readPack("bad.yaml", source)]);
  } catch (err) {
    expect(err).toBeInstanceOf(DictionaryError);
    return (err as DictionaryError).message.split("\n");
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

  it("refuses two entries that restore the same words differently under the same conditions", () => {
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
    expect(problems(src)[0]).toBe(
      "bad.yaml:6:5: conflicting entry: 'Put Up' → 'posted', but 'put up' → 'post' (bad.yaml:3) restores the same words under the same conditions (hint: remove one, or add a `when` condition that tells them apart)",
    );
  });

  it("refuses conflicting entries across two files, naming both", () => {
    const a = readPack(
      "a.yaml",
      "pack: a\nentries:\n  - spun: put up\n    original: post\n    examples: [{in: put up, out: post}]\n",
    );
    const b = readPack(
      "b.yaml",
      "pack: b\nentries:\n  - spun: put up\n    original: tolerate\n    examples: [{in: put up, out: tolerate}]\n",
    );
    expect(() => buildDictionary([a, b])).toThrow(
      "b.yaml:3:5: conflicting entry: 'put up' → 'tolerate', but 'put up' → 'post' (a.yaml:3)",
    );
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
