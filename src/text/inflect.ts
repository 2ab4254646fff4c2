/**
 * English inflection of an entry's last word, so "neural organization" also matches "neural
 * organizations" and restores "neural networks", and "mentions" / "mentioned" follow "mention".
 * Nouns are pluralised by `pluralize` (MIT; irregular and Latin plurals: analysis → analyses,
 * child → children, leaf → leaves; uncountables stay). Verbs follow the regular spelling rules:
 * -s/-es/-ies, -ed/-d/-ied, -ing with e-drop, and the final consonant doubled after one short vowel
 * in a word of one syllable (stop → stopped, stopping). Longer words stressed at the end (admit →
 * admitted) cannot be told from the others by spelling: list such forms as spun forms of their own.
 */
import pluralize from "pluralize";
import type { Inflect } from "../types.js";

const VOWEL = /[aeiou]/;

function consonantY(w: string): boolean {
  return w.length > 1 && w.endsWith("y") && !VOWEL.test(w[w.length - 2]);
}

function sibilant(w: string): boolean {
  return /(?:s|x|z|ch|sh)$/i.test(w);
}

/** One syllable ending consonant–vowel–consonant (not w, x or y): its last letter doubles before -ed/-ing. */
function doublesFinal(w: string): boolean {
  const lower = w.toLowerCase();
  const groups = lower.match(/[aeiouy]+/g) ?? [];
  return groups.length === 1 && /(?:^|[^aeiou])[aeiou][b-df-hj-np-tvz]$/.test(lower);
}

/** The plural of a noun. */
export function plural(w: string): string {
  return pluralize.plural(w);
}

/** `n word`, the word in the plural unless n is 1 ("1 file", "3 entries"): every count unspin prints. */
export function counted(n: number, word: string): string {
  return `${n} ${n === 1 ? word : plural(word)}`;
}

/** The third person singular of a verb ("mention" → "mentions", "fix" → "fixes", "try" → "tries"). */
export function thirdPerson(w: string): string {
  if (consonantY(w)) return `${w.slice(0, -1)}ies`;
  if (sibilant(w) || /[^aeiou]o$/i.test(w)) return `${w}es`;
  return `${w}s`;
}

export function past(w: string): string {
  if (w.endsWith("e")) return `${w}d`;
  if (consonantY(w)) return `${w.slice(0, -1)}ied`;
  if (doublesFinal(w)) return `${w}${w[w.length - 1]}ed`;
  return `${w}ed`;
}

export function gerund(w: string): string {
  if (w.endsWith("ie")) return `${w.slice(0, -2)}ying`;
  if (w.endsWith("e") && !w.endsWith("ee") && !w.endsWith("ye") && w.length > 2) return `${w.slice(0, -1)}ing`;
  if (doublesFinal(w)) return `${w}${w[w.length - 1]}ing`;
  return `${w}ing`;
}

export type Form = (w: string) => string;

/** The inflections an entry's `inflect` asks for: a noun's plural, a verb's -s, past and -ing forms, or both. */
export function formsFor(inflect: Inflect): Form[] {
  if (inflect === "noun") return [plural];
  if (inflect === "verb") return [thirdPerson, past, gerund];
  return [plural, thirdPerson, past, gerund];
}

/**
 * Are two words forms of one word ("pleaded", "pleads": both of "plead")? The inverse of formsFor:
 * each word's possible stems (its ending taken off, with the spelling rules undone) are tried as the
 * base whose forms hold both.
 */
export function sameLemma(x: string, y: string): boolean {
  const forms = (base: string) => new Set([base, ...formsFor("both").map((form) => form(base))]);
  return [...stemsOf(x), ...stemsOf(y)].some((base) => {
    const f = forms(base);
    return f.has(x) && f.has(y);
  });
}

/** A word and the bases it could be a form of (ending off; e restored, a doubled consonant or y undone). */
function stemsOf(w: string): string[] {
  const out = [w];
  for (const end of ["s", "es", "ies", "d", "ed", "ing"]) {
    if (!w.endsWith(end) || w.length <= end.length + 2) continue;
    const stem = w.slice(0, -end.length);
    if (end === "ies") out.push(`${stem}y`);
    else out.push(stem, `${stem}e`, stem.slice(0, -1));
  }
  return out;
}

/** Is this a word we can inflect (letters only)? */
export function inflectable(w: string): boolean {
  return /^\p{L}[\p{L}-]*$/u.test(w);
}
