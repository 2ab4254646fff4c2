/**
 * dictionaries/schema.json must accept exactly what src/dictionary/loader.ts accepts. An independent validator
 * (ajv) checks the schema on hand-written samples and on random packs made of valid and invalid
 * values for every key. Two rules only the loader can check are left out of the samples: unique ids
 * and defined @classes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readPack } from "../src/dictionary/loader.js";
import { ROOT } from "./helpers.js";

const schema: object = JSON.parse(readFileSync(path.join(ROOT, "dictionaries", "schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, strictRequired: false }).compile(
  schema,
);

function loaderAccepts(yaml: string): boolean {
  try {
    readPack("sample.yaml", yaml);
    return true;
  } catch {
    return false;
  }
}

function schemaAccepts(yaml: string): boolean {
  return validate(parse(yaml)) === true;
}

const ENTRY =
  "spun: chilly struggle\n    original: Cold War\n    examples: [{in: the chilly struggle, out: the Cold War}]";
const pack = (entry: string, top = "") => `pack: t\n${top}entries:\n  - ${ENTRY}\n${entry ? `    ${entry}\n` : ""}`;

const VALID: [string, string][] = [
  ["minimal", pack("")],
  [
    "everything",
    pack(
      `id: cw\n    case: exact\n    match_case: false\n    inflect: noun\n    detect: false\n    ambiguous: true\n    weight: 3\n    note: why\n    allows: [A chilly wind.]\n    when: [{before: [the, '<word>', '@w'], sentence_start: false}, {near: [war, fight], within: 5, document_lacks: x}]`,
      "description: d\nclasses:\n  w: [a, b c]\n$schema: ./schema.json\n",
    ),
  ],
  ["numbers read as text", "pack: 5\nentries:\n  - {spun: 12, original: 13, note: 3, examples: [{in: 12, out: 13}]}\n"],
  ["empty entries", "pack: t\nentries: []\n"],
  ["spun list", "pack: t\nentries:\n  - {spun: [a b, c], original: d, examples: [{in: a b, out: d}]}\n"],
  ["within with not_near", pack("when: {not_near: [x], within: 2}")],
  ["empty note", pack("note: ''")],
];

const INVALID: [string, string][] = [
  ["no pack", "entries: []\n"],
  ["empty pack name", "pack: ''\nentries: []\n"],
  ["entries not a list", "pack: t\nentries: {}\n"],
  ["unknown top key", "pack: t\nentries: []\nextra: 1\n"],
  ["unknown entry key", pack("spin: x")],
  ["no examples", "pack: t\nentries:\n  - {spun: a, original: b}\n"],
  ["empty examples", "pack: t\nentries:\n  - {spun: a, original: b, examples: []}\n"],
  ["example without out", "pack: t\nentries:\n  - {spun: a, original: b, examples: [{in: a}]}\n"],
  ["example extra key", "pack: t\nentries:\n  - {spun: a, original: b, examples: [{in: a, out: b, why: c}]}\n"],
  ["blank spun", "pack: t\nentries:\n  - {spun: '  ', original: b, examples: [{in: a, out: b}]}\n"],
  ["empty spun list", "pack: t\nentries:\n  - {spun: [], original: b, examples: [{in: a, out: b}]}\n"],
  ["bad case", pack("case: upper")],
  ["bad inflect", pack("inflect: adjective")],
  ["negative weight", pack("weight: -1")],
  ["weight as text", pack("weight: '3'")],
  ["detect as text", pack("detect: 'yes'")],
  ["ambiguous as text", pack("ambiguous: 'no'")],
  ["ambiguous as a number", pack("ambiguous: 0")],
  ["null note", pack("note:")],
  ["empty id", pack("id: ''")],
  ["empty when list", pack("when: []")],
  ["unknown condition", pack("when: {befor: [a]}")],
  ["unknown shape", pack("when: {before: ['<noun>']}")],
  ["within without near", pack("when: {within: 3}")],
  ["within zero", pack("when: {near: [a], within: 0}")],
  ["within fraction", pack("when: {near: [a], within: 2.5}")],
  ["sentence_start as text", pack("when: {sentence_start: 'true'}")],
  ["bad class name", "pack: t\nclasses:\n  Bad: [a]\nentries: []\n"],
  ["empty class", "pack: t\nclasses:\n  c: []\nentries: []\n"],
  ["empty allow", pack("allows: ['']")],
];

describe("dictionaries/schema.json agrees with the loader", () => {
  for (const [name, yaml] of VALID) {
    it(`accepts: ${name}`, () => {
      expect(loaderAccepts(yaml)).toBe(true);
      expect(validate.errors ?? null, name).toBeNull();
      expect(schemaAccepts(yaml)).toBe(true);
    });
  }
  for (const [name, yaml] of INVALID) {
    it(`rejects: ${name}`, () => {
      expect(loaderAccepts(yaml)).toBe(false);
      expect(schemaAccepts(yaml)).toBe(false);
    });
  }

  it("on random packs of valid and invalid values", () => {
    let accepted = 0;
    /** Mostly valid values, sometimes an invalid one, so both outcomes are common. */
    const mostly = (valid: unknown[], invalid: unknown[]) =>
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...valid) },
        { weight: 1, arbitrary: fc.constantFrom(...invalid) },
      );
    const text = mostly(["a b", "x", 5, true], ["", "  ", null, ["a"], [], { k: 1 }]);
    const texts = mostly(["a b", ["a", "b c"], 5], [[], "", null, ["a", ""], [["a"]]]);
    const words = mostly(["the", ["the", "<word>"], "<punct>", 3], [["<noun>"], [], [""]]);
    const rare = <T>(a: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
    const conditions = fc.record(
      {
        before: words,
        not_after: words,
        sentence_start: mostly([true, false], ["yes"]),
        near: texts,
        within: rare(fc.constantFrom<unknown>(3, 0, 2.5, "3")),
        document_has: texts,
        bogus: rare(fc.constant(1)),
      },
      { requiredKeys: [] },
    );
    const example = fc.record({ in: text, out: text, why: rare(fc.constant("x")) }, { requiredKeys: ["in", "out"] });
    const entry = fc.record(
      {
        id: text,
        spun: texts,
        original: text,
        case: mostly(["follow", "exact"], ["upper", true]),
        match_case: mostly([true, false], ["no"]),
        detect: mostly([true, false], [1]),
        ambiguous: rare(mostly([true, false], ["yes", 0])),
        inflect: mostly(["noun", "verb", "both"], ["adj"]),
        weight: mostly([0, 3.5], [-1, "5"]),
        note: text,
        when: fc.oneof(conditions, fc.array(conditions, { maxLength: 2 }), rare(fc.constant("x"))),
        examples: fc.oneof(
          { weight: 8, arbitrary: fc.array(example, { minLength: 1, maxLength: 2 }) },
          { weight: 1, arbitrary: fc.constantFrom<unknown>([], "x") },
        ),
        allows: texts,
        spin: rare(fc.constant("x")),
      },
      { requiredKeys: ["spun", "original", "examples"] },
    );
    const packs = fc.record(
      {
        pack: mostly(["p", 5], ["", null]),
        description: text,
        classes: mostly([{ c: ["a"] }, { c: "a b" }], [{ Bad: ["a"] }, { c: [] }, []]),
        entries: mostly([[]], [null, "x"]).chain((e) =>
          Array.isArray(e)
            ? fc.array(fc.oneof({ weight: 9, arbitrary: entry }, { weight: 1, arbitrary: fc.constant("x") }), {
                maxLength: 1,
              })
            : fc.constant(e),
        ),
        extra: rare(fc.constant(1)),
      },
      { requiredKeys: ["pack", "entries"] },
    );
    fc.assert(
      fc.property(packs, (p) => {
        // undefined values are left out, as if the key were not written
        const yaml = stringify(JSON.parse(JSON.stringify(p)));
        const ok = loaderAccepts(yaml);
        accepted += ok ? 1 : 0;
        expect(schemaAccepts(yaml), yaml).toBe(ok);
      }),
      { numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(50); // the random packs are not all invalid
  }, 60_000);

  it("the shipped packs validate", { timeout: 60_000 }, () => {
    for (const name of ["news", "science"]) {
      const yaml = readFileSync(path.join(ROOT, "dictionaries", `${name}.yaml`), "utf8");
      expect(schemaAccepts(yaml), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });
});
