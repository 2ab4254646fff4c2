import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { applyEdits, restore } from "../src/engine/restore.js";
import { resolve } from "../src/engine/resolve.js";
import type { Candidate } from "../src/engine/match.js";
import { readPack } from "../src/dictionary/loader.js";

/**
 * These tests are of the matcher (conditions, case, overlaps, no chaining), not of the evidence step:
 * each one-line text is taken as a sentence of a spun document, so an ordinary-English spun form
 * acts wherever its conditions hold, as a marked one does anywhere. Entries whose spun form the
 * context model would veto in these short phrases ("Could", "reduction", "arms reduction": real
 * English there) are declared `ambiguous: false` so that the conditions alone decide.
 */
const SPUN = { document: "spun" } as const;

const PACK = `
pack: test
classes:
  date-word: [early, late, mid, in, since]
entries:
  - spun: chilly struggle
    original: Cold War
    examples: [{in: the Chilly Struggle, out: the Cold War}]
  - spun: Could
    original: May
    match_case: true
    ambiguous: false
    when: {before: ["@date-word"], sentence_start: false}
    examples: [{in: in early Could., out: in early May.}]
  - spun: the 2
    original: the two
    when: {after: ["<lower>"]}
    examples: [{in: the 2 men, out: the two men}]
  - spun: special
    original: different
    when: {before: [a]}
    examples: [{in: a special group, out: a different group}]
  - spun: different
    original: other
    when: {before: [and]}
    examples: [{in: and different things, out: and other things}]
  - spun: press convention
    original: press conference
    examples: [{in: a press convention, out: a press conference}]
  - spun: convention heart
    original: convention center
    examples: [{in: the convention heart, out: the convention center}]
  - spun: neural organization
    original: neural network
    inflect: noun
    examples: [{in: a neural organization, out: a neural network}]
  - spun: reduction
    original: discount
    id: tie-a
    ambiguous: false
    when: {after: [treaty]}
    examples: [{in: reduction treaty, out: discount treaty}]
  - spun: arms reduction
    original: arms control
    ambiguous: false
    examples: [{in: arms reduction, out: arms control}]
  - spun: cadence design
    original: rhythm pattern (?)
    detect: true
    examples: [{in: a cadence design, out: a cadence design}]
`;
const dict = buildDictionary([readPack("test.yaml", PACK)]);

describe("document conditions", () => {
  const doc = buildDictionary([
    readPack(
      "doc.yaml",
      `
pack: doc
classes:
  signal: [neural organization, irregular woodland]
entries:
  - spun: surface region
    original: surface area
    when: [{document_has: [surface area]}, {document_has_any: ["@signal"]}]
    examples: [{in: "surface region; surface area", out: "surface area; surface area"}]
  - spun: bosom
    original: breast
    when: {document_has: [cancer], document_lacks: [poem]}
    examples: [{in: "bosom cancer", out: "breast cancer"}]
  - spun: gatherings
    original: clusters
    when: {near: [clustering], within: 3}
    examples: [{in: "gatherings by clustering", out: "clusters by clustering"}]
`,
    ),
  ]);

  it("holds when the document has the phrase anywhere, or one phrase of a class", () => {
    expect(restore("The surface region of the lake.", doc, SPUN).text).toBe("The surface region of the lake.");
    expect(restore("The surface region grew.\n\nWe measured surface area.", doc, SPUN).text).toBe(
      "The surface area grew.\n\nWe measured surface area.",
    );
    expect(restore("The surface region of an irregular woodland.", doc, SPUN).text).toBe(
      "The surface area of an irregular woodland.",
    );
  });

  it("holds only when the document lacks a phrase, for document_lacks", () => {
    expect(restore("bosom cancer screening", doc, SPUN).text).toBe("breast cancer screening");
    expect(restore("a poem on the bosom and on cancer", doc, SPUN).edits).toHaveLength(0);
  });

  it("holds within N words for near, not beyond", () => {
    expect(restore("gatherings found by clustering", doc, SPUN).text).toBe("clusters found by clustering");
    expect(restore("gatherings were held in the town by clustering", doc, SPUN).edits).toHaveLength(0);
  });

  it("expands a class in near, and matches the possessive 's in a word list", () => {
    const d = buildDictionary([
      readPack(
        "n.yaml",
        `
pack: n
classes:
  tells: [final yr, chilly struggle]
entries:
  - spun: corporate
    original: company
    when: [{after: ["'s"]}, {near: ["@tells"], within: 5}]
    examples: [{in: "the corporate's shares", out: "the company's shares"}]
`,
      ),
    ]);
    expect(restore("the corporate’s shares", d, SPUN).text).toBe("the company’s shares");
    expect(restore("the corporate grew final yr", d, SPUN).text).toBe("the company grew final yr");
    expect(restore("a corporate account", d, SPUN).edits).toHaveLength(0);
  });

  it("refuses a class in document_has as ambiguous", () => {
    expect(() =>
      readPack(
        "x.yaml",
        "pack: x\nclasses: {c: [a]}\nentries:\n  - spun: b\n    original: c\n    when: {document_has: ['@c']}\n    examples: [{in: b, out: c}]\n",
      ),
    ).toThrow("x.yaml:6:27: a class in `document_has` is ambiguous");
  });
});

