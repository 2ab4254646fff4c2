/** A conservative guess at which entries take `inflect: noun`, and the plural the engine writes. */
import { plural } from "../../src/index.js";
import { ADJECTIVES, NO_PLURAL, NOUNS_WITH_ADJECTIVE_ENDING } from "./wordlists.js";

const ADJECTIVE_ENDING = /(?:al|ic|ive|ous|ful|less|able|ible|ing|ed|ly|ish)$/;

export function lastWord(phrase: string): string {
  const words = phrase.split(/\s+/);
  return words[words.length - 1];
}

/**
 * A conservative guess that a last word is a count noun with a regular plural: letters only, not
 * already ending in -s, not uncountable or irregular, not adjective- or participle-like
 * (-al -ic -ive -ous -ful -less -able -ible -ing -ed -ly -ish), not acronym-like, and not ending in
 * a vowel + y or a consonant + o (spelling the engine's rule might get wrong).
 */
export function isRegularNoun(word: string): boolean {
  const w = word.toLowerCase();
  if (!/^\p{Ll}+$/u.test(word) || w.length < 3 || w.endsWith("s")) return false;
  if (NO_PLURAL.has(w) || ADJECTIVES.has(w)) return false;
  if (ADJECTIVE_ENDING.test(w) && !NOUNS_WITH_ADJECTIVE_ENDING.has(w)) return false;
  if (/[aeiou]y$/.test(w) || /[^aeiou]o$/.test(w) || /fe?$/.test(w)) return false;
  return true;
}

export function inflectsAsNoun(spun: string[], original: string): boolean {
  return spun.every((s) => isRegularNoun(lastWord(s))) && isRegularNoun(lastWord(original));
}

/** The plural the engine writes: the same function (src/text/inflect.ts). */
export { plural };
