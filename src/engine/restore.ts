/**
 * The rule engine: finds every dictionary match whose conditions hold on the input, resolves
 * overlaps (longest match wins; then the earlier start; then the entry listed first), and builds the
 * restored text in one pass. Text outside the edits is copied unchanged.
 */
import { applyCase, casePattern } from "../text/case.js";
import type { CasePattern } from "../text/case.js";
import { View, holds } from "./conditions.js";
import { HAS_NEXT, HAS_VARIANTS } from "../dictionary/trie.js";
import type { Dictionary } from "../dictionary/build.js";
import { Kind, tokenize } from "../text/tokenizer.js";
import type { Edit, Entry, Provenance, RestoreResult, Variant } from "../types.js";

export interface RestoreOptions {
  /** Leave out the findings of detect-only entries (default: keep them). */
  noFindings?: boolean;
  /** Only what the restored text needs: edits without line, column, spun text or entry. */
  lean?: boolean;
}

/** A window of a longer input (streaming): only edits starting in [from, to) are made. */
export interface RangeOptions extends RestoreOptions {
  from: number;
  to: number;
  /** No edit may start before this offset (the end of the last edit already made). */
  blockedBefore?: number;
}

export interface Candidate {
  from: number;
  to: number;
  variant: Variant;
  why: string[];
}

function matchCaseHolds(view: View, from: number, v: Variant): boolean {
  for (let i = 0; i < v.raw.length; i++) {
    if (view.raw(from + i).replace(/’/g, "'") !== v.raw[i].replace(/’/g, "'")) return false;
  }
  return true;
}

/** Do the tokens at [from, from + keys.length) have exactly these keys? (The walk went by hashes.) */
function keysMatch(view: View, from: number, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (!view.keyEquals(from + i, keys[i])) return false;
  return true;
}

const UNCONDITIONED = ["no condition: the spun form is unambiguous"];

/** The first variant of a node whose conditions hold at [from, to), with the reasons. */
function firstHolding(view: View, variants: readonly Variant[], from: number, to: number): Candidate | undefined {
  if (!keysMatch(view, from, variants[0].keys)) return undefined; // a hash collision, not a match
  for (const v of variants) {
    const e = v.entry;
    if (e.matchCase && !matchCaseHolds(view, from, v)) continue;
    if (e.when.length === 0 && !e.matchCase && !v.inflected) return { from, to, variant: v, why: UNCONDITIONED };
    const base = e.matchCase ? [`case matches "${v.raw.join(" ")}"`] : [];
    if (v.inflected) base.push("inflected form");
    if (e.when.length === 0) return { from, to, variant: v, why: base };
    for (const c of e.when) {
      const why = holds(view, c, from, to);
      if (why) return { from, to, variant: v, why: base.length ? [...base, ...why] : why };
    }
  }
  return undefined;
}

/** All matches that hold and start in [from, to), at most one per (start, length). */
function candidates(
  view: View,
  dict: Dictionary,
  from: number,
  to: number,
  ownEnd: number,
): { list: Candidate[]; words: number } {
  const out: Candidate[] = [];
  let words = 0; // word and number tokens starting in [from, ownEnd): counted on the way
  const edges = dict.edges;
  const { starts, kinds } = view.tokens;
  const sig = view.sig;
  for (let p = 0; p < view.count; p++) {
    const start = starts[sig[p]];
    if (start < from) continue;
    if (start >= to) break;
    const kind = kinds[sig[p]];
    if (start < ownEnd && (kind === Kind.Word || kind === Kind.Number)) words++;
    if (!view.matchable(p)) continue;
    // the walk goes by node numbers and reads a node object only where a phrase ends
    let id = dict.first(view.hash(p), view, p); // usually 0: no phrase starts here
    let q = p + 1;
    while (id !== 0) {
      const info = edges.info[id];
      if ((info & HAS_VARIANTS) !== 0) {
        const c = firstHolding(view, edges.nodes[id].variants as Variant[], p, q);
        if (c) out.push(c);
      }
      if ((info & HAS_NEXT) === 0 || q >= view.count || !view.matchable(q)) break;
      id = edges.step(id, view.hash(q), view, q);
      q++;
    }
  }
  return { list: out, words };
}

/**
 * Longest first, then earliest, then the entry listed first; keep those that overlap nothing kept.
 * Candidates come in order of their start. A choice only ever depends on the candidates it overlaps,
 * so each run of overlapping candidates is resolved on its own: most runs are one candidate, and
 * nothing is sorted but the few that overlap.
 */
