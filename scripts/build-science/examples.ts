/**
 * Example and allow sentences of each entry, chosen with the real engine (through the library API)
 * over the pack being built.
 */
import { buildDictionary, type Dictionary, readPack, restore } from "../../src/index.js";
import { type Entry, type ExamplePair, hasDocumentCondition, type When } from "./types.js";
import { toYamlEntry } from "./yaml.js";

/** Sentence templates for generated examples; the first that works in the simulation is used. */

export const TEMPLATES = [
  (x: string): string => `We report the ${x} in this study`,
  (x: string): string => `Table 2 lists the ${x} for each sample`,
  (x: string): string => `In this paper, the ${x} was examined`,
];

// A small simulation of the engine, to pick example sentences that hold for the whole pack
// ---------------------------------------------------------------------------------------------

export function plural(w: string): string {
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + "ies";
  if (/(?:s|x|z|ch|sh)$/.test(w)) return w + "es";
  return w + "s";
}

/**
 * The real engine over the entries being built, so each example and allow is exactly what unspin
 * will do with the finished pack (the entries go through the real loader, with placeholder
 * examples, and ids that name their index).
 */
export class Simulator {
  private readonly dict: Dictionary;

  constructor(entries: Entry[], classes: Map<string, string[]>) {
    const probe = entries.map((e, i) => ({ ...toYamlEntry({ ...e, examples: [{ in: "x", out: "x" }], allows: [] }), id: `e${i}`, note: undefined }));
    // JSON is YAML, and no person reads this text
    const text = JSON.stringify({ pack: "science", classes: Object.fromEntries(classes), entries: probe });
    this.dict = buildDictionary([readPack("science.yaml (being built)", text)]);
  }

  /** Restores `text`; returns the output and the indexes of the entries that acted. */
  restore(text: string): { out: string; acted: Set<number> } {
    const r = restore(text, this.dict);
    return { out: r.text, acted: new Set(r.edits.map((e) => Number(e.entry.id.slice(1)))) };
  }
}

/** Context to put in an example so that the entry's conditions hold. */
export function contextClause(when: When): { inline: string; tail: string } {
  const has = [...(when.document_has ?? []), ...(when.document_has_any ?? []).slice(0, 1)];
  const tail = has.length > 0 ? `, together with the ${has.join(", the ")}` : "";
  const inline = when.near ? ` (${when.near[0]})` : "";
  return { inline, tail };
}

export function exampleSentence(template: (x: string) => string, spun: string, when: When): string {
  const { inline, tail } = contextClause(when);
  return `${template(spun + inline)}${tail}.`;
}

/** Sentences showing the clean case left alone: the spun form without its context, or with the NOT phrase. */
export function allowSentences(template: (x: string) => string, spun: string, when: When): string[] {
  const out: string[] = [];
  if (hasDocumentCondition(when) || when.near) out.push(`${template(spun)}.`);
  for (const z of when.document_lacks ?? []) {
    const { inline, tail } = contextClause(when);
    out.push(`${template(spun + inline)}${tail}, unlike the ${z}.`);
  }
  for (const z of when.not_near ?? []) out.push(`${template(`${spun} ${z}`)}.`);
  return out;
}

/**
 * Every entry gets one example per spun form (`out` is what the simulated pack writes, and the entry
 * must be the one acting) and, when it has conditions, allows that the simulated pack leaves alone.
 * Returns the entries whose examples cannot work (another entry with the same spun form wins).
 */
export function attachExamples(entries: Entry[], classes: Map<string, string[]>, warn: (m: string) => void): Set<Entry> {
  const sim = new Simulator(entries, classes);
  const shadowed = new Set<Entry>();
  entries.forEach((e, i) => {
    for (const spun of e.spun) {
      const pick = pickExample(sim, i, spun, e.when);
      if (pick) e.examples.push(pick);
      else shadowed.add(e);
    }
    if (shadowed.has(e)) return;
    for (const template of TEMPLATES) {
      const allows = allowSentences(template, e.spun[0], e.when);
      if (allows.every((a) => sim.restore(a).out === a && !sim.restore(a).acted.has(i))) {
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

export function pickExample(sim: Simulator, index: number, spun: string, when: When): ExamplePair | undefined {
  for (const template of TEMPLATES) {
    const input = exampleSentence(template, spun, when);
    const { out, acted } = sim.restore(input);
    if (acted.has(index)) return { in: input, out };
  }
  return undefined;
}