describe("restore", () => {
  it("follows the source's case: lower, Title, UPPER, sentence start", () => {
    expect(restore("since the chilly struggle", dict, SPUN).text).toBe("since the Cold War");
    expect(restore("CHILLY STRUGGLE ENDS", dict, SPUN).text).toBe("COLD WAR ENDS");
    expect(restore("The 2 men met. the 2 sides", dict, SPUN).text).toBe("The two men met. the two sides");
  });

  it("applies exact-case entries only where the case and the context hold", () => {
    expect(restore("an attack in early Could on the pipeline", dict, SPUN).text).toBe(
      "an attack in early May on the pipeline",
    );
    expect(restore("Could it be? in early could", dict, SPUN).text).toBe("Could it be? in early could");
    expect(restore("They met. Could we go", dict, SPUN).edits).toHaveLength(0);
  });

  it("evaluates conditions on the input, so replacements never chain", () => {
    // special → different (after "a") must not then become "other"
    expect(restore("a special and different group", dict, SPUN).text).toBe("a different and other group");
  });

  it("lets the longest match win on overlaps, whatever the order of entries", () => {
    // "press convention heart": "press convention" (2 tokens) and "convention heart" (2 tokens) overlap: tie → earlier start
    expect(restore("the press convention heart", dict, SPUN).text).toBe("the press conference heart");
    // "arms reduction treaty": "arms reduction" (2 tokens) beats "reduction" (1 token, condition holds)
    const r = restore("arms reduction treaty", dict, SPUN);
    expect(r.text).toBe("arms control treaty");
    expect(r.edits.map((e) => e.entry.id)).toEqual(["arms-reduction"]);
  });

  it("acts on an ordinary-English spun form only in a document judged spun; on a marked one anywhere", () => {
    // "the 2" is ordinary English: in a document judged clean (and in this one line, judged on its
    // own hits) it stays; "chilly struggle" is marked and acts in any document; an entry declared
    // `ambiguous: false` acts wherever its conditions hold
    const clean = { document: "clean" } as const;
    expect(restore("The 2 men met. the 2 sides", dict, clean).edits).toHaveLength(0);
    const judged = restore("The 2 men met. the 2 sides", dict);
    expect(judged.edits).toHaveLength(0);
    expect(judged.spun?.spun).toBe(false);
    expect(restore("since the chilly struggle", dict, clean).text).toBe("since the Cold War");
    expect(restore("in early Could", dict, clean).text).toBe("in early May");
  });

  it("matches inflected and possessive forms of an inflecting entry", () => {
    expect(restore("Neural organizations and the neural organization’s layers", dict).text).toBe(
      "Neural networks and the neural network’s layers",
    );
  });

  it("never matches across a paragraph break", () => {
    expect(restore("chilly\n\nstruggle", dict).edits).toHaveLength(0);
    expect(restore("chilly\nstruggle", dict).text).toBe("Cold War");
  });

  it("reports detect-only findings without changing the text", () => {
    const r = restore("a cadence design here", dict);
    expect(r.text).toBe("a cadence design here");
    expect(r.edits).toMatchObject([{ detect: true, spun: "cadence design", replacement: "rhythm pattern (?)" }]);
  });

  it("gives every edit its offsets, line:col, entry and reasons", () => {
    const text = "Line one.\r\nIn early Could, the 2 men";
    const r = restore(text, dict, SPUN);
    expect(r.edits.map((e) => [e.spun, e.line, e.col, e.entry.line])).toEqual([
      ["Could", 2, 10, 9],
      ["the 2", 2, 17, 15], // line 15 of PACK: the "Could" entry above it gained `ambiguous: false`
    ]);
    expect(r.edits[0].why).toEqual([
      'case matches "Could"',
      "not at a sentence start",
      'preceded by "early" (@date-word)',
    ]);
    expect(text.slice(r.edits[1].start, r.edits[1].end)).toBe("the 2");
  });

  it("is lossless: text no entry matches comes out byte-identical, CRLF and all", () => {
    const chars = fc.constantFrom(
      "a",
      "b",
      "Z",
      " ",
      "\r\n",
      "\n",
      "\t",
      "’",
      "é",
      ".",
      ",",
      "5",
      "-",
      "🎉",
      "\u00a0",
      "\ufeff",
    );
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 120 }).map((a) => a.join("")),
        (s) => {
          const r = restore(s, dict);
          expect(r.edits).toHaveLength(0);
          expect(r.text).toBe(s);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("changes nothing outside the edit spans, and its edits rebuild the text", () => {
    const pieces = fc.constantFrom(
      "the 2 men",
      "Chilly Struggle",
      " ",
      "\r\n",
      "in early Could",
      "a special",
      "and different",
      "x",
      "’",
      ".",
      "\n\n",
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }).map((a) => a.join("")),
        (s) => {
          const r = restore(s, dict);
          let at = 0;
          for (const e of r.edits) {
            expect(e.start).toBeGreaterThanOrEqual(at);
            at = e.end;
          }
          expect(applyEdits(s, r.edits)).toBe(r.text);
          // outside the spans, the output is the input
          let outAt = 0;
          let inAt = 0;
          for (const e of r.edits) {
            expect(r.text.slice(outAt, outAt + e.start - inAt)).toBe(s.slice(inAt, e.start));
            outAt += e.start - inAt + e.replacement.length;
            inAt = e.end;
          }
          expect(r.text.slice(outAt)).toBe(s.slice(inAt));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("overlap resolution", () => {
  /** The rule as stated, over all candidates at once: longest, then earliest, then the entry listed first. */
  function reference(cands: Candidate[], count: number): Candidate[] {
    const taken = new Uint8Array(count);
    const kept = cands
      .slice()
      .sort(
        (a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from || a.variant.entry.index - b.variant.entry.index,
      )
      .filter((c) => {
        for (let p = c.from; p < c.to; p++) if (taken[p]) return false;
        for (let p = c.from; p < c.to; p++) taken[p] = 1;
        return true;
      });
    return kept.sort((a, b) => a.from - b.from);
  }

  it("resolving each run of overlapping candidates on its own keeps what the whole-list rule keeps", () => {
    const cand = fc.record({
      from: fc.integer({ min: 0, max: 40 }),
      len: fc.integer({ min: 1, max: 4 }),
      entry: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(cand, { maxLength: 30 }), (raw) => {
        // as candidates() makes them: in order of start, then length; one per (start, length)
        const seen = new Set<string>();
        const cands = raw
          .filter((r) => !seen.has(`${r.from}:${r.len}`) && seen.add(`${r.from}:${r.len}`))
          .sort((a, b) => a.from - b.from || a.len - b.len)
          .map(
            (r) =>
              ({
                from: r.from,
                to: r.from + r.len,
                why: [],
                variant: { entry: { index: r.entry } },
              }) as unknown as Candidate,
          );
        expect(resolve(cands, 50)).toEqual(reference(cands, 50));
      }),
      { numRuns: 2000 },
    );
  });
});
