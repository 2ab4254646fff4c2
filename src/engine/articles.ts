/**
 * The indefinite article agrees with a restored word after it: "an irregular woodland" restored as
 * "random forest" reads "a random forest" (the tortured-phrase generator had made the article agree
 * with its own word). The article joins the edit, in its own case ("An" → "A"), so the edit names
 * the same entry. An article that already agrees, one inside another edit or before the window
 * (`blocked`), or a replacement whose first sound the rules cannot tell (a number) is left as written.
 */
import { applyCase, casePattern } from "../text/case.js";
import { type ArticleRules, articleFor, isArticle } from "../text/articles.js";
import { Kind } from "../text/tokenizer.js";
import { tokenAt } from "./chains.js";
import type { View } from "./conditions.js";
import type { Edit } from "../types.js";

const SPACE_ONLY = /^[ \t]+$/;

export function agreeArticles(view: View, edits: Edit[], rules: ArticleRules, blocked: number, lean: boolean): void {
  const { text, starts, ends } = view.tokens;
  // the end of the last edit that changes text: an article inside it is not the text's any more
  let prevEnd = blocked;
  for (const e of edits) {
    if (e.detect) continue;
    const end = prevEnd;
    prevEnd = e.end;
    const p = tokenAt(view, e.start) - 1;
    if (p < 0 || view.kind(p) !== Kind.Word) continue;
    const word = view.raw(p);
    const from = starts[view.sig[p]];
    const gap = text.slice(ends[view.sig[p]], e.start);
    if (from < end || !isArticle(word, rules) || !SPACE_ONLY.test(gap)) continue;
    const first = /^\S+/.exec(e.replacement)?.[0] ?? "";
    // a replacement written all in capitals (the text was) says nothing of initialisms: judge it in lower case
    const shouted = !/\p{Ll}/u.test(e.replacement);
    const wanted = articleFor(shouted ? first.toLowerCase() : first, rules);
    if (wanted === undefined || wanted === word.toLowerCase()) continue;
    e.replacement = `${applyCase(wanted, casePattern([word]))}${gap}${e.replacement}`;
    e.start = from;
    if (!lean) e.spun = text.slice(from, e.end);
  }
}
