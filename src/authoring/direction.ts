/**
 * Which way a thesaurus line points. `dict import` reads `key|alt|alt` as original first, but some
 * lines list the plain word among the alternates ("sooner than|before|ahead of"): restoring "before"
 * to "sooner than" would spin, not unspin. A spinner writes rarer words than it replaces, so a pair
 * whose spun form is far more common in edited English than its original (the shipped context
 * model, data/context) is doubted: imported detect-only with a note, never restoring.
 */
import type { ContextModel } from "../text/context-model.js";

/** How many times more common the spun form must be before the direction is doubted. */
export const DOUBT_RATIO = 20;

/**
 * How many times more common `spun` is than `original` in edited English, when that is at least
 * DOUBT_RATIO (the line probably lists the original among the alternates); else undefined.
 */
export function doubtedDirection(model: ContextModel | undefined, spun: string, original: string): number | undefined {
  if (!model) return undefined;
  // a ratio of log probabilities: long phrases' own probabilities underflow
  const ratio = Math.exp(model.phraseTextLogProb(spun) - model.phraseTextLogProb(original));
  return ratio >= DOUBT_RATIO ? ratio : undefined;
}
