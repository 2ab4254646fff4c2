/** Overlap resolution: which of the overlapping candidates become edits. */
import type { Candidate } from "./match.js";

/**
 * Longest first, then a marked match (a form that is not ordinary English) before an ambiguous one,
 * then earliest, then the entry listed first; keep those that overlap nothing kept.
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

/** 1 for a restoring match the evidence step found marked (a finding, or one not yet weighed: 0). */
function marked(c: Candidate): number {
  return c.evidence?.kind === "marked" && !c.variant.entry.detect ? 1 : 0;
}

/** resolve() for one run of overlapping candidates; appends the kept ones to `kept` in order of start. */
function resolveRun(run: Candidate[], taken: Uint8Array, kept: Candidate[]): void {
  const order = run.sort(
    (a, b) =>
      b.to - b.from - (a.to - a.from) ||
      marked(b) - marked(a) ||
      a.from - b.from ||
      a.variant.entry.index - b.variant.entry.index,
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
