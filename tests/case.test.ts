import { describe, expect, it } from "vitest";
import { applyCase, casePattern } from "../src/case.js";

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
