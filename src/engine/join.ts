/**
 * Overlapping readings joined: where a kept match and one it beat overlap ("bosom malignant" →
 * "breast cancer" and "malignant growth" → "cancer" over "bosom malignant growth"), restoring only
 * the winner leaves a word of the tortured phrase behind ("breast cancer growth"). When the two
 * originals agree on the shared part — the last words of the earlier original are the first words
 * of the later one ("breast cancer" / "cancer"; "deep learning" / "learning algorithm") — the two
 * become one match over both spans with the joined original ("breast cancer"; "deep learning
 * algorithm"). Readings that disagree are left to the overlap rule (resolve.ts).
 */
import type { Candidate } from "./match.js";

function words(s: string): string[] {
  return s.split(" ").filter(Boolean);
}

/**
 * The earlier original followed by the later one without the words they share, or undefined when
 * no ending of the earlier is a beginning of the later (compared without case).
 */
export function joinOriginals(earlier: string, later: string): string | undefined {
  const a = words(earlier);
  const b = words(later);
  for (let k = Math.min(a.length, b.length); k >= 1; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = a[a.length - k + i].toLowerCase() === b[i].toLowerCase();
    if (same) return [...a, ...b.slice(k)].join(" ");
  }
  return undefined;
}

/**
 * Join `first` (earlier) and `second` (overlapping it, ending later) into `keep` (the one of them
 * the overlap rule kept), if their readings agree: `keep` then spans both, with the joined original.
 */
function join(first: Candidate, second: Candidate, keep: Candidate): boolean {
  if (first.variant.entry.detect || second.variant.entry.detect) return false;
  const original = joinOriginals(first.variant.original, second.variant.original);
  if (original === undefined) return false;
  const e = (keep === first ? second : first).variant.entry;
  keep.why = [...keep.why, `overlap joined with ${e.id} (${e.pos.file}:${e.pos.line}): their readings agree`];
  keep.joined = [...(keep.joined ?? []), e];
  keep.variant = { ...keep.variant, original };
  keep.from = first.from;
  keep.to = second.to;
  return true;
}

/**
 * The kept matches (in order, not overlapping), each joined (in place) to an acting match it beat
 * where their originals agree and the joined span overlaps no other kept match.
 */
export function joinOverlaps(kept: Candidate[], acting: readonly Candidate[]): Candidate[] {
  if (kept.length === acting.length) return kept; // nothing was beaten
  const keptSet = new Set(kept);
  const out = kept;
  for (const b of acting) {
    if (keptSet.has(b)) continue;
    // the last kept match starting before b ends (kept matches are disjoint: if it does not overlap b,
    // none does)
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (out[mid].from < b.to) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0 || out[i].to <= b.from) continue;
    const k = out[i];
    const prevEnd = i > 0 ? out[i - 1].to : 0;
    const nextStart = i + 1 < out.length ? out[i + 1].from : Number.POSITIVE_INFINITY;
    if (b.from > k.from && b.to > k.to && b.to <= nextStart) join(k, b, k);
    else if (b.from < k.from && b.to < k.to && b.from >= prevEnd) join(b, k, k);
  }
  return out;
}