export function resolve(cands: Candidate[], count: number): Candidate[] {
  if (cands.length <= 1) return cands;
  let disjoint = true;
  for (let i = 1; i < cands.length; i++) {
    if (cands[i].from < cands[i - 1].to) {
      disjoint = false;
      break;
    }
  }
  if (disjoint) return cands;
  const kept: Candidate[] = [];
  const taken = new Uint8Array(count);
  let first = 0;
  let end = cands[0].to;
  for (let i = 1; i <= cands.length; i++) {
    if (i < cands.length && cands[i].from < end) {
      if (cands[i].to > end) end = cands[i].to;
      continue;
    }
    if (i - first === 1) kept.push(cands[first]);
    else resolveRun(cands.slice(first, i), taken, kept);
    if (i < cands.length) {
      first = i;
      end = cands[i].to;
    }
  }
  return kept;
}

/** resolve() for one run of overlapping candidates; appends the kept ones to `kept` in order of start. */
function resolveRun(run: Candidate[], taken: Uint8Array, kept: Candidate[]): void {
  const order = run.sort(
    (a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from || a.variant.entry.index - b.variant.entry.index,
  );
  const mine: Candidate[] = [];
  for (const c of order) {
    let free = true;
    for (let p = c.from; p < c.to; p++)
      if (taken[p]) {
        free = false;
        break;
      }
    if (!free) continue;
    for (let p = c.from; p < c.to; p++) taken[p] = 1;
    mine.push(c);
  }
  mine.sort((a, b) => a.from - b.from);
  for (const c of mine) kept.push(c);
}

/**
 * The case pattern of the words of a match (casePattern on its word tokens; all-lower text is the
 * quick common case).
 */
function spanCase(view: View, from: number, to: number): CasePattern {
  const { text, starts, ends } = view.tokens;
  let lower = true;
  for (let p = from; p < to && lower; p++) {
    const t = view.sig[p];
    for (let i = starts[t]; i < ends[t]; i++) {
      const c = text.charCodeAt(i);
      if ((c >= 0x41 && c <= 0x5a) || c >= 0x80) {
        lower = false;
        break;
      }
    }
  }
  if (lower) return "lower";
  const words: string[] = [];
  for (let p = from; p < to; p++) if (view.kind(p) === Kind.Word) words.push(view.raw(p));
  return casePattern(words);
}

const provenances = new WeakMap<Entry, Provenance>();
/** The entry of a lean edit (only what the restored text needs: which entry made it is not kept). */
export const LEAN_ENTRY: Provenance = { id: "", pack: "", file: "", line: 0 };

/** One provenance object per entry, shared by its edits. */
function provenance(e: Entry): Provenance {
  let p = provenances.get(e);
  if (!p) {
    p = { id: e.id, pack: e.pack, file: e.pos.file, line: e.pos.line };
    provenances.set(e, p);
  }
  return p;
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
  return { text: applyEdits(text, r.edits), edits: r.edits, words: r.words };
}

/**
 * The edits for the part [from, to) of `text`; the text around it is context that conditions and
 * overlaps see. Offsets, lines and columns are relative to `text`.
 */
export function restoreRange(text: string, dict: Dictionary, options: RangeOptions): { edits: Edit[]; words: number } {
  // the token arrays are reused from call to call: nothing below keeps them past this call
  const tokens = tokenize(text, true);
  const view = new View(tokens, dict);
  const blocked = options.blockedBefore ?? 0;
  // candidates past `to` take part in overlap resolution (as they will in the next window), but
  // only those starting before `to` become edits here
  const found = candidates(view, dict, options.from, text.length, options.to);
  const kept = resolve(found.list, view.count);
  const edits: Edit[] = [];
  for (const c of kept) {
    const e = c.variant.entry;
    if (e.detect && options.noFindings) continue;
    const start = tokens.starts[view.sig[c.from]];
    const end = tokens.ends[view.sig[c.to - 1]];
    if (start < blocked || start >= options.to) continue;
    const replacement =
      e.detect || e.exactCase ? c.variant.original : applyCase(c.variant.original, spanCase(view, c.from, c.to));
    edits.push({
      start,
      end,
      line: 0,
      col: 0,
      spun: options.lean ? "" : text.slice(start, end),
      replacement,
      detect: e.detect,
      entry: options.lean ? LEAN_ENTRY : provenance(e),
      why: c.why,
    });
  }
  if (!options.lean) {
    const positions = lineCols(
      text,
      edits.map((e) => e.start),
    );
    edits.forEach((e, i) => {
      e.line = positions[i][0];
      e.col = positions[i][1];
    });
  }
  return { edits, words: found.words };
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
