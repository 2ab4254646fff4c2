/**
 * Matching: the walk of the dictionary's trie from each token (walkFrom, the one walk that the
 * engine and explain share), and the candidates it finds whose conditions hold.
 */
import type { Dictionary } from "../dictionary/build.js";
import { HAS_NEXT, HAS_VARIANTS } from "../dictionary/trie.js";
import { Kind } from "../text/tokenizer.js";
import type { Entry, Variant } from "../types.js";
import { type View, holds } from "./conditions.js";
import type { MatchEvidence, Option } from "./evidence.js";

/**
 * Walk the trie from token `p` along the following matchable tokens, calling `atEnd` for each node
 * where phrases end, with the tokens [p, q) it spans. The walk goes by node numbers and key hashes
 * and reads a node object only where a phrase ends; a hash collision is possible, so `atEnd` checks
 * the keys (keysMatch) before it trusts a match.
 */
export function walkFrom(
  view: View,
  dict: Dictionary,
  p: number,
  atEnd: (variants: readonly Variant[], q: number) => void,
): void {
  const edges = dict.edges;
  let id = dict.first(view.hash(p), view, p); // usually 0: no phrase starts here
  let q = p + 1;
  while (id !== 0) {
    const info = edges.info[id];
    if ((info & HAS_VARIANTS) !== 0) atEnd(edges.nodes[id].variants as Variant[], q);
    if ((info & HAS_NEXT) === 0 || q >= view.count || !view.matchable(q)) break;
    id = edges.step(id, view.hash(q), view, q);
    q++;
  }
}

export interface Candidate {
  from: number;
  to: number;
  variant: Variant;
  why: string[];
  /** Every variant whose conditions hold at this span, in try order (the evidence step picks one). */
  options?: Option[];
  /** The evidence step's figures for the variant it picked. */
  evidence?: MatchEvidence;
  /** Reported, not restored: a `document_spun` match in a document its pack does not judge spun. */
  finding?: boolean;
  /** The entries of the overlapping matches joined into this one (join.ts). */
  joined?: Entry[];
}

function matchCaseHolds(view: View, from: number, v: Variant): boolean {
  for (let i = 0; i < v.raw.length; i++) {
    if (view.raw(from + i).replace(/’/g, "'") !== v.raw[i].replace(/’/g, "'")) return false;
  }
  return true;
}

/** Do the tokens at [from, from + keys.length) have exactly these keys? (The walk went by hashes.) */
export function keysMatch(view: View, from: number, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (!view.keyEquals(from + i, keys[i])) return false;
  return true;
}

export const UNCONDITIONED = ["no condition: the spun form is unambiguous"];

/** The variants of a node whose conditions hold at [from, to), each with its reasons, in try order. */
function holding(view: View, variants: readonly Variant[], from: number, to: number): Option[] | undefined {
  if (!keysMatch(view, from, variants[0].keys)) return undefined; // a hash collision, not a match
  let out: Option[] | undefined;
  for (const v of variants) {
    const why = reasonsIfHolds(view, v, from, to);
    if (why) (out ??= []).push({ variant: v, why });
  }
  return out;
}

/** Why a variant's match_case and conditions hold at [from, to), or undefined when they do not. */
function reasonsIfHolds(view: View, v: Variant, from: number, to: number): string[] | undefined {
  const e = v.entry;
  if (e.matchCase && !matchCaseHolds(view, from, v)) return undefined;
  if (e.when.length === 0 && !e.matchCase && !v.inflected) return UNCONDITIONED;
  const base = e.matchCase ? [`case matches "${v.raw.join(" ")}"`] : [];
  if (v.inflected) base.push("inflected form");
  if (e.when.length === 0) return base;
  for (const c of e.when) {
    const why = holds(view, c, from, to);
    if (why) return base.length ? [...base, ...why] : why;
  }
  return undefined;
}

/** All matches that hold and start in [from, to), at most one per (start, length). */
export function candidates(
  view: View,
  dict: Dictionary,
  from: number,
  to: number,
  ownEnd: number,
): { list: Candidate[]; words: number } {
  const out: Candidate[] = [];
  let words = 0; // word and number tokens starting in [from, ownEnd): counted on the way
  let at = 0; // the token the walk starts from
  const found = (variants: readonly Variant[], q: number): void => {
    const options = holding(view, variants, at, q);
    if (options) out.push({ from: at, to: q, variant: options[0].variant, why: options[0].why, options });
  };
  const { starts, kinds } = view.tokens;
  const sig = view.sig;
  for (let p = 0; p < view.count; p++) {
    const start = starts[sig[p]];
    if (start < from) continue;
    if (start >= to) break;
    const kind = kinds[sig[p]];
    if (start < ownEnd && (kind === Kind.Word || kind === Kind.Number)) words++;
    if (!view.matchable(p)) continue;
    at = p;
    walkFrom(view, dict, p, found);
  }
  return { list: out, words };
}
