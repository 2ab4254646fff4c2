/**
 * Inflection checked against a word list of English forms (regular, spelling-rule and irregular),
 * not against the functions' own output. The issue's bugs: "stop" → "stoped", "analysis" →
 * "analysises", and `inflect: verb` behaving like `both`.
 */
import { describe, expect, it } from "vitest";
import { buildDictionary } from "../src/dictionary/build.js";
import { readPack } from "../src/dictionary/loader.js";
import { restore } from "../src/engine/restore.js";
import { counted, formsFor, gerund, past, plural, thirdPerson } from "../src/text/inflect.js";

const NOUNS: [string, string][] = [
  ["network", "networks"],
  ["city", "cities"],
  ["day", "days"],
  ["bus", "buses"],
  ["box", "boxes"],
  ["church", "churches"],
  ["dish", "dishes"],
  ["analysis", "analyses"],
  ["crisis", "crises"],
  ["hypothesis", "hypotheses"],
  ["leaf", "leaves"],
  ["knife", "knives"],
  ["child", "children"],
  ["woman", "women"],
  ["stratum", "strata"],
  ["criterion", "criteria"],
  ["organization", "organizations"],
  ["tree", "trees"],
  ["potato", "potatoes"],
  ["series", "series"],
  ["information", "information"],
];

const VERBS: [string, string, string, string][] = [
  // base, -s, past, -ing
  ["stop", "stops", "stopped", "stopping"],
  ["plan", "plans", "planned", "planning"],
  ["drop", "drops", "dropped", "dropping"],
  ["ship", "ships", "shipped", "shipping"],
  ["mention", "mentions", "mentioned", "mentioning"],
  ["visit", "visits", "visited", "visiting"],
  ["try", "tries", "tried", "trying"],
  ["play", "plays", "played", "playing"],
  ["fix", "fixes", "fixed", "fixing"],
  ["reach", "reaches", "reached", "reaching"],
  ["use", "uses", "used", "using"],
  ["agree", "agrees", "agreed", "agreeing"],
  ["die", "dies", "died", "dying"],
  ["echo", "echoes", "echoed", "echoing"],
  ["rain", "rains", "rained", "raining"],
  ["show", "shows", "showed", "showing"],
];

describe("inflection", () => {
  it("pluralises nouns: regular, spelling rules, Latin and irregular plurals, uncountables", () => {
    for (const [w, p] of NOUNS) expect(plural(w), w).toBe(p);
    expect(counted(1, "entry")).toBe("1 entry");
    expect(counted(3, "entry")).toBe("3 entries");
  });

  it("inflects verbs: -s, past and -ing with e-drop, y → i and a doubled final consonant", () => {
    for (const [w, s, ed, ing] of VERBS) {
      expect(thirdPerson(w), w).toBe(s);
      expect(past(w), w).toBe(ed);
      expect(gerund(w), w).toBe(ing);
    }
  });

  it("gives a verb its verb forms only, a noun its plural only, and both both", () => {
    const forms = (i: "noun" | "verb" | "both", w: string) => formsFor(i).map((f) => f(w));
    expect(forms("noun", "analysis")).toEqual(["analyses"]);
    expect(forms("verb", "stop")).toEqual(["stops", "stopped", "stopping"]);
    expect(forms("both", "child")).toEqual(["children", "childs", "childed", "childing"]);
  });

  it("matches and restores the inflected forms of an entry's last word", () => {
    const dict = buildDictionary([
      readPack(
        "i.yaml",
        `pack: i
entries:
  - spun: bosom cyst
    original: breast analysis
    inflect: noun
    ambiguous: false
    examples: [{in: a bosom cyst, out: a breast analysis}]
  - spun: halt
    original: stop
    inflect: verb
    ambiguous: false
    examples: [{in: they halt, out: they stop}]
`,
      ),
    ]);
    expect(restore("two bosom cysts", dict).text).toBe("two breast analyses");
    expect(restore("they halted and kept halting", dict).text).toBe("they stopped and kept stopping");
  });
});
