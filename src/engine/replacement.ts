/**
 * What an edit says of its match: the text it restores (the original in the case of the words it
 * replaces) and the entry that made it; one rule for the edits (restore.ts) and for the chains
 * followed after them (chains.ts).
 */
import { applyCase, casePattern } from "../text/case.js";
import type { CasePattern } from "../text/case.js";
import { Kind } from "../text/tokenizer.js";
import type { View } from "./conditions.js";
import type { Entry, Provenance } from "../types.js";

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

/** A match's original in the case of its spun words, or as written where the entry says `case: exact`. */
export function restoredText(
  view: View,
  m: { from: number; to: number; variant: { original: string; entry: { exactCase?: boolean } } },
): string {
  return m.variant.entry.exactCase ? m.variant.original : applyCase(m.variant.original, spanCase(view, m.from, m.to));
}

const provenances = new WeakMap<Entry, Provenance>();
/** The entry of a lean edit (only what the restored text needs: which entry made it is not kept). */
export const LEAN_ENTRY: Provenance = { id: "", pack: "", file: "", line: 0 };

/** One provenance object per entry, shared by its edits. */
export function provenance(e: Entry): Provenance {
  let p = provenances.get(e);
  if (!p) {
    p = { id: e.id, pack: e.pack, file: e.pos.file, line: e.pos.line };
    provenances.set(e, p);
  }
  return p;
}
