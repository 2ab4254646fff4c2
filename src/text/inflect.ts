/**
 * Regular English inflection of an entry's last word, so "neural organization" also matches
 * "neural organizations" and restores "neural networks". Spelling rules only; irregular forms are
 * listed as spun forms of their own.
 */
import type { Inflect } from "../types.js";

const VOWELS = "aeiou";

function consonantY(w: string): boolean {
  return w.length > 1 && w.endsWith("y") && !VOWELS.includes(w[w.length - 2]);
}

function sibilant(w: string): boolean {
  return /(?:s|x|z|ch|sh)$/i.test(w);
}

export function plural(w: string): string {
  if (consonantY(w)) return `${w.slice(0, -1)}ies`;
  if (sibilant(w)) return `${w}es`;
  return `${w}s`;
}

/** `n word`, the word in the plural unless n is 1 ("1 file", "3 entries"): every count unspin prints. */
export function counted(n: number, word: string): string {
  return `${n} ${n === 1 ? word : plural(word)}`;
}

export function past(w: string): string {
  if (w.endsWith("e")) return `${w}d`;
  if (consonantY(w)) return `${w.slice(0, -1)}ied`;
  return `${w}ed`;
}

export function gerund(w: string): string {
  if (w.endsWith("ie")) return `${w.slice(0, -2)}ying`;
  if (w.endsWith("e") && !w.endsWith("ee") && w.length > 2) return `${w.slice(0, -1)}ing`;
  return `${w}ing`;
}

export type Form = (w: string) => string;

export function formsFor(inflect: Inflect): Form[] {
  if (inflect === "noun") return [plural];
  if (inflect === "verb") return [plural, past, gerund];
  return [plural, past, gerund];
}

/** Is this a word we can inflect (letters only, not already ending in a plural-looking s)? */
export function inflectable(w: string): boolean {
  return /^\p{L}[\p{L}-]*$/u.test(w);
}
