/**
 * Tortured phrases the catalogue lacks (issue 13): the generator that made the catalogue's phrases
 * swaps words one by one ("network" → "organization", "deep" → "profound"), so the catalogue's own
 * word-for-word rows say which swaps it makes. Every correct phrase of the catalogue (a known term)
 * is written with those swaps, word by word; each form that is not a known term, ordinary English,
 * or holding a catalogue phrase becomes a detect-only entry: reported as a possible tortured phrase
 * with its term, never restored (`ambiguous: true`: no weight in the spinner score). Restoring them
 * in documents judged spun was tried: on the dev pairs it turned a genuine "disease recognition"
 * into "disease detection", and on real tortured texts precision fell from 0.82 to 0.63.
 *
 * Measured (leave one row out: its own swaps removed, can the rest make its tortured phrase?):
 * 38 % of the 4,427 two- and three-word rows, with 98 % of the proposals right; WordNet synonyms
 * would make only 10 % of them (they are not the generator's thesaurus). On 473,203 words of clean
 * technical English the forms occur 0.9 times per 10,000 words (as findings: those texts are not
 * judged spun).
 */
import { functionWordHashes } from "../../src/dictionary/evidence-data.js";
import { hashKey } from "../../src/text/hash.js";
import { tokenizeQuery } from "./query.js";
import { type Entry, key, type Row } from "./types.js";

/** A swap must be seen in this many rows of the catalogue. */
export const MIN_ROWS = 2;
/** Words of a known term (longer terms make too many forms to be worth it). */
const MIN_WORDS = 2;
const MAX_WORDS = 3;

/** The row's one quoted phrase, when its query is a single phrase with no AND/OR/NOT. */
function plainPhrase(row: Row): string | undefined {
  const tokens = tokenizeQuery(row.query, () => {});
  const t = tokens[0];
  if (tokens.length !== 1 || t.t !== "phrase" || t.proximity !== undefined) return undefined;
  return key(t.text);
}

/** Every run of one or more consecutive words. */
function subPhrases(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j <= words.length; j++) out.push(words.slice(i, j).join(" "));
  return out;
}

export interface Unseen {
  entries: Entry[];
  /** Swaps (tortured word → original word) seen in MIN_ROWS rows or more. */
  swaps: number;
  terms: number;
}

/**
 * The unseen forms of the catalogue's terms. `existing`: spun forms already in the pack (never made
 * again); `ordinary(phrase)`: the form is ordinary English (left out).
 */
export function unseenEntries(rows: Row[], existing: Set<string>, ordinary: (phrase: string) => boolean): Unseen {
  const functionWords = functionWordHashes();
  const stop = { has: (w: string): boolean => functionWords.has(hashKey(w)) };
  const rowsBySwap = new Map<string, Map<string, number>>(); // original word → tortured word → rows
  const terms = new Set<string>();
  for (const row of rows) {
    const expected = key(row.expected.replace(/\?$/, ""));
    const ew = expected.split(" ");
    if (ew.length >= MIN_WORDS && ew.length <= MAX_WORDS && /^[a-z][a-z -]*$/.test(expected)) terms.add(expected);
    const spun = plainPhrase(row);
    if (!spun) continue;
    const sw = spun.split(" ");
    if (sw.length !== ew.length) continue;
    sw.forEach((s, i) => {
      const o = ew[i];
      if (s === o || stop.has(s) || stop.has(o) || !/^[a-z-]+$/.test(s)) return;
      const m = rowsBySwap.get(o) ?? new Map<string, number>();
      m.set(s, (m.get(s) ?? 0) + 1);
      rowsBySwap.set(o, m);
    });
  }
  const swapsOf = (word: string): string[] =>
    [...(rowsBySwap.get(word) ?? new Map<string, number>()).entries()]
      .filter(([, n]) => n >= MIN_ROWS)
      .map(([s]) => s)
      .sort();
  const swaps = [...rowsBySwap.values()].reduce((n, m) => n + [...m.values()].filter((c) => c >= MIN_ROWS).length, 0);
  // inside a catalogue phrase, a form would be reported where that phrase is rightly left alone
  const inside = new Set([...existing].flatMap((e) => subPhrases(e.split(" "))));
  const made = new Map<string, string>(); // form → term (the first term, in sorted order, that makes it)
  for (const term of [...terms].sort()) {
    const words = term.split(" ");
    const options = words.map((w) => [w, ...swapsOf(w)]);
    const forms: string[][] = [[]];
    for (const opts of options) {
      const next: string[][] = [];
      for (const f of forms) for (const o of opts) next.push([...f, o]);
      forms.splice(0, forms.length, ...next);
    }
    for (const f of forms) {
      const form = f.join(" ");
      if (form === term || terms.has(form) || made.has(form) || inside.has(form) || ordinary(form)) continue;
      // a form holding a catalogue phrase is the catalogue's to restore: a finding over it would win
      // the overlap (longest match) and take the restoration away
      if (subPhrases(f).some((p) => existing.has(p))) continue;
      made.set(form, term);
    }
  }
  const entries: Entry[] = [...made.entries()].map(([form, term]) => {
    const changed = form
      .split(" ")
      .map((w, i) => [w, term.split(" ")[i]])
      .filter(([w, o]) => w !== o)
      .map(([w, o]) => `'${w}' for '${o}' (${rowsBySwap.get(o)?.get(w)} rows)`);
    return {
      spun: [form],
      original: term,
      detect: true,
      exactCase: false,
      inflect: false,
      weight: 0,
      when: {},
      ambiguous: true,
      note: `unseen: the catalogue's swaps ${changed.join(", ")}`,
      examples: [{ in: `We report the ${form} in this study.`, out: `We report the ${form} in this study.` }],
      allows: [],
      rows: [],
    };
  });
  return { entries, swaps, terms: terms.size };
}
