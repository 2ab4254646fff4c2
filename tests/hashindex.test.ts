import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HashIndex } from "../src/text/hashindex.js";

describe("HashIndex", () => {
  it("behaves as a Map from 32-bit numbers, through growth and overwrites", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer()), { maxLength: 500 }),
        (pairs) => {
          const index = new HashIndex<number>(2);
          const map = new Map<number, number>();
          for (const [k, v] of pairs) {
            index.set(k, v);
            map.set(k, v);
          }
          expect(index.size).toBe(map.size);
          for (const [k, v] of map) expect(index.get(k)).toBe(v);
          expect(index.get(0x12345678)).toBe(map.get(0x12345678));
        },
      ),
      { numRuns: 300 },
    );
  });
});
