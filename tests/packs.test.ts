/** Every built-in pack's examples and allows: one test per pack, the `dict test` path. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testPack } from "../src/authoring/dicttest.js";
import { builtinPacks, readPackFile, resolvePack } from "../src/dictionary/packs.js";

/**
 * Science examples carry the catalogue's reading, not the engine's (scripts/build-science/
 * expected-out.ts); the entries where the engine still disagrees are engine bugs, listed one id a
 * line in data/science/known-engine-failures.txt so that the suite stays green meanwhile.
 */
const KNOWN_ENGINE_FAILURES: Record<string, Set<string>> = {
  science: new Set(
    readFileSync(join(import.meta.dirname, "..", "data", "science", "known-engine-failures.txt"), "utf8")
      .split("\n")
      .map((l) => l.replace(/#.*/, "").trim())
      .filter(Boolean),
  ),
};

for (const name of builtinPacks()) {
  const pack = readPackFile(resolvePack(name));
  const known = KNOWN_ENGINE_FAILURES[name] ?? new Set<string>();
  describe(`pack ${name}`, () => {
    // one test per pack, through the same path as `unspin dict test` (src/authoring/dicttest.ts);
    // a failure lists every failing example with its file:line
    const result = testPack(pack);
    const ids = new Set(pack.entries.map((e) => e.id));
    it("has at least one entry, and every example and allow run", () => {
      expect(pack.entries.length).toBeGreaterThan(0);
      expect(result.passed).toBeGreaterThan(pack.entries.length);
    });
    it("lists only entries that exist as known engine failures", () => {
      expect([...known].filter((id) => !ids.has(id))).toEqual([]);
    });
    it(`passes its examples and allows (dict test ${name})`, () => {
      const failing = result.failures.filter((f) => !known.has(f.entry.id));
      const lines = failing.map(
        (f) => `${f.entry.id} (${f.pos.file}:${f.pos.line}) ${f.kind}: ${f.reason}\n  in:  ${f.input}\n  got: ${f.got}`,
      );
      expect(lines).toEqual([]);
    });
    it("still fails each known engine failure (remove the line from known-engine-failures.txt when fixed)", () => {
      const failed = new Set(result.failures.map((f) => f.entry.id));
      expect([...known].filter((id) => !failed.has(id))).toEqual([]);
    });
  });
}

describe("every entry whose spun form is ordinary English proves its clean use is left alone", () => {
  // An entry carries conditions (or an exact case) because its spun form is ordinary English
  // elsewhere; such an entry must have at least one `allows` sentence.
  for (const name of builtinPacks()) {
    const pack = readPackFile(resolvePack(name));
    it(`${name}: conditioned entries have allows`, () => {
      const missing = pack.entries
        .filter((e) => !e.detect && (e.when.length > 0 || e.matchCase) && e.allows.length === 0)
        .map((e) => e.id);
      expect(missing).toEqual([]);
    });
  }
});
