/**
 * What an example sentence should read once restored, by the catalogue and the generator's own
 * simple rules of case and plural, never by asking the engine: the pack's tests then compare the
 * engine with the catalogue instead of with itself.
 */
import { contextClause, type Template } from "./sentences.js";
import { plural } from "./inflection.js";
import { type Entry, key } from "./types.js";

/** A spun form as written in an example and the original that should stand in its place. */
export interface Form {
  spun: string;
  original: string;
}

/** Spun form (key) → original, of the replacing entries without conditions. */
export type Catalogue = Map<string, string>;

export function catalogueOf(entries: Entry[]): Catalogue {
  return new Map(
    entries
      .filter((e) => !e.detect && Object.keys(e.when).length === 0)
      .flatMap((e) => e.spun.map((sp): [string, string] => [key(sp), e.original])),
  );
}

/**
 * The example sentence as the catalogue says it should read: the spun form replaced by its
 * original (a detect-only entry changes nothing), and a context phrase that is itself an
 * unconditional spun form of the catalogue ("differential condition" AND "fragmentary request")
 * replaced by its original too.
 */
export function expectedSentence(template: Template, form: Form, e: Entry, catalogue: Catalogue): string {
  const { inline, tail } = contextClause(e.when, (phrase) => catalogue.get(key(phrase)) ?? phrase);
  return `${template((e.detect ? form.spun : form.original) + inline)}${tail}.`;
}

const upperFirst = (w: string): string => w.replace(/^[^\p{L}]*\p{L}/u, (m) => m.toUpperCase());

/**
 * The original as it should stand in place of `spun` (written mid-sentence): the catalogue's text,
 * with the case of the spun form carried over unless the entry keeps its case. Every word
 * capitalised (Title Case, words without letters aside) → every word of the original capitalised;
 * the first word capitalised → the original's first letter capitalised ("PC vision" → "Computer
 * vision"); a word that starts with a digit ("16KHz") counts as not capitalised.
 */
export function restoredPhrase(spun: string, e: Pick<Entry, "original" | "exactCase">): string {
  if (e.exactCase) return e.original;
  const lettered = spun.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  const capital = (w: string): boolean => /^[^\p{L}\p{N}]*\p{Lu}/u.test(w);
  if (lettered.length >= 2 && lettered.every(capital)) return e.original.split(" ").map(upperFirst).join(" ");
  if (lettered.length > 0 && capital(lettered[0])) return upperFirst(e.original);
  return e.original;
}

/** The phrase with its last word in the regular plural (entries with `inflect: noun` only). */
export function pluralPhrase(phrase: string): string {
  const words = phrase.split(" ");
  words[words.length - 1] = plural(words[words.length - 1]);
  return words.join(" ");
}
