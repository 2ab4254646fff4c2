import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { HAS_NEXT, HAS_VARIANTS, Transitions, newNode } from "../src/dictionary/trie.js";
import type { TrieNode } from "../src/dictionary/trie.js";
import { restore } from "../src/engine/restore.js";
import { hashKey } from "../src/text/hash.js";
import { readPack } from "../src/dictionary/loader.js";
import { loadDictionary } from "../src/dictionary/packs.js";

// pairs of different keys with the same 32-bit FNV-1a hash (found by brute force)
const SAME_HASH = [
  ["yaczfa", "glbppa"],
  ["yzfzfa", "geeppa"],
] as const;

describe("the trie's transition table", () => {
  it("the colliding pairs used below really collide", () => {
    for (const [a, b] of SAME_HASH) expect(hashKey(a)).toBe(hashKey(b));
  });

  /** A KeySource of one key (what the matcher's View gives for the token being looked up). */
  const keyOf = (k: string) => ({ key: () => k });

  it("finds every child of every node, through growth, and nothing else", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 12 }), { maxLength: 40 }),
        (families) => {
          const tab = new Transitions();
          const parents = families.map((keys) => {
            const node = newNode();
            node.next = new Map(keys.map((k) => [k, newNode()]));
            return { node, id: tab.number(node) };
          });
          parents.forEach(({ node, id }) => {
            expect(tab.nodes[id]).toBe(node);
            expect((tab.info[id] & HAS_NEXT) !== 0).toBe((node.next?.size ?? 0) > 0);
            for (const [k, child] of node.next ?? []) {
              const c = tab.step(id, hashKey(k), keyOf(k), 0);
              expect(tab.nodes[c]).toBe(child);
              expect(tab.info[c] & (HAS_NEXT | HAS_VARIANTS)).toBe(0);
            }
            expect(tab.step(id, hashKey("not-a-key-here"), keyOf("not-a-key-here"), 0)).toBe(0);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("walks a node whose children's hashes collide by its keys", () => {
    const node: TrieNode = newNode();
    const [a, b] = SAME_HASH[0];
    const ca = newNode();
    const cb = newNode();
    node.next = new Map([
      [a, ca],
      [b, cb],
    ]);
    const tab = new Transitions();
    const id = tab.number(node);
    expect(tab.nodes[tab.step(id, hashKey(a), keyOf(a), 0)]).toBe(ca);
    expect(tab.nodes[tab.step(id, hashKey(b), keyOf(b), 0)]).toBe(cb);
    expect(tab.step(id, hashKey(a), keyOf("neither"), 0)).toBe(0);
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
