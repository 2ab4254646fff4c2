/**
 * Example and allow sentences of each entry, chosen with the real engine (through the library API)
 * over the pack being built.
 */
import { buildDictionary, type Dictionary, readPack, restore } from "../../src/index.js";
import {
  type Catalogue,
  catalogueOf,
  expectedSentence,
  type Form,
  pluralPhrase,
  restoredPhrase,
} from "./expected-out.js";
import { allowSentences, exampleSentence, type Template, TEMPLATES } from "./sentences.js";
import { type Entry, type ExamplePair, key } from "./types.js";
import { toYamlEntry } from "./yaml.js";

/**
 * The real engine over the entries being built, so each example and allow is exactly what unspin
 * will do with the finished pack (the entries go through the real loader, with placeholder
 * examples, and ids that name their index).
 */
export class Simulator {
  private readonly dict: Dictionary;

  constructor(entries: Entry[], classes: Map<string, string[]>) {
    const probe = entries.map((e, i) => ({
      ...toYamlEntry({ ...e, examples: [{ in: "x", out: "x" }], allows: [] }),
      id: `e${i}`,
      note: undefined,
    }));
    // JSON is YAML, and no person reads this text
    const text = JSON.stringify({ pack: "science", classes: Object.fromEntries(classes), entries: probe });
    this.dict = buildDictionary([readPack("science.yaml (being built)", text)]);
  }

  /**
   * Restores `text` as the pack's tests do (dict test): an example as one sentence of a spun
   * document, an allow as clean text. Returns the output and the indexes of the entries that acted.
   */
  restore(text: string, document: "spun" | "clean" = "spun"): { out: string; acted: Set<number> } {
    const r = restore(text, this.dict, { document });
    // a document_spun match reported in a clean document (gated) has not acted
    const acted = r.edits.filter((e) => !e.gated).map((e) => Number(e.entry.id.slice(1)));
    return { out: r.text, acted: new Set(acted) };
  }
}

/** An example whose `out` (the catalogue's reading) is not what the engine writes. */
export interface Disagreement {
  entry: Entry;
  in: string;
  engine: string;
  expected: string;
}

/**
 * Every entry gets one example per spun form, and one with the first spun form in the plural when
 * it has `inflect: noun` (and that plural is not written as a spun form of its own). The input is
 * the first template in which the simulated pack has the entry itself act; the `out` is the
 * catalogue's reading (expected-out.ts), built without the engine, so the pack's tests compare the
 * engine with the catalogue. Where they differ, `disagree` hears of it. Entries with conditions get
 * allows that the simulated pack leaves alone. Returns the entries whose examples cannot work
 * (another entry with the same spun form always acts first).
 */
export function attachExamples(
  entries: Entry[],
  classes: Map<string, string[]>,
  warn: (m: string) => void,
  disagree: (d: Disagreement) => void,
): Set<Entry> {
  const sim = new Simulator(entries, classes);
  const shadowed = new Set<Entry>();
  const catalogue = catalogueOf(entries);
  const written = new Set(entries.flatMap((e) => e.spun.map(key)));
  entries.forEach((e, i) => {
    for (const spun of e.spun) {
      const pick = pickExample(sim, i, { spun, original: restoredPhrase(spun, e) }, e, catalogue);
      if (pick) e.examples.push(pick);
      else shadowed.add(e);
    }
    if (shadowed.has(e)) return;
    const spunPlural = pluralPhrase(e.spun[0]);
    if (e.inflect && !written.has(key(spunPlural))) {
      const form = {
        spun: spunPlural,
        original: restoredPhrase(spunPlural, { ...e, original: pluralPhrase(e.original) }),
      };
      // where no template lets the entry act on its plural, another entry owns that plural (the plural
      // of "jumping boxe" is that of "jumping box"): its own examples cover it
      const pick = pickExample(sim, i, form, e, catalogue);
      if (pick) e.examples.push(pick);
      else warn(`the plural "${spunPlural}" of "${e.spun[0]}" is restored by another entry`);
    }
    for (const ex of e.examples) {
      const engine = sim.restore(ex.in).out;
      if (engine !== ex.out) disagree({ entry: e, in: ex.in, engine, expected: ex.out });
    }
    for (const template of TEMPLATES) {
      const allows = allowSentences(template, e.spun[0], e.when);
      if (allows.every((a) => sim.restore(a, "clean").out === a && !sim.restore(a, "clean").acted.has(i))) {
        e.allows = allows;
        break;
      }
    }
    if (e.allows.length === 0 && Object.keys(e.when).length > 0) {
      warn(`no allow sentence holds for "${e.spun[0]}"`);
    }
  });
  return shadowed;
}

function example(template: Template, form: Form, e: Entry, catalogue: Catalogue): ExamplePair {
  return { in: exampleSentence(template, form.spun, e.when), out: expectedSentence(template, form, e, catalogue) };
}

/** The example in the first template where the entry itself acts, if any. */
function pickExample(
  sim: Simulator,
  index: number,
  form: Form,
  e: Entry,
  catalogue: Catalogue,
): ExamplePair | undefined {
  for (const template of TEMPLATES) {
    const input = exampleSentence(template, form.spun, e.when);
    if (sim.restore(input).acted.has(index)) return example(template, form, e, catalogue);
  }
  return undefined;
}
