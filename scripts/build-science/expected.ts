/**
 * The export's expected phrase: cleaned into a replacement or recognised as a note for people, and
 * put in its natural case.
 */
import { PROPER_WORDS } from "./wordlists.js";

export interface Cleaned {
  text: string;
  note?: string;
}

export const NOTE_MARKERS: Array<[RegExp, string]> = [
  [/\?/, "question mark"],
  [/https?:|www\.|bit\.ly/i, "URL"],
  [/[[\]]/, "bracketed words"],
  [/\bOR\b|\bor\b/, "alternatives (or)"],
  [/\bAND\b/, "several terms (AND)"],
  [/\be\.g\.|\bi\.e\.|\betc\b|\.\.\./i, "e.g./i.e./etc."],
  [/\b(?:see|as in|in this context|possibly|caveat|could be|please|sometimes|search and replace)\b|->/i, "explanation"],
];

export function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

export const WORD_COUNT = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Turns the expected phrase into a replacement, or says why it is a note for people. */
export function cleanExpected(raw: string, spun: string): Cleaned {
  let text = raw.trim();
  if (/^".*"$/.test(text)) text = text.slice(1, -1).trim();
  if (text === "") return { text: raw, note: "empty" };
  for (const [re, why] of NOTE_MARKERS) if (re.test(text)) return { text, note: why };
  if (text.includes("/") && !spun.includes("/")) return { text, note: "alternatives (/)" };
  if (count(text, ",") !== count(spun, ",")) return { text, note: "list of terms" };
  const spunEndsInParens = /\)\s*$/.test(spun);
  for (let m = /\s+\(([^()]*)\)$/.exec(text); m && !spunEndsInParens; m = /\s+\(([^()]*)\)$/.exec(text)) {
    const inner = m[1];
    const head = text.slice(0, m.index).trim();
    if (isAcronym(inner)) text = head;
    else if (isAcronym(head) && /\s/.test(inner))
      text = inner; // "NGS (Next-Generation Sequencing)"
    else if (WORD_COUNT(head) === WORD_COUNT(spun))
      text = head; // "hit rate (metric)"
    else return { text: raw, note: "clarification in parentheses" };
  }
  text = text.replace(/^the\s+/i, (m) => (/^the\s/i.test(spun) ? m : ""));
  if (count(text, "(") !== count(spun, "(")) {
    const without = text
      .replace(/\s*\([^()]*\)\s*/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    if (WORD_COUNT(without) === WORD_COUNT(spun) && !without.includes("(")) text = without;
    else return { text: raw, note: "words in parentheses" };
  }
  return { text };
}

export function isAcronym(s: string): boolean {
  return !/\s/.test(s) && /\p{Lu}/u.test(s) && s.length <= 12;
}

/** An acronym-like part of a word: RAM, IoT, eGFR, B1, 3D, X (of X-ray). */
export function keepsCapitals(part: string): boolean {
  const uppers = (part.match(/\p{Lu}/gu) ?? []).length;
  return uppers >= 2 || /^\p{Lu}$/u.test(part) || /\p{Ll}\p{Lu}/u.test(part) || (uppers >= 1 && /\d/.test(part));
}

export const SMALL_WORDS = new Set(["of", "and", "for", "in", "on", "the", "to", "a", "an", "at", "by", "with"]);

/** Every word capitalised (small words aside): a proper name such as an organisation. */
export function isTitleCase(phrase: string): boolean {
  const words = phrase.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.length >= 2 && words.every((w) => SMALL_WORDS.has(w.toLowerCase()) || /^[^\p{L}]*\p{Lu}/u.test(w));
}

/**
 * The natural case of a phrase from the export, where some rows are Title Cased or start with a
 * capital as in a sentence: lower-cases each word unless it is acronym-like, a known name, or
 * written capitalised after the first word of `evidence` (the spun form).
 */
export function naturalCase(phrase: string, evidence: string): string {
  const capitalisedInEvidence = new Set(
    evidence
      .split(/\s+/)
      .slice(1)
      .filter((w) => /^\p{Lu}/u.test(w)),
  );
  return phrase
    .split(/(\s+)/)
    .map((word) => {
      if (/^\s+$/.test(word) || capitalisedInEvidence.has(word)) return word;
      const bare = word
        .replace(/['’]s$/, "")
        .replace(/[^\p{L}\p{N}-]/gu, "")
        .toLowerCase();
      if (PROPER_WORDS.has(bare)) return word;
      return word
        .split("-")
        .map((part) => (keepsCapitals(part) ? part : part.toLowerCase()))
        .join("-");
    })
    .join("");
}
