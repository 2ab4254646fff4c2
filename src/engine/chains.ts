/**
 * Chains: restorations that make a new spun form with the words beside them ("House metropolis
 * centre" → "House city centre", where "house city" is itself the spun form of "home city"; or two
 * neighbouring restorations that meet: "White Home metropolis corridor" → "White House city hall").
 * The words around each group of nearby restorations are read again with the restorations made; a
 * marked restoring match (a form that is not ordinary English) over a restored word is followed, the
 * restorations it touches merged into one edit ("Home city centre"), until nothing more matches, so
 * restoring the output again changes nothing (a fixed point). Where following does not settle (two
 * entries that undo each other), the group's restorations are left out: the same input always
 * gives the same output, and that output is stable. An ambiguous match is not followed: it would
 * act again only if the restored document were still judged spun. The cost grows with the edits,
 * not the text.
 */
import { View } from "./conditions.js";
import { decide } from "./decide.js";
import { candidates } from "./match.js";
import { provenance, restoredText } from "./replacement.js";
import type { Dictionary } from "../dictionary/build.js";
import { HAS_NEXT, type KeySource } from "../dictionary/trie.js";
import { hashKey } from "../text/hash.js";
import { TokenBuffer, phraseKeys, tokenize } from "../text/tokenizer.js";
import type { Edit, Entry, PackInfo, Provenance } from "../types.js";

/** Significant tokens read on each side of a group (longer phrases are rare). */
const SIDE = 4;
/**
 * Restorations read together at most: a text spun densely (a 5 MB line) would otherwise make one
 * group of all its restorations, read again whole; a chain across two groups is missed.
 */
const MAX_GROUP = 16;
/** Links followed in one group before it counts as not settling. */
const MAX_LINKS = 4;

const buffer = new TokenBuffer();

