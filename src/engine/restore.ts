/**
 * The rule engine: finds every dictionary match whose conditions hold on the input, resolves
 * overlaps (longest match wins; then the earlier start; then the entry listed first), and builds the
 * restored text in one pass. Text outside the edits is copied unchanged. Matching: match.ts;
 * overlaps: resolve.ts; restorations that make new spun forms: chains.ts.
 */
import { articleRules } from "../dictionary/evidence-data.js";
import { agreeArticles } from "./articles.js";
import { settleChains } from "./chains.js";
export { LEAN_ENTRY } from "./replacement.js";
import { LEAN_ENTRY, provenance, restoredText } from "./replacement.js";
import { View } from "./conditions.js";
import { decide } from "./decide.js";
import type { DocEvidence } from "./evidence.js";
import { type Candidate, candidates } from "./match.js";
import type { Dictionary } from "../dictionary/build.js";
import { tokenize } from "../text/tokenizer.js";
import type { Edit, RestoreResult } from "../types.js";

export interface RestoreOptions {
  /** Leave out the findings of detect-only entries (default: keep them). */
  noFindings?: boolean;
  /** Only what the restored text needs: edits without line, column, spun text or entry. */
  lean?: boolean;
  /**
   * Take the document as spun or clean instead of judging it from its hits (dictionary examples are
   * one sentence of a spun article; allows one of a clean one).
   */
  document?: "spun" | "clean";
  /** Called with every match the evidence step weighed, and whether it acted (for explanations). */
  onWeighed?: (c: Candidate, acted: boolean, doc: DocEvidence) => void;
}

/** A window of a longer input (streaming): only edits starting in [from, to) are made. */
export interface RangeOptions extends RestoreOptions {
  from: number;
  to: number;
  /** No edit may start before this offset (the end of the last edit already made). */
  blockedBefore?: number;
}

/** Line and column (1-based) of each offset, offsets ascending. */
function lineCols(text: string, offsets: number[]): [number, number][] {
  const out: [number, number][] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  for (const off of offsets) {
    for (; i < off; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
        line++;
        lineStart = i + 1;
      }
    }
    out.push([line, off - lineStart + 1]);
  }
  return out;
}

/** Restore one document. */
export function restore(text: string, dict: Dictionary, options: RestoreOptions = {}): RestoreResult {
  const r = restoreRange(text, dict, { ...options, from: 0, to: text.length });
  return { text: applyEdits(text, r.edits), edits: r.edits, words: r.words, spun: r.doc };
}

/**
 * The edits for the part [from, to) of `text`; the text around it is context that conditions and
 * overlaps see. Offsets, lines and columns are relative to `text`.
 */
export function restoreRange(
  text: string,
  dict: Dictionary,
  options: RangeOptions,
): { edits: Edit[]; words: number; doc: DocEvidence } {
  // the token arrays are reused from call to call: nothing below keeps them past this call
  const tokens = tokenize(text, true);
  const view = new View(tokens, dict);
  const blocked = options.blockedBefore ?? 0;
  // candidates past `to` take part in overlap resolution (as they will in the next window), but
  // only those starting before `to` become edits here
  const found = candidates(view, dict, options.from, text.length, options.to);
  const { kept, doc } = decide(view, found.list, options.document, dict.packs);
  if (options.onWeighed) {
    const acted = new Set(kept);
    for (const c of found.list) options.onWeighed(c, acted.has(c), doc);
  }
  const edits: Edit[] = [];
  for (const c of kept) {
    const e = c.variant.entry;
    const detect = e.detect || c.finding === true;
    if (detect && options.noFindings) continue;
    const start = tokens.starts[view.sig[c.from]];
    const end = tokens.ends[view.sig[c.to - 1]];
    if (start < blocked || start >= options.to) continue;
    const replacement = detect ? c.variant.original : restoredText(view, c);
    edits.push({
      start,
      end,
      line: 0,
      col: 0,
      spun: options.lean ? "" : text.slice(start, end),
      replacement,
      detect,
      ...(c.finding ? { gated: true as const } : {}),
      entry: options.lean ? LEAN_ENTRY : provenance(e),
      ...(c.joined && !options.lean ? { also: c.joined.map(provenance) } : {}),
      why: c.why,
    });
  }
  const settled = settleChains(view, edits, dict, dict.packs, blocked);
  // the rules file is read on the first document with an edit, never for clean text
  const rules = settled.length > 0 ? articleRules() : undefined;
  if (rules) agreeArticles(view, settled, rules, blocked, options.lean === true);
  if (!options.lean) {
    const positions = lineCols(
      text,
      settled.map((e) => e.start),
    );
    settled.forEach((e, i) => {
      e.line = positions[i][0];
      e.col = positions[i][1];
    });
  }
  return { edits: settled, words: found.words, doc };
}

/**
 * Apply edits (sorted, not overlapping; findings skipped) to the text they were made on, giving
 * the restored text of [from, to) (default: all of it). Edits outside [from, to) are ignored.
 */
export function applyEdits(text: string, edits: readonly Edit[], from = 0, to = text.length): string {
  const parts: string[] = [];
  let at = from;
  for (const e of edits) {
    if (e.detect || e.start < from || e.start >= to) continue;
    parts.push(text.slice(at, e.start), e.replacement);
    at = e.end;
  }
  parts.push(text.slice(at, Math.max(at, to)));
  return parts.join("");
}
