/**
 * Restoring HTML and Markdown inside their prose only (src/text/markup.ts finds it). The engine
 * sees the document with everything else blanked out (each UTF-16 unit a space, line breaks kept),
 * so offsets, lines and columns are those of the source, and only the edits that lie inside one
 * prose span are applied to the source: the output differs from the input only inside prose.
 * Plain text goes straight to restore(): the engine's path for it is unchanged.
 */
import type { Dictionary } from "../dictionary/build.js";
import { applyEdits, restore } from "../engine/restore.js";
import type { RestoreOptions } from "../engine/restore.js";
import { maskOutside, proseSpans } from "../text/markup.js";
import type { Markup } from "../text/markup.js";
import type { RestoreResult } from "../types.js";

export { markupOf } from "../text/markup.js";

/** Restore only the prose of a document; the result's text differs from `text` only inside it. */
export function restoreMarkup(
  text: string,
  dict: Dictionary,
  markup: Markup,
  options: RestoreOptions = {},
): RestoreResult {
  if (markup === "text") return restore(text, dict, options);
  const spans = proseSpans(text, markup);
  const r = restore(maskOutside(text, spans), dict, options);
  let k = 0;
  const edits = r.edits.filter((e) => {
    while (k < spans.length && spans[k][1] < e.end) k++;
    return k < spans.length && spans[k][0] <= e.start && e.end <= spans[k][1];
  });
  return { text: applyEdits(text, edits), edits, words: r.words, spun: r.spun };
}
