/**
 * A parsed query → its alternatives: the spun form(s) and the `when` conditions of each (AND →
 * document_has, NOT → document_lacks, `"spun context"~N` → near / within, see translateProximity).
 */
import type { Cleaned } from "./expected.js";
import type { QNode } from "./query.js";
import { type When, words } from "./types.js";

export interface Alternative {
  spun: string;
  when: When;
  /** The spun form came from a proximity phrase and may replace only under these rules. */
  proximityVerdict?: { replace: boolean; why: string };
}

export function startsWithWords(phrase: string, prefix: string): boolean {
  const p = words(phrase.toLowerCase());
  const q = words(prefix.toLowerCase());
  return q.length < p.length && q.every((w, i) => p[i] === w);
}

export const WILDCARD_SUFFIXES = ["ing", "ation", "ations", "e", "es", "ed", "er", "ers", "s", ""];

export function phraseTexts(node: QNode): string[] | undefined {
  if (node.k === "phrase") {
    return node.wildcard ? WILDCARD_SUFFIXES.map((s) => node.text + s) : [node.text];
  }
  if (node.k === "or") {
    const parts = node.items.map(phraseTexts);
    return parts.every((p) => p !== undefined) ? (parts.flat() as string[]) : undefined;
  }
  return undefined;
}

export function push(list: string[] | undefined, items: string[]): string[] {
  return [...(list ?? []), ...items.filter((i) => !(list ?? []).includes(i))];
}

/**
 * A proximity phrase that starts with the spun form ("spun … context" ~N): its context words and
 * its distance, for a near / not_near condition; undefined for anything else.
 */
export function proximityAfter(node: QNode, spun: string): { context: string; within: number } | undefined {
  if (node.k !== "phrase" || node.proximity === undefined || !startsWithWords(node.text, spun)) return undefined;
  return { context: words(node.text).slice(words(spun).length).join(" "), within: node.proximity };
}

/** One AND-conjunct after the spun form, added to `when`. */
export function addCondition(when: When, node: QNode, spun: string): void {
  if (node.k === "not") {
    const near = proximityAfter(node.item, spun);
    if (near && when.near === undefined) {
      when.not_near = push(when.not_near, [near.context]);
      when.within = near.within;
      return;
    }
    const texts = phraseTexts(node.item);
    if (!texts) throw new Error("NOT of a complex query");
    when.document_lacks = push(when.document_lacks, texts);
    return;
  }
  const near = proximityAfter(node, spun);
  if (near && when.not_near === undefined) {
    when.near = push(when.near, [near.context]);
    when.within = near.within;
    return;
  }
  const texts = phraseTexts(node);
  if (!texts) throw new Error("nested AND inside a condition");
  if (node.k === "phrase" && !node.wildcard) when.document_has = push(when.document_has, texts);
  else when.document_has_any = push(when.document_has_any, texts);
}

/**
 * A proximity phrase as the spun form. The words are split into a spun prefix and a context
 * suffix (words of the correct term, or acronyms such as TP / UTAUT):
 *   - words that align one to one with the correct term ("disappearing gradient problem"~5 →
 *     "vanishing gradient problem") → the contiguous phrase replaces;
 *   - a spun prefix of 2+ words whose context is the correct term or whose length equals it
 *     ("design acknowledgment pattern recognition"~20, "genuine positive TP"~5) → replaces, with
 *     near: [context], within: N;
 *   - otherwise detect-only: the first word, near the other words.
 */
export function translateProximity(text: string, n: number, expected: Cleaned): Alternative {
  const ws = words(text);
  const exp = words(expected.text.toLowerCase().replace(/[(),]/g, " "));
  const expSet = new Set(exp);
  const usable = expected.note === undefined;
  const aligned =
    ws.length === exp.length && ws.every((w, i) => w.toLowerCase() === exp[i] || !expSet.has(w.toLowerCase()));
  if (usable && aligned && ws.length >= 2) {
    return { spun: text, when: {}, proximityVerdict: { replace: true, why: "contiguous" } };
  }
  let k = 0;
  while (k < ws.length - 1) {
    const w = ws[ws.length - 1 - k];
    if (!(expSet.has(w.toLowerCase()) || /^\p{Lu}{2,}$/u.test(w))) break;
    k++;
  }
  if (k > 0) {
    const prefix = ws.slice(0, ws.length - k);
    const context = ws.slice(ws.length - k);
    const plainContext = context
      .filter((w) => !/^\p{Lu}{2,}$/u.test(w))
      .join(" ")
      .toLowerCase();
    const replace = usable && prefix.length >= 2 && (plainContext === exp.join(" ") || prefix.length === exp.length);
    return {
      spun: prefix.join(" "),
      when: { near: [context.join(" ")], within: n },
      proximityVerdict: { replace, why: replace ? "near context" : "proximity without a safe replacement" },
    };
  }
  return {
    spun: ws[0],
    when: { near: ws.slice(1), within: n },
    proximityVerdict: { replace: false, why: "proximity without a safe replacement" },
  };
}

export function alternatives(node: QNode, expected: Cleaned): Alternative[] {
  if (node.k === "or") return node.items.flatMap((item) => alternatives(item, expected));
  const items = node.k === "and" ? node.items : [node];
  const first = items[0];
  if (first.k !== "phrase" || first.bare) throw new Error("query does not start with a quoted phrase");
  const alt: Alternative =
    first.proximity !== undefined
      ? translateProximity(first.text, first.proximity, expected)
      : { spun: first.text, when: {} };
  for (const item of items.slice(1)) addCondition(alt.when, item, alt.spun);
  return [alt];
}
