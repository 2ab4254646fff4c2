/**
 * One export row → its entries, or the reason it is dropped; decides replacing or detect-only,
 * and guards against spun forms that are standard terms.
 */
import { cleanExpected, type Cleaned, isTitleCase, naturalCase } from "./expected.js";
import { inflectsAsNoun } from "./inflection.js";
import { QueryParser, type QNode, tokenizeQuery } from "./query.js";
import { alternatives, type Alternative } from "./translate.js";
import { type Entry, hasDocumentCondition, key, type Outcome, type Row } from "./types.js";
import { COMMON_WORDS, STANDARD_TERMS } from "./wordlists.js";

export function withoutTrailingAcronym(s: string): string {
  return s.replace(/\s*\([^()]*\)\s*$/, "").trim();
}

export function isSingleWord(spun: string): boolean {
  return /^[\p{L}\p{N}']+$/u.test(spun);
}

export interface Context {
  standard: Set<string>;
  /** Acronyms written after each correct term in the export: "web of things" → {wot}. */
  acronyms: Map<string, Set<string>>;
  warn: (m: string) => void;
}

export function describeQuery(row: Row): string {
  return `PPS query: ${row.query}`;
}

export function rowToOutcome(row: Row, ctx: Context): Outcome {
  let tree: QNode;
  try {
    tree = new QueryParser(tokenizeQuery(row.query, (m) => ctx.warn(`line ${row.line}: ${m}`))).parse();
  } catch (e) {
    return { kind: "dropped", reason: "unparseable query", detail: (e as Error).message };
  }
  const firstSpun = /"([^"]*)"/.exec(row.query)?.[1] ?? "";
  const cleaned = cleanExpected(row.expected, firstSpun);
  let alts: Alternative[];
  try {
    alts = alternatives(tree, cleaned);
  } catch (e) {
    return { kind: "dropped", reason: "unsupported query shape", detail: (e as Error).message };
  }
  const entries: Entry[] = [];
  for (const alt of alts) {
    const made = altToEntry(alt, cleaned, row, ctx);
    if ("reason" in made) return { kind: "dropped", reason: made.reason, detail: made.detail };
    const same = entries.find((e) => JSON.stringify(e.when) === JSON.stringify(made.when));
    if (same) same.spun.push(...made.spun);
    else entries.push(made);
  }
  return { kind: "entry", entries };
}

export function altToEntry(
  alt: Alternative,
  cleaned: Cleaned,
  row: Row,
  ctx: Context,
): Entry | { reason: string; detail: string } {
  const rawSpun = alt.spun.trim();
  if (rawSpun === "" || cleaned.text.trim() === "") return { reason: "empty", detail: row.query };
  const spunKey = key(rawSpun);
  if (ctx.standard.has(spunKey) || isStandardWithItsAcronym(rawSpun, ctx)) {
    return { reason: "spun form is a standard term", detail: `"${rawSpun}" (→ ${row.expected})` };
  }
  const spun = isTitleCase(rawSpun) ? rawSpun : naturalCase(rawSpun, rawSpun);
  let detectReason: string | undefined;
  if (cleaned.note) detectReason = `expected phrase is a note (${cleaned.note})`;
  else if (alt.proximityVerdict && !alt.proximityVerdict.replace) detectReason = alt.proximityVerdict.why;
  else if (isSingleWord(rawSpun) && COMMON_WORDS.has(spunKey) && !hasDocumentCondition(alt.when)) {
    detectReason = "common single word without a document condition";
  } else if (isSingleWord(rawSpun) && !hasDocumentCondition(alt.when) && alt.when.near) {
    detectReason = "single word with only a proximity condition";
  }
  const detect = detectReason !== undefined;
  const exactCase = !detect && isTitleCase(rawSpun) && isTitleCase(cleaned.text);
  const original = detect || exactCase ? cleaned.text : naturalCase(cleaned.text, rawSpun);
  if (!detect && key(original) === spunKey) {
    return { reason: "spun equals original", detail: `"${rawSpun}"` };
  }
  const hasConditions = Object.keys(alt.when).length > 0;
  return {
    spun: [spun],
    original: detect ? row.expected : original,
    detect,
    exactCase,
    inflect: !detect && inflectsAsNoun([spun], original),
    weight: row.papers,
    when: alt.when,
    note: hasConditions || alt.proximityVerdict || row.query.includes("ADN") ? describeQuery(row) : undefined,
    examples: [],
    allows: [],
    rows: [row],
    detectReason,
  };
}

/**
 * "Dimensionality Reduction (DR)" is a correct term with its own acronym; "Web of Things (IoT)" is
 * not (the term's acronym is WoT): the wrong acronym is the fingerprint.
 */
export function isStandardWithItsAcronym(spun: string, ctx: Context): boolean {
  const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(spun.trim());
  if (!m || !ctx.standard.has(key(m[1]))) return false;
  const known = ctx.acronyms.get(key(m[1]));
  return known?.has(key(m[2])) === true;
}

export function acronymsOf(rows: Row[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const row of rows) {
    const m = /^(.*\S)\s*\(([^()\s]+)\)$/.exec(row.expected.replace(/^"|"$/g, "").trim());
    if (m) map.set(key(m[1]), new Set([...(map.get(key(m[1])) ?? []), key(m[2])]));
  }
  return map;
}

/** Correct terms: the standard list plus every usable expected phrase of the export. */
export function standardTerms(rows: Row[]): Set<string> {
  const set = new Set(STANDARD_TERMS);
  for (const row of rows) {
    const cleaned = cleanExpected(row.expected, "");
    const raw = row.expected.replace(/^"|"$/g, "");
    for (const t of [raw, withoutTrailingAcronym(raw), cleaned.note ? "" : cleaned.text]) {
      if (t && !/[?/[\]]/.test(t)) set.add(key(t));
    }
  }
  return set;
}
