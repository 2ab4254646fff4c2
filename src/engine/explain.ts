/**
 * Explanations for authors: every place a spun form matches, every entry there with each of its
 * conditions held or failed, and what the engine finally did. Separate from restore() (which stops at
 * the first condition that fails) so the hot path stays as it is.
 */
import { contextModel } from "../dictionary/evidence-data.js";
import { evidenceOf } from "./evidence.js";
import type { DocEvidence, EntryEvidence, MatchEvidence } from "./evidence.js";
import { View, holds } from "./conditions.js";
import type { Dictionary } from "../dictionary/build.js";
import { keysMatch, walkFrom } from "./match.js";
import { restore } from "./restore.js";
import { tokenize } from "../text/tokenizer.js";
import type { CompiledConditions, Edit, Entry, SourcePos, Variant, WordItem } from "../types.js";

export interface ConditionCheck {
  /** The condition as written in YAML, e.g. `before: [the, @date-word]`. */
  condition: string;
  held: boolean;
  /** Why it held (from the engine), when it did. */
  why: string[];
}

export interface MapCheck {
  pos: SourcePos;
  held: boolean;
  checks: ConditionCheck[];
}

export interface VariantCheck {
  entry: Entry;
  /** What the evidence step weighed for this entry here (when it was the reading weighed). */
  evidence?: MatchEvidence;
  /** The entry's measured figures: kind, reliability, times seen, rate in edited English. */
  measured: EntryEvidence;
  /** The restoration this form would write (an inflected form's own). */
  original: string;
  inflected: boolean;
  /** match_case: does the text's case match the spun form? (undefined: not a match_case entry) */
  caseMatches?: boolean;
  /** One per `when` map; empty for an entry without conditions. */
  maps: MapCheck[];
  held: boolean;
}

export type Outcome = "applied" | "part" | "finding" | "lost" | "nothing-held" | "vetoed" | "not-spun";

export interface MatchExplanation {
  start: number;
  end: number;
  line: number;
  col: number;
  text: string;
  /** Entries with this spun form, in the order the engine tries them. */
  variants: VariantCheck[];
  outcome: Outcome;
  /** The edit made here, or (outcome "lost") the overlapping edit that won. */
  edit?: Edit;
}

export interface Explanation {
  input: string;
  restored: string;
  /** The document's spinner score and its evidence. */
  doc?: DocEvidence;
  /** "spun" / "clean" when the document was taken as such (--document), else undefined. */
  assumed?: "spun" | "clean";
  matches: MatchExplanation[];
}

type ConditionKey = Exclude<keyof CompiledConditions, "within" | "pos">;

const YAML_NAMES: Record<ConditionKey, string> = {
  sentenceStart: "sentence_start",
  before: "preceded_by",
  notBefore: "not_preceded_by",
  after: "followed_by",
  notAfter: "not_followed_by",
  near: "near",
  notNear: "not_near",
  documentHas: "document_has",
  documentHasAny: "document_has_any",
  documentLacks: "document_lacks",
  documentSpun: "document_spun",
};

function item(w: WordItem): string {
  if (w.type === "seq") return w.keys.join(" ");
  return w.type === "class" ? `@${w.name}` : `<${w.shape}>`;
}

/** Items of a condition's list that explain shows before "… N more". */
const LIST_SHOWN = 12;

function conditionText(dict: Dictionary, c: CompiledConditions, key: ConditionKey): string {
  const name = YAML_NAMES[key];
  const value = c[key];
  if (typeof value === "boolean") return `${name}: ${value}`;
  // a long list (a class of hundreds of phrases) is shown by its start and its size
  const list = (xs: string[]) => {
    const more = xs.length - LIST_SHOWN;
    return `${name}: [${more > 0 ? `${xs.slice(0, LIST_SHOWN).join(", ")}, … ${more} more` : xs.join(", ")}]`;
  };
  switch (key) {
    case "before":
    case "notBefore":
    case "after":
    case "notAfter":
      return list((value as WordItem[]).map(item));
    case "near":
    case "notNear":
      return `${list((value as string[][]).map((k) => k.join(" ")))}, within: ${c.within}`;
    default:
      return list((value as number[]).map((id) => dict.phrases[id].join(" ")));
  }
}

