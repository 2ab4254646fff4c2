import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Transitions, buildDictionary, newNode } from "../src/dictionary.js";
import type { TrieNode } from "../src/dictionary.js";
import { restore } from "../src/engine.js";
import { hashKey } from "../src/hash.js";
import { readPack } from "../src/loader.js";
import { loadDictionary } from "../src/packs.js";

// pairs of different keys with the same 32-bit FNV-1a hash (found by brute force)
const SAME_HASH = [["yaczfa", "glbppa"], ["yzfzfa", "geeppa"]] as const;

describe("the trie's transition table", () => {
  it("the colliding pairs used below really collide", () => {
    for (const [a, b] of SAME_HASH) expect(hashKey(a)).toBe(hashKey(b));
  });

  it("finds every child of every node, through growth, and nothing else", () => {
    fc.assert(fc.property(fc.array(fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 12 }), { maxLength: 40 }), (families) => {
      const tab = new Transitions();
      const parents = families.map((keys) => {
        const node = newNode();
        node.next = new Map(keys.map((k) => [k, newNode()]));
        return { node, id: keys.length ? tab.register(node) : 0 };
      });
      parents.forEach(({ node, id }) => {
        if (!node.next?.size) return;
        expect(id).toBeGreaterThan(0);
        for (const [k, child] of node.next) {
          expect(tab.get(id, hashKey(k))).toBe(child);
          expect(child.tab).toBe(tab);
        }
        expect(tab.get(id, hashKey("not-a-key-here"))).toBeUndefined();
      });
    }), { numRuns: 200 });
  });

  it("refuses a node whose children's hashes collide (it is walked by key strings)", () => {
    const node: TrieNode = newNode();
    node.next = new Map(SAME_HASH[0].map((k) => [k, newNode()]));
    expect(new Transitions().register(node)).toBe(-1);
  });

  const PACK = `
pack: collide
entries:
  - spun: zorp yaczfa
    original: first
    examples: [{in: a zorp yaczfa here, out: a first here}]
  - spun: zorp glbppa
    original: second
    examples: [{in: a zorp glbppa here, out: a second here}]
  - spun: yzfzfa
    original: third
    examples: [{in: the yzfzfa, out: the third}]
  - spun: geeppa
    original: fourth
    examples: [{in: the geeppa, out: the fourth}]
`;
  const text = "Zorp yaczfa, zorp glbppa, yzfzfa and geeppa; zorp zorp.";
  const expected = "First, second, third and fourth; zorp zorp.";

  it("restores entries whose keys share a hash (built dictionary)", () => {
    expect(restore(text, buildDictionary([readPack("collide.yaml", PACK)])).text).toBe(expected);
  });

  it("restores entries whose keys share a hash (cached, lazily loaded dictionary)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-transitions-"));
    const file = path.join(dir, "collide.yaml");
    writeFileSync(file, PACK);
    const env = { ...process.env, UNSPIN_CACHE_DIR: path.join(dir, "cache") };
    for (let run = 0; run < 2; run++) {
      // the first load builds the cache, the second reads it
      expect(restore(text, loadDictionary([file], dir, env)).text).toBe(expected);
    }
  });
});
