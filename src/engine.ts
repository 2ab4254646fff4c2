/**
 * The rule engine: finds every dictionary match whose conditions hold on the input, resolves
 * overlaps (longest match wins; then the earlier start; then the entry listed first), and builds the
 * restored text in one pass. Text outside the edits is copied unchanged.
 */
import { applyCase, casePattern } from "./case.js";
import { View, holds } from "./conditions.js";
import type { Dictionary, TrieNode } from "./dictionary.js";
import { Kind, tokenize } from "./tokenizer.js";
import type { Edit, RestoreResult, Variant } from "./types.js";

export interface RestoreOptions {
  /** Leave out the findings of detect-only entries (default: keep them). */
  noFindings?: boolean;
}

interface Candidate {
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

/** The first variant of a node whose conditions hold at [from, to), with the reasons. */
function firstHolding(view: View, variants: readonly Variant[], from: number, to: number): Candidate | undefined {
  for (const v of variants) {
    const e = v.entry;
    if (e.matchCase && !matchCaseHolds(view, from, v)) continue;
    const base = e.matchCase ? [`case matches "${v.raw.join(" ")}"`] : [];
    if (v.inflected) base.push("inflected form");
    if (e.when.length === 0) return { from, to, variant: v, why: base.length ? base : ["no condition: the spun form is unambiguous"] };
    for (const c of e.when) {
      const why = holds(view, c, from, to);
      if (why) return { from, to, variant: v, why: [...base, ...why] };
    }
  }
  return undefined;
}

/** All matches that hold, at most one per (start, length). */
function candidates(view: View, root: TrieNode): Candidate[] {
  const out: Candidate[] = [];
  const first = root.next;
  if (!first) return out;
  for (let p = 0; p < view.count; p++) {
    if (!view.matchable(p)) continue;
    let node = first.get(view.key(p));
    let q = p + 1;
    while (node) {
      if (node.variants) {
        const c = firstHolding(view, node.variants, p, q);
        if (c) out.push(c);
      }
      if (!node.next || q >= view.count || !view.matchable(q)) break;
      node = node.next.get(view.key(q));
      q++;
    }
  }
  return out;
}

/** Longest first, then earliest, then the entry listed first; keep those that overlap nothing kept. */
function resolve(cands: Candidate[], count: number): Candidate[] {
  if (cands.length <= 1) return cands;
  const order = cands.slice().sort((a, b) =>
    (b.to - b.from) - (a.to - a.from) || a.from - b.from || a.variant.entry.index - b.variant.entry.index);
  const taken = new Uint8Array(count);
  const kept: Candidate[] = [];
  for (const c of order) {
    let free = true;
    for (let p = c.from; p < c.to; p++) if (taken[p]) { free = false; break; }
    if (!free) continue;
    for (let p = c.from; p < c.to; p++) taken[p] = 1;
    kept.push(c);
  }
  return kept.sort((a, b) => a.from - b.from);
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

function countWords(view: View): number {
  let n = 0;
  for (let p = 0; p < view.count; p++) {
    const k = view.kind(p);
    if (k === Kind.Word || k === Kind.Number) n++;
  }
  return n;
}

/** Restore one document. */
export function restore(text: string, dict: Dictionary, options: RestoreOptions = {}): RestoreResult {
  const tokens = tokenize(text);
  const view = new View(tokens, dict);
  const kept = resolve(candidates(view, dict.root), view.count);
  const edits: Edit[] = [];
  for (const c of kept) {
    const e = c.variant.entry;
    if (e.detect && options.noFindings) continue;
    const start = tokens.starts[view.sig[c.from]];
    const end = tokens.ends[view.sig[c.to - 1]];
    const words: string[] = [];
    for (let p = c.from; p < c.to; p++) if (view.kind(p) === Kind.Word) words.push(view.raw(p));
    const replacement = e.detect ? c.variant.original
      : e.exactCase ? c.variant.original : applyCase(c.variant.original, casePattern(words));
    edits.push({
      start, end, line: 0, col: 0, spun: text.slice(start, end), replacement, detect: e.detect,
      entry: { id: e.id, pack: e.pack, file: e.pos.file, line: e.pos.line },
      why: c.why,
    });
  }
  const positions = lineCols(text, edits.map((e) => e.start));
  edits.forEach((e, i) => {
    e.line = positions[i][0];
    e.col = positions[i][1];
  });
  return { text: applyEdits(text, edits), edits, words: countWords(view) };
}

/** Apply edits (sorted, not overlapping; findings skipped) to the text they were made on. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) {
    if (e.detect) continue;
    parts.push(text.slice(at, e.start), e.replacement);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}
