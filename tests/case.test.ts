import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCase, casePattern } from "../src/text/case.js";

describe("case", () => {
  it("detects lower, first-capital, Title and UPPER patterns", () => {
    expect(casePattern(["chilly", "struggle"])).toBe("lower");
    expect(casePattern(["Each", "males"])).toBe("first");
    expect(casePattern(["Chilly", "Struggle"])).toBe("title");
    expect(casePattern(["CHILLY", "STRUGGLE"])).toBe("upper");
  });

  it("gives the replacement the case of what it replaces, keeping written capitals", () => {
    expect(applyCase("Cold War", "upper")).toBe("COLD WAR");
    expect(applyCase("Cold War", "lower")).toBe("Cold War");
    expect(applyCase("both men", "first")).toBe("Both men");
    expect(applyCase("news conference", "title")).toBe("News Conference");
    expect(applyCase("bank of America", "title")).toBe("Bank of America");
    expect(applyCase("ébauche", "first")).toBe("Ébauche");
  });
});

describe("case patterns by char code", () => {
  // the rule as first written: every character through the Unicode classes
  const UP = /\p{Lu}/u;
  const LO = /\p{Ll}/u;
  const startsUp = (w: string): boolean => {
    for (const ch of w) {
      if (UP.test(ch)) return true;
      if (LO.test(ch)) return false;
    }
    return false;
  };
  const reference = (words: readonly string[]): string => {
    let letters = 0;
    let lowers = 0;
    for (const w of words)
      for (const ch of w)
        if (UP.test(ch)) letters++;
        else if (LO.test(ch)) {
          letters++;
          lowers++;
        }
    if (letters >= 2 && lowers === 0) return "upper";
    if (words.length === 0 || !startsUp(words[0])) return "lower";
    if (words.length >= 2 && words.every(startsUp)) return "title";
    return "first";
  };

  it("agrees with the Unicode classes on any words", () => {
    const ch = fc.constantFrom(
      "a",
      "Z",
      "q",
      "É",
      "é",
      "ß",
      "Σ",
      "σ",
      "ǅ",
      "1",
      "'",
      "’",
      "-",
      ".",
      "𝐀",
      "𝐚",
      "😀",
      "\uD800",
    );
    const word = fc.array(ch, { maxLength: 8 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 4 }), (words) => {
        expect(casePattern(words)).toBe(reference(words));
      }),
      { numRuns: 3000 },
    );
  });
});
