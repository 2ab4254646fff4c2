/** Examples for new entries: where a spun form stands in a sentence, and what restoring it gives. */
import { applyCase, casePattern } from "../text/case.js";
import { Kind, phraseKeys, tokenKey, tokenize } from "../text/tokenizer.js";

export interface Span {
  start: number;
  end: number;
  /** The word tokens of the span as written (for the case pattern). */
  words: string[];
}

/** The first place the phrase's tokens stand in `text` (whitespace between them ignored), or undefined. */
export function findPhrase(text: string, phrase: string): Span | undefined {
  const keys = phraseKeys(phrase);
  if (keys.length === 0) return undefined;
  const t = tokenize(text);
  const sig: number[] = [];
  for (let i = 0; i < t.count; i++) if (t.kinds[i] !== Kind.Space) sig.push(i);
  for (let p = 0; p + keys.length <= sig.length; p++) {
    let ok = true;
    for (let j = 0; j < keys.length && ok; j++) {
      const ti = sig[p + j];
      const kind = t.kinds[ti];
      ok = kind !== Kind.Break && kind !== Kind.Link && tokenKey(text.slice(t.starts[ti], t.ends[ti])) === keys[j];
    }
    if (!ok) continue;
    const toks = sig.slice(p, p + keys.length);
    const words = toks.filter((ti) => t.kinds[ti] === Kind.Word).map((ti) => text.slice(t.starts[ti], t.ends[ti]));
    return { start: t.starts[toks[0]], end: t.ends[toks[toks.length - 1]], words };
  }
  return undefined;
}

/** `text` with the first occurrence of `spun` restored to `original` (case as the engine writes it). */
export function restoreIn(text: string, spun: string, original: string, exact: boolean): string | undefined {
  const span = findPhrase(text, spun);
  if (!span) return undefined;
  const replacement = exact ? original : applyCase(original, casePattern(span.words));
  return text.slice(0, span.start) + replacement + text.slice(span.end);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Sentence frames for a generated example, tried in order; {} is the spun form. */
export const FRAMES = ["The {} was noted.", "We saw {} there.", "It said {} again.", "{}."];

/**
 * A generated example sentence for a spun form: "The <spun> was noted." style, with the `before`
 * word right before it and the `after` word right after it when the entry needs them.
 */
export function exampleSentence(
  spun: string,
  frame = FRAMES[0],
  ctx: { before?: string; after?: string } = {},
): string {
  const phrase = [ctx.before, spun, ctx.after].filter((w): w is string => w !== undefined).join(" ");
  const filled =
    ctx.before !== undefined && frame.startsWith("The {}")
      ? frame.replace("The {}", phrase)
      : frame.replace("{}", phrase);
  return capitalise(filled);
}
