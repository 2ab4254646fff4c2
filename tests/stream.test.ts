import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { restore } from "../src/engine/restore.js";
import { buildDictionary } from "../src/dictionary/build.js";
import { builtinPacks, loadDictionary, readPackFile, resolvePack } from "../src/dictionary/packs.js";
import { cutPoint, restoreChunked, restoreStreamParallel } from "../src/run/stream.js";
import { restoreRange } from "../src/engine/restore.js";

const dict = loadDictionary(builtinPacks());
const full = buildDictionary(builtinPacks().map((p) => readPackFile(resolvePack(p))));
// phrases that the packs restore, and plain words, so windows cut through real matches
const phrases = full.entries.filter((_, i) => i % 10 === 0).flatMap((e) => [e.spun[0], e.examples[0].in]);
const piece = fc.oneof(
  fc.constantFrom(...phrases),
  fc.constantFrom(" ", "\n", "\n\n", "\r\n", ". ", "the ", "x", "’s "),
);

describe("streaming", () => {
  it("restores exactly as the whole-text path, whatever the window size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 80 }).map((a) => a.join("")),
        fc.integer({ min: 8, max: 400 }),
        async (text, chunk) => {
          const whole = restore(text, dict);
          const streamed = await restoreChunked(text, dict, { chunk, context: 200, piece: 37 });
          expect(streamed.text).toBe(whole.text);
          expect(streamed.edits.map((e) => [e.start, e.end, e.line, e.col, e.replacement])).toEqual(
            whole.edits.map((e) => [e.start, e.end, e.line, e.col, e.replacement]),
          );
          expect(streamed.words).toBe(whole.words);
          const lean = await restoreChunked(text, dict, { chunk, context: 200, piece: 53, lean: true });
          expect(lean.text).toBe(whole.text);
          expect(lean.restorations).toBe(whole.edits.filter((e) => !e.detect).length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("restores the same with windows in flight at once (answers arriving in any order)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 80 }).map((a) => a.join("")),
        fc.integer({ min: 8, max: 300 }),
        fc.integer({ min: 1, max: 4 }),
        async (text, chunk, inFlight) => {
          async function* pieces(): AsyncGenerator<string> {
            for (let i = 0; i < text.length; i += 41) yield text.slice(i, i + 41);
          }
          // a stand-in for the worker pool: the same restoreRange, answering after a random delay
          const run = (w: string, from: number, to: number) =>
            new Promise<{ edits: ReturnType<typeof restoreRange>["edits"]; words: number }>((resolve) => {
              setTimeout(() => resolve(restoreRange(w, dict, { from, to, lean: true })), Math.floor(Math.random() * 3));
            });
          let out = "";
          let restorations = 0;
          let words = 0;
          for await (const p of restoreStreamParallel(pieces(), dict, { chunk, context: 200 }, run, inFlight)) {
            out += p.text;
            restorations += p.restorations;
            words += p.words;
          }
          const whole = restore(text, dict);
          expect(out).toBe(whole.text);
          expect(restorations).toBe(whole.edits.filter((e) => !e.detect).length);
          expect(words).toBe(whole.words);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("restores the same from the lazy (cached) dictionary as from the fully built one", () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }).map((a) => a.join("")),
        (text) => {
          const lazy = restore(text, dict);
          const eager = restore(text, full);
          expect(lazy.text).toBe(eager.text);
          expect(lazy.edits.map((e) => [e.start, e.entry.id, e.entry.line, e.why])).toEqual(
            eager.edits.map((e) => [e.start, e.entry.id, e.entry.line, e.why]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("cuts at a paragraph break when one is near, else at whitespace", () => {
    expect(cutPoint("aaaa bbbb\n\ncccc dddd", 1, 18)).toBe(10);
    expect(cutPoint("aaaa bbbb cccc dddd", 1, 17)).toBe(14);
    expect(cutPoint("aaaaaaaaaaaaaaa", 1, 10)).toBe(10);
  });
});
