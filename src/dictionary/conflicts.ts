/**
 * The one rule for two entries with the same spun form (the same token keys): they clash when their
 * conditions are the same (`conditionSignature`); a clash is a duplicate when both restore the same
 * words the same way (`sameRestoration`), else a conflict. The compiler (build.ts), the check across
 * cached packs (lazy.ts), `dict add` and `dict lint` all decide with these, and word it alike.
 */
import type { CompiledConditions, Entry } from "../types.js";

/**
 * A stable signature of an entry's conditions, to tell "same conditions" from "different".
 * `phraseText`, when given, writes document phrases as text rather than ids (for entries of packs
 * whose phrase ids were never merged).
 */
export function conditionSignature(e: Entry, phraseText?: (ids: number[] | undefined) => unknown): string {
  const strip = (c: CompiledConditions): object =>
    phraseText
      ? {
          ...c,
          pos: undefined,
          documentHas: phraseText(c.documentHas),
          documentHasAny: phraseText(c.documentHasAny),
          documentLacks: phraseText(c.documentLacks),
        }
      : { ...c, pos: undefined };
  return JSON.stringify([e.matchCase, e.when.map(strip)]);
}

/** What an entry does with its spun form, as far as clashes go. */
export interface Restoration {
  original: string;
  detect: boolean;
}

/** Do two entries restore to the same words (any case) the same way (restore or detect)? */
export function sameRestoration(a: Restoration, b: Restoration): boolean {
  return a.original.toLowerCase() === b.original.toLowerCase() && a.detect === b.detect;
}

export const CONFLICT_HINT = "remove one, or add a `when` condition that tells them apart";

/** The error for a conflict with `other` (described as `'spun' → 'original' (file:line)`). */
export function conflictMessage(spun: string, original: string, other: string): string {
  const why = "restores the same words under the same conditions";
  return `conflicting entry: '${spun}' → '${original}', but ${other} ${why}`;
}

/** The warning for a duplicate across packs: the first loaded wins. */
export function duplicateWarning(other: string): string {
  return `duplicate of ${other}; the first is used`;
}

/** This module's own file, part of the pack cache's key (the signatures are cached). */
export const CONFLICTS_URL = import.meta.url;
