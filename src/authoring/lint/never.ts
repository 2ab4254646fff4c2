/** Condition maps that can never hold: a word required and excluded at once, and the like. */
import { Kind, tokenize } from "../../text/tokenizer.js";
import type { CompiledConditions, WordItem } from "../../types.js";
import type { Finding, LintEntry } from "./model.js";

function kindOf(key: string): number {
  const t = tokenize(key);
  return t.count === 1 ? t.kinds[0] : 0;
}

const SHAPE_KIND: Record<string, number> = { word: Kind.Word, number: Kind.Number, punct: Kind.Punct };

/** Does `n` match whenever `b` does, on the side `dir` of the match (-1 before, 1 after)? */
function implies(b: WordItem, n: WordItem, dir: -1 | 1): boolean {
  if (b.type === "class") return b.seqs.every((keys) => implies({ type: "seq", keys }, n, dir));
  if (n.type === "class") return n.seqs.some((keys) => implies(b, { type: "seq", keys }, dir));
  if (b.type === "shape") {
    if (n.type !== "shape") return false;
    return b.shape === n.shape || (n.shape === "word" && (b.shape === "capitalised" || b.shape === "lower"));
  }
  const near = dir < 0 ? b.keys[b.keys.length - 1] : b.keys[0];
  if (n.type === "shape")
    return near !== undefined && SHAPE_KIND[n.shape] !== undefined && kindOf(near) === SHAPE_KIND[n.shape];
  if (n.keys.length > b.keys.length) return false;
  const part = dir < 0 ? b.keys.slice(b.keys.length - n.keys.length) : b.keys.slice(0, n.keys.length);
  return part.join(" ") === n.keys.join(" ");
}

const SENTENCE_END = new Set([".", "!", "?", "…"]);
const CLAUSE = new Set([",", ";", ":"]);

/** Can the token(s) of this item stand right before a sentence start? */
function mayPrecedeStart(item: WordItem): boolean {
  if (item.type === "shape") return item.shape === "punct";
  const seqs = item.type === "class" ? item.seqs : [item.keys];
  return seqs.some((keys) => {
    const last = keys[keys.length - 1] ?? "";
    return kindOf(last) === Kind.Punct && !CLAUSE.has(last);
  });
}

/** Does the item always end a sentence (so what follows starts one)? */
function alwaysEndsSentence(item: WordItem): boolean {
  if (item.type === "shape") return false;
  const seqs = item.type === "class" ? item.seqs : [item.keys];
  return seqs.every((keys) => SENTENCE_END.has(keys[keys.length - 1] ?? ""));
}

/** Why the map can never hold, or undefined. */
export function neverHolds(c: CompiledConditions): string | undefined {
  if (c.before && c.notBefore && c.before.every((b) => c.notBefore?.some((n) => implies(b, n, -1)))) {
    return "every `before` word is also excluded by `not_before`";
  }
  if (c.after && c.notAfter && c.after.every((a) => c.notAfter?.some((n) => implies(a, n, 1)))) {
    return "every `after` word is also excluded by `not_after`";
  }
  if (c.sentenceStart === true && c.before && !c.before.some(mayPrecedeStart)) {
    return (
      "`sentence_start: true` with `before` words that never end a sentence (a sentence starts after . ! ? " +
      "or a line break)"
    );
  }
  if (c.sentenceStart === false && c.before && c.before.every(alwaysEndsSentence)) {
    return "`sentence_start: false` with `before` words that always end a sentence";
  }
  const lacks = new Set(c.documentLacks ?? []);
  if (c.documentHas?.some((id) => lacks.has(id))) return "`document_has` and `document_lacks` name the same phrase";
  if (c.documentHasAny?.every((id) => lacks.has(id))) {
    return "every `document_has_any` phrase is also in `document_lacks`";
  }
  if (c.near && c.notNear) {
    const not = new Set(c.notNear.map((k) => k.join(" ")));
    if (c.near.every((k) => not.has(k.join(" ")))) return "every `near` phrase is also in `not_near`";
  }
  return undefined;
}

export function impossibleConditions(entries: readonly LintEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const le of entries) {
    const dead = le.entry.when.map((c) => ({ c, why: neverHolds(c) })).filter((d) => d.why !== undefined);
    const allDead = dead.length === le.entry.when.length;
    for (const d of dead) {
      findings.push({
        pos: d.c.pos,
        severity: allDead ? "error" : "warning",
        rule: "never-holds",
        message: `condition can never hold: ${d.why}${allDead ? "; the entry never fires" : ""}`,
      });
    }
  }
  return findings;
}
