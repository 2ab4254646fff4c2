/**
 * Context lists of a condition (before/after/not_before/not_after, near/not_near, document_has*,
 * document_lacks): a list of more than MAX_ITEMS items (a class counting as its size) is memorised
 * context, fitted to the texts the entry came from rather than to the spinner; an item listed twice
 * (written twice, or also in a class of the same list) is a slip.
 */
import type { PackSource } from "../../dictionary/loader.js";
import type { CompiledConditions, WordItem } from "../../types.js";
import type { Finding, LintEntry } from "./model.js";

export const MAX_ITEMS = 12;

const WORD_LISTS = [
  ["before", "before"],
  ["notBefore", "not_before"],
  ["after", "after"],
  ["notAfter", "not_after"],
] as const;
const PHRASE_LISTS = [
  ["near", "near"],
  ["notNear", "not_near"],
] as const;
const DOC_LISTS = [
  ["documentHas", "document_has"],
  ["documentHasAny", "document_has_any"],
  ["documentLacks", "document_lacks"],
] as const;

/** The items of a word list as text, a class as its phrases. */
function wordItems(items: readonly WordItem[]): string[] {
  return items.flatMap((i) =>
    i.type === "seq" ? [i.keys.join(" ")] : i.type === "class" ? i.seqs.map((s) => s.join(" ")) : [`<${i.shape}>`],
  );
}

function lists(c: CompiledConditions, pack: PackSource): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const [k, name] of WORD_LISTS) {
    const v = c[k];
    if (v) out.push([name, wordItems(v)]);
  }
  for (const [k, name] of PHRASE_LISTS) {
    const v = c[k];
    if (v) out.push([name, v.map((s) => s.join(" "))]);
  }
  for (const [k, name] of DOC_LISTS) {
    const v = c[k];
    if (v) out.push([name, v.map((id) => pack.phrases[id]?.join(" ") ?? `#${id}`)]);
  }
  return out;
}

export function contextLists(entries: readonly LintEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const le of entries) {
    for (const c of le.entry.when) {
      for (const [name, items] of lists(c, le.pack)) {
        if (items.length > MAX_ITEMS) {
          findings.push({
            pos: c.pos,
            severity: "warning",
            rule: "long-list",
            message:
              `memorised context: \`${name}\` has ${items.length} items; lists over ${MAX_ITEMS} items fit ` +
              "the texts they came from, not the spinner; the evidence step decides ambiguous entries",
          });
        }
        const seen = new Set<string>();
        const repeated = new Set<string>();
        for (const i of items) {
          if (seen.has(i)) repeated.add(i);
          seen.add(i);
        }
        if (repeated.size > 0) {
          findings.push({
            pos: c.pos,
            severity: "warning",
            rule: "repeated-item",
            message:
              `repeated in \`${name}\`: ${[...repeated].map((r) => `'${r}'`).join(", ")} ` +
              "(listed more than once, or also in a class of the list)",
          });
        }
      }
    }
  }
  return findings;
}
