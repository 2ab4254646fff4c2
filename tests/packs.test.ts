/** Every built-in pack's examples and allows, each entry a test of its own. */
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary.js";
import { testEntry } from "../src/dicttest.js";
import { builtinPacks, readPackFile, resolvePack } from "../src/packs.js";

for (const name of builtinPacks()) {
  const pack = readPackFile(resolvePack(name));
  const dict = buildDictionary([pack]);
  describe(`pack ${name}`, () => {
    it("has at least one entry", () => {
      expect(dict.entries.length).toBeGreaterThan(0);
    });
    for (const entry of dict.entries) {
      it(`${entry.id} (${entry.pos.file}:${entry.pos.line})`, () => {
        const { failures } = testEntry(dict, entry);
        expect(failures.map((f) => `${f.kind} ${f.pos.line}: ${f.reason}\n  got: ${f.got}`)).toEqual([]);
      });
    }
  });
}