/** The first significant token starting at or after `offset` (binary search over the view). */
export function tokenAt(view: View, offset: number): number {
  let lo = 0;
  let hi = view.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (view.tokens.starts[view.sig[mid]] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Could a spun form overlap this restoration? It must contain a word of the replacement: either a
 * replacement word starts a spun form, or the trie walk from a word before it, over the unchanged
 * words, goes on into the replacement's first word. Most restorations pass neither test, and are
 * not read again (the whole check would otherwise cost as much as the first pass on dense text).
 */
function mayChain(view: View, e: Edit, dict: Dictionary): boolean {
  const keys = phraseKeys(e.replacement);
  const own: KeySource = { key: (at) => keys[at] };
  for (let i = 0; i < keys.length; i++) if (dict.first(hashKey(keys[i]), own, i) !== 0) return true;
  const start = tokenAt(view, e.start);
  const { edges } = dict;
  for (let p = Math.max(0, start - SIDE); p < start; p++) {
    if (!view.matchable(p)) continue;
    let id = dict.first(view.hash(p), view, p);
    for (let q = p + 1; id !== 0 && q < start; q++) {
      if ((edges.info[id] & HAS_NEXT) === 0 || !view.matchable(q)) id = 0;
      else id = edges.step(id, view.hash(q), view, q);
    }
    // alive where the replacement begins, and a step on into its first word
    if (id !== 0 && (edges.info[id] & HAS_NEXT) !== 0 && edges.step(id, hashKey(keys[0]), own, 0) !== 0) return true;
  }
  return false;
}

/** A restoration of the group: offsets in the view's text, and the edits it stands for. */
interface Part {
  start: number;
  end: number;
  replacement: string;
  edits: Edit[];
  links: Entry[];
}

/** The text [from, to) with the parts made; each part's offsets in that local text. */
function localText(text: string, from: number, to: number, parts: readonly Part[]): { s: string; at: number[] } {
  let s = "";
  let prev = from;
  const at: number[] = [];
  for (const p of parts) {
    s += text.slice(prev, p.start);
    at.push(s.length);
    s += p.replacement;
    prev = p.end;
  }
  return { s: s + text.slice(prev, to), at };
}

/** A local offset (not inside a part) back to the view's text. */
function back(o: number, from: number, parts: readonly Part[], at: readonly number[]): number {
  let shift = from;
  for (let i = 0; i < parts.length; i++) {
    if (o < at[i] + parts[i].replacement.length) break;
    shift = parts[i].end - (at[i] + parts[i].replacement.length);
  }
  return o + shift;
}

/** One link: a marked restoring match over a part, merged with the parts it touches; false if none. */
function link(view: View, from: number, to: number, parts: Part[], dict: Dictionary, packs: readonly PackInfo[]) {
  const { s, at } = localText(view.tokens.text, from, to, parts);
  // token arrays of this module's own: the caller's view still reads the engine's
  const lv = new View(tokenize(s, buffer), dict);
  // the parts a match lies over: only a match over a restored word can be a chain
  const span = (k: { from: number; to: number }) => ({
    ms: lv.tokens.starts[lv.sig[k.from]],
    me: lv.tokens.ends[lv.sig[k.to - 1]],
  });
  const touching = (k: { from: number; to: number }): number[] => {
    const { ms, me } = span(k);
    return parts.map((_, i) => i).filter((i) => me > at[i] && ms < at[i] + parts[i].replacement.length);
  };
  // most groups have none, and skip the evidence step
  const found = candidates(lv, dict, 0, s.length, s.length).list.filter((k) => touching(k).length > 0);
  if (found.length === 0) return false;
  for (const k of decide(lv, found, "spun", packs).kept) {
    const e = k.variant.entry;
    if (e.detect || k.evidence?.kind === "ambiguous") continue;
    const { ms, me } = span(k);
    const touched = touching(k);
    if (touched.length === 0) continue;
    const i0 = touched[0];
    const i1 = touched[touched.length - 1];
    const ls = Math.min(ms, at[i0]);
    const le = Math.max(me, at[i1] + parts[i1].replacement.length);
    const replacement = s.slice(ls, ms) + restoredText(lv, k) + s.slice(me, le);
    const merged: Part = {
      start: Math.min(parts[i0].start, back(ls, from, parts, at)),
      end: Math.max(parts[i1].end, back(le, from, parts, at)),
      replacement,
      edits: parts.slice(i0, i1 + 1).flatMap((p) => p.edits),
      links: [...parts.slice(i0, i1 + 1).flatMap((p) => p.links), e],
    };
    parts.splice(i0, i1 - i0 + 1, merged);
    return true;
  }
  return false;
}

/** Why a merged edit reaches past its first match: each entry that restored the words it made. */
function chainReasons(links: readonly Entry[], edits: readonly Edit[]): string[] {
  const others = edits.slice(1).map((e) => `chain: merged with ${e.entry.id} (${e.entry.file}:${e.entry.line})`);
  const made = links.map(
    (e) => `chain: the restored words make the spun form of ${e.id} (${e.pos.file}:${e.pos.line}), restored too`,
  );
  return [...edits[0].why, ...others, ...made];
}

/** The entries a merged edit holds besides its first: the other edits' (and what they held), each link's. */
function chainEntries(links: readonly Entry[], edits: readonly Edit[]): Provenance[] {
  const held = [...(edits[0].also ?? []), ...edits.slice(1).flatMap((e) => [e.entry, ...(e.also ?? [])])];
  return [...held, ...links.map(provenance)];
}

/**
 * The edits (in order, not overlapping) with their chains followed: merged edits for chains that
 * settle, no edits for a group that does not. Findings pass through unless a merged edit covers them.
 * `blocked`: no edit may start before it (the end of the previous window's last edit).
 */
export function settleChains(
  view: View,
  edits: Edit[],
  dict: Dictionary,
  packs: readonly PackInfo[],
  blocked: number,
): Edit[] {
  const restoring = edits.filter((e) => !e.detect);
  if (restoring.length === 0) return edits;
  const out: Edit[] = [];
  const { text, starts, ends } = view.tokens;
  let g = 0;
  while (g < restoring.length) {
    // a group: restorations whose windows of SIDE tokens touch
    let h = g + 1;
    const near = (i: number): boolean =>
      tokenAt(view, restoring[i].start) - SIDE <= tokenAt(view, restoring[i - 1].end) + SIDE;
    while (h < restoring.length && h - g < MAX_GROUP && near(h)) h++;
    const group = restoring.slice(g, h);
    g = h;
    const first = Math.max(0, tokenAt(view, group[0].start) - SIDE);
    const last = Math.min(view.count - 1, tokenAt(view, group[group.length - 1].end) - 1 + SIDE);
    const from = Math.min(group[0].start, starts[view.sig[first]]);
    const to = Math.max(group[group.length - 1].end, ends[view.sig[last]]);
    if (!group.some((e) => mayChain(view, e, dict))) {
      for (const e of group) out.push(e);
      continue;
    }
    const parts: Part[] = group.map((e) => ({ ...e, edits: [e], links: [] }));
    let links = 0;
    while (links <= MAX_LINKS && link(view, from, to, parts, dict, packs)) links++;
    if (links === 0) {
      for (const e of group) out.push(e);
      continue;
    }
    // not settled, or reaching back into the previous window: the group is left as it was written
    if (links > MAX_LINKS || parts[0].start < blocked) continue;
    for (const p of parts) {
      if (p.edits.length === 1 && p.links.length === 0) out.push(p.edits[0]);
      else
        out.push({
          ...p.edits[0],
          start: p.start,
          end: p.end,
          spun: p.edits[0].spun === "" ? "" : text.slice(p.start, p.end),
          replacement: p.replacement,
          ...(p.edits[0].spun === "" ? {} : { also: chainEntries(p.links, p.edits) }),
          why: chainReasons(p.links, p.edits),
        });
    }
  }
  // findings where no merged edit now lies
  const findings = edits.filter((f) => f.detect && !out.some((e) => e.start < f.end && f.start < e.end));
  return findings.length === 0 ? out : [...out, ...findings].sort((a, b) => a.start - b.start);
}
