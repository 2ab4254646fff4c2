/**
 * Property tests of restore() with the SHIPPED packs (and a test pack of our own), see
 * tests/property-suite.ts for the properties. 10,000 cases in all per CI run, with a fixed seed
 * (UNSPIN_FUZZ_SEED=N for another); `npm run fuzz -- --runs 100000` runs the same with more.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN } from "../helpers.js";
import { useScratch } from "../cli-support.js";
import {
  KNOWN_NOT_IDEMPOTENT,
  applyJsonEdits,
  checkText,
  crossPackChains,
  excusedByConditions,
  verdictChanged,
  restoreProperty,
  targets,
  textArb,
} from "../property-suite.js";
import type { Target } from "../property-suite.js";
import { buildDictionary } from "../../src/dictionary/build.js";
import { readPack } from "../../src/dictionary/loader.js";
import { builtinPacks } from "../../src/dictionary/packs.js";

const SEED = Number(process.env.UNSPIN_FUZZ_SEED ?? 20261129);
const list: Target[] = targets();
const widest = list[list.length - 1];
/** Runs per dictionary: the widest (all shipped packs) half of 10,000, the others share the rest. */
const runsFor = (t: Target): number =>
  list.length === 1 ? 10_000 : t === widest ? 5_000 : Math.ceil(5_000 / (list.length - 1));

describe("restore properties (fast-check)", () => {
  it("runs on every shipped pack, and on all of them together", () => {
    const names = list.map((t) => t.name);
    for (const p of builtinPacks()) expect(names).toContain(`pack ${p}`);
    expect(list.reduce((n, t) => n + runsFor(t), 0)).toBeGreaterThanOrEqual(10_000);
  });

  for (const t of list) {
    it(`${t.name}: ${runsFor(t).toLocaleString("en-US")} random texts`, () => {
      fc.assert(restoreProperty(t), { numRuns: runsFor(t), seed: SEED });
    }, 60_000);
  }

  afterAll(() => {
    if (crossPackChains.size) {
      const list = [...crossPackChains].map(([k, n]) => `${k} ×${n}`).join(", ");
      console.log(`property 5: chains across packs (open bug, issue 15): ${list}`);
    }
    if (excusedByConditions.size) {
      const list = [...excusedByConditions].map(([k, n]) => `${k} ×${n}`).join(", ");
      console.log(`property 5: second-pass edits excused because the entry has conditions: ${list}`);
    }
    if (verdictChanged.size) {
      const list = [...verdictChanged].map(([k, n]) => `${k} ×${n}`).join(", ");
      console.log(`property 5: second-pass edits excused because the pack's verdict turned spun: ${list}`);
    }
  });
});

describe("the properties catch what they claim to", () => {
  const t = list[0]; // the test pack

  const pack = (entries: string) => buildDictionary([readPack("p.yaml", `pack: p\nentries:\n${entries}`)]);

  it("a restoration that produces spun text (a chain the engine does not follow) fails idempotence", () => {
    // made-up words. The engine follows a chain into a marked form (engine/chains.ts), not into an
    // ambiguous one ("quib control"), which acts again only in a document still judged spun: three
    // detect-only findings, never restored, keep this one spun on the second pass too
    const chain = pack(`  - {spun: flib, original: a, detect: true, examples: [{in: flib, out: flib}]}
  - {spun: flob, original: b, detect: true, examples: [{in: flob, out: flob}]}
  - {spun: flub, original: c, detect: true, examples: [{in: flub, out: flub}]}
  - spun: zorp reduction
    original: quib control
    examples: [{in: zorp reduction, out: quib control}]
  - spun: quib control
    original: weapons control
    ambiguous: true
    examples: [{in: quib control, out: weapons control}]
`);
    expect(() => checkText("flib flob flub: the zorp reduction talks", chain)).toThrow(
      /^5\. not idempotent: .*p\/quib-control/,
    );
  });

  it("an entry whose condition the first pass made true may act again (excused and counted)", () => {
    const cond = pack(`  - spun: foo bar
    original: baz
    when: {document_has: [qux]}
    examples: [{in: foo bar qux, out: baz qux}]
  - spun: zed
    original: qux
    examples: [{in: zed, out: qux}]
`);
    expect(() => checkText("zed foo bar", cond)).not.toThrow();
    expect(excusedByConditions.get("p/foo-bar")).toBeGreaterThan(0);
  });

  it("the known exceptions are shipped entries, each with a reason", () => {
    for (const [key, reason] of Object.entries(KNOWN_NOT_IDEMPOTENT)) {
      expect(key).toMatch(/^[a-z0-9-]+\/\S+$/);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it("edge texts: empty, only spaces, lone surrogates, a BOM, CRLF runs", () => {
    for (const text of [
      "",
      " ",
      "\uD800",
      "\uDC00chilly struggle",
      "\uFEFFfinal yr",
      "\r\n\r\n",
      "final\r\nyr",
      "final\n\nyr",
      "FINAL YR",
    ]) {
      checkText(text, t.dict);
    }
  });
});

describe("the CLI's --format json edits applied to the input give its --format text output", () => {
  const s = useScratch("unspin-props-");
  let files: string[] = [];
  let texts: string[] = [];
  beforeAll(() => {
    // texts from the widest dictionary's phrases, written as files; no NUL (a NUL makes a binary file)
    texts = fc.sample(textArb(widest.phrases), { numRuns: 60, seed: SEED }).map((x) =>
      x.replace(/\0/g, " ").replace(/[\uD800-\uDFFF]/g, (c, i: number, str: string) => {
        // lone surrogates cannot be written as UTF-8: keep pairs, replace the rest
        const code = c.charCodeAt(0);
        const pairOk =
          code < 0xdc00 ? /[\uDC00-\uDFFF]/.test(str[i + 1] ?? "") : /[\uD800-\uDBFF]/.test(str[i - 1] ?? "");
        return pairOk ? c : "?";
      }),
    );
    files = texts.map((x, i) => {
      const f = path.join(s.dir, `p${String(i).padStart(3, "0")}.txt`);
      writeFileSync(f, x);
      return f;
    });
  });

  it("for 60 random files, in one run of each format", () => {
    const packs = builtinPacks();
    const args = packs.length
      ? ["--no-default-packs", ...packs.flatMap((p) => ["--dict", p])]
      : ["--no-default-packs", "--dict", "robust.yaml"];
    const run = (format: string) =>
      spawnSync(process.execPath, [BIN, ...args, "-f", format, ...files], {
        cwd: s.dir,
        encoding: "utf8",
        maxBuffer: 1 << 28,
        env: { ...process.env, NO_COLOR: "1" },
      });
    const json = run("json");
    const text = run("text");
    expect(json.stderr).toBe("");
    expect(text.stderr).toBe("");
    const parsed = JSON.parse(json.stdout) as {
      files: { file: string; edits: { start: number; end: number; replacement: string; detect: boolean }[] }[];
    };
    expect(parsed.files).toHaveLength(files.length);
    const fromJson = parsed.files.map((f, i) => applyJsonEdits(texts[i], f.edits)).join("");
    expect(fromJson).toBe(text.stdout);
  }, 60_000);
});
