import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashKey } from "../src/text/hash.js";
import { Kind, phraseKeys, scannedKeys, tokenKey, tokenize } from "../src/text/tokenizer.js";

function words(text: string): [number, string][] {
  const t = tokenize(text);
  const out: [number, string][] = [];
  for (let i = 0; i < t.count; i++) {
    if (t.kinds[i] !== Kind.Space) out.push([t.kinds[i], text.slice(t.starts[i], t.ends[i])]);
  }
  return out;
}

describe("tokenizer", () => {
  it("is lossless on any string (tokens concatenate back to the input)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        const t = tokenize(s);
        let out = "";
        let at = 0;
        for (let i = 0; i < t.count; i++) {
          expect(t.starts[i]).toBe(at);
          out += s.slice(t.starts[i], t.ends[i]);
          at = t.ends[i];
        }
        expect(out).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps numbers, currency, abbreviations, hyphenated words, URLs and e-mail addresses whole", () => {
    const text =
      "It cost $11 for 5,500 miles (3.1 km) in the U.S. off-the-books at https://example.com/a?b=1, mail jo.doe@example.org.";
    const toks = words(text).map(([, s]) => s);
    for (const whole of [
      "$11",
      "5,500",
      "3.1",
      "U.S.",
      "off-the-books",
      "https://example.com/a?b=1",
      "jo.doe@example.org",
    ]) {
      expect(toks).toContain(whole);
    }
    expect(words(text).find(([, s]) => s === "https://example.com/a?b=1")?.[0]).toBe(Kind.Link);
  });

  it("handles accented letters and both apostrophes; splits the possessive 's", () => {
    expect(words("Zoë’s café don’t Łódź's")).toEqual([
      [Kind.Word, "Zoë"],
      [Kind.Clitic, "’s"],
      [Kind.Word, "café"],
      [Kind.Word, "don’t"],
      [Kind.Word, "Łódź"],
      [Kind.Clitic, "'s"],
    ]);
  });

  it("marks sentence starts after . ! ? (and closing quotes), at line starts, not after commas or abbreviations", () => {
    const text = "One two. “Three,” four? Five\nSix, seven in the U.S. Eight";
    const t = tokenize(text);
    const starts: string[] = [];
    for (let i = 0; i < t.count; i++) if (t.sentenceStart[i]) starts.push(text.slice(t.starts[i], t.ends[i]));
    expect(starts).toEqual(["One", "Three", "Five", "Six"]);
  });

  it("gives a phrase the same keys on its fast path as through the tokenizer", () => {
    expect(phraseKeys("10-crease cross")).toEqual(["10", "-", "crease", "cross"]);
    const word = fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 4 }).map((a) => a.join(" ")),
        (p) => {
          expect(phraseKeys(p)).toEqual(scannedKeys(p));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("marks a blank line as a paragraph break, CRLF included", () => {
    expect(words("a\r\n\r\nb").map(([k]) => k)).toEqual([Kind.Word, Kind.Break, Kind.Word]);
    expect(words("a\nb").map(([k]) => k)).toEqual([Kind.Word, Kind.Word]);
  });
});

describe("token arrays that must grow", () => {
  it("keep every token and sentence start when the text has more tokens than half its length", () => {
    // "a! " is three tokens in three characters: the arrays (sized for half the text) grow twice
    const text = `${"a! ".repeat(4000)}end`;
    const t = tokenize(text);
    expect(t.count).toBe(3 * 4000 + 1);
    let words = 0;
    for (let i = 0; i < t.count; i++) {
      if (t.kinds[i] !== Kind.Word) continue;
      words++;
      expect(t.sentenceStart[i]).toBe(1); // after "! " every word starts a sentence
    }
    expect(words).toBe(4001);
    expect(Array.from({ length: t.count }, (_, i) => text.slice(t.starts[i], t.ends[i])).join("")).toBe(text);
  });
});

describe("what the tokenizer makes for the matcher", () => {
  const piece = fc.constantFrom(
    "Word",
    "word",
    "WORD",
    "U.S.",
    "don't",
    "it’s",
    "Café",
    "5th",
    "3,000",
    "$9",
    ",",
    ".",
    "'s",
    "’s",
    "&",
    "—",
    "😀",
    " ",
    "\n\n",
    "\t",
    "x@y.org",
    "e-mail",
    "ÉTÉ",
  );
  it("hashes a token's key as hash.ts does, or leaves 0; sig lists the non-space tokens", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const t = tokenize(text);
        const sig: number[] = [];
        for (let i = 0; i < t.count; i++) {
          if (t.kinds[i] !== Kind.Space) sig.push(i);
          if (t.hashes[i] !== 0) expect(t.hashes[i]).toBe(hashKey(tokenKey(text.slice(t.starts[i], t.ends[i]))));
        }
        expect(Array.from(t.sig)).toEqual(sig);
      }),
      { numRuns: 500 },
    );
  });

  it("hashes plain ASCII words and punctuation on the way", () => {
    const text = "The Cold War, said Biden.";
    const t = tokenize(text);
    for (let i = 0; i < t.count; i++) {
      const raw = text.slice(t.starts[i], t.ends[i]);
      if (t.kinds[i] !== Kind.Space) expect([raw, t.hashes[i]]).toEqual([raw, hashKey(raw.toLowerCase())]);
    }
  });
});