function checkMap(view: View, dict: Dictionary, c: CompiledConditions, from: number, to: number): MapCheck {
  const checks: ConditionCheck[] = [];
  for (const key of Object.keys(YAML_NAMES) as ConditionKey[]) {
    if (c[key] === undefined) continue;
    const single: CompiledConditions = { within: c.within, pos: c.pos, [key]: c[key] };
    const why = holds(view, single, from, to);
    checks.push({ condition: conditionText(dict, c, key), held: why !== undefined, why: why ?? [] });
  }
  return { pos: c.pos, held: checks.every((k) => k.held), checks };
}

function checkVariant(view: View, dict: Dictionary, v: Variant, from: number, to: number): VariantCheck {
  const e = v.entry;
  let caseMatches: boolean | undefined;
  if (e.matchCase) {
    caseMatches = v.raw.every((r, i) => view.raw(from + i).replace(/’/g, "'") === r.replace(/’/g, "'"));
  }
  const maps = e.when.map((c) => checkMap(view, dict, c, from, to));
  const held = caseMatches !== false && (maps.length === 0 || maps.some((m) => m.held));
  return {
    entry: e,
    original: v.original,
    inflected: v.inflected,
    caseMatches,
    maps,
    held,
    measured: evidenceOf(v, contextModel()),
  };
}

/**
 * What became of a match: acted (alone, or as part of a longer edit), lost an overlap, vetoed by a
 * guard or the context, or not acted (the document not spun).
 */
function outcomeOf(
  held: boolean,
  own: Edit | undefined,
  rival: Edit | undefined,
  ev: MatchEvidence | undefined,
  part: boolean,
): Outcome {
  if (!held) return "nothing-held";
  if (own) return own.detect ? "finding" : "applied";
  if (rival) return part ? "part" : "lost";
  return ev?.veto ? "vetoed" : "not-spun";
}

/** Explain what the dictionary does to `text`. */
export function explain(text: string, dict: Dictionary, document?: "spun" | "clean"): Explanation {
  const weighed = new Map<string, MatchEvidence>();
  let doc: DocEvidence | undefined;
  const result = restore(text, dict, {
    document,
    onWeighed: (c, _acted, d) => {
      doc = d;
      if (c.evidence) weighed.set(`${c.from}:${c.to}:${c.variant.entry.pack}:${c.variant.entry.index}`, c.evidence);
    },
  });
  const tokens = tokenize(text);
  const view = new View(tokens, dict);
  const matches: MatchExplanation[] = [];
  for (let p = 0; p < view.count; p++) {
    if (!view.matchable(p)) continue;
    walkFrom(view, dict, p, (found, q) => {
      if (!keysMatch(view, p, found[0].keys)) return; // a hash collision, not a match
      const start = tokens.starts[view.sig[p]];
      const end = tokens.ends[view.sig[q - 1]];
      const variants = found.map((v) => {
        const check = checkVariant(view, dict, v, p, q);
        check.evidence = weighed.get(`${p}:${q}:${v.entry.pack}:${v.entry.index}`);
        return check;
      });
      const chosen = variants.find((v) => v.held);
      const own = result.edits.find(
        (e) => e.start === start && e.end === end && chosen && e.entry.id === chosen.entry.id,
      );
      const rival = result.edits.find((e) => e.start < end && e.end > start);
      const weighedHere = variants.find((v) => v.evidence !== undefined)?.evidence;
      // restored inside a longer edit: an overlap joined with it, or a chain it ends (join.ts, chains.ts)
      const id = chosen?.entry.id;
      const part = rival !== undefined && (rival.entry.id === id || rival.also?.some((p) => p.id === id) === true);
      const outcome = outcomeOf(chosen !== undefined, own, rival, weighedHere, part);
      const edit = own ?? (chosen ? rival : undefined);
      matches.push({ start, end, line: 0, col: 0, text: text.slice(start, end), variants, outcome, edit });
    });
  }
  for (const m of matches) {
    const before = text.slice(0, m.start);
    m.line = before.split(/\r\n|\r|\n/).length;
    m.col = m.start - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  }
  return { input: text, restored: result.text, matches, doc: doc ?? result.spun, assumed: document };
}
