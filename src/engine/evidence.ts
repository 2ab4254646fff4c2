/**
 * Evidence: which matches to act on, decided from the whole document instead of memorised contexts.
 *
 * A spinner rewrites 15–30 % of an article's words, so a spun document carries many dictionary hits
 * at once and clean text almost none. Each match is one of two kinds, measured, not listed:
 * - marked: its spun form is not ordinary English (the context model has it at under
 *   MARKED_BELOW per million words: "chilly struggle", "final yr"). It acts anywhere.
 * - ambiguous: its spun form is ordinary English ("mentioned", "firm", "within the"). It acts only
 *   when the document is judged spun, no generic guard vetoes it, and the odds that the text was
 *   spun here — the entry's measured reliability times how much better the original fits between
 *   its neighbours than the spun form (context.ts) — are at least even.
 * The document's score counts hits per 100 words: a marked hit counts 1, an ambiguous one its
 * reliability, and only where the context favours the original. Generic guards, that hold
 * everywhere: a lone function word or number never changes by itself (data/english/function-words.txt),
 * and a capitalised word inside a sentence is a name unless the entry restores a name. Where one
 * spun form has several originals, the one that fits the context best is chosen.
 */
import { contextModel, functionWordHashes, mappingCounts, mappingKey } from "../dictionary/evidence-data.js";
import type { ContextModel } from "../text/context-model.js";
import { hashKey } from "../text/hash.js";
import { Kind, phraseKeys } from "../text/tokenizer.js";
import type { CompiledConditions, DocEvidence, Entry, Variant } from "../types.js";

export type { DocEvidence };
import { DOCUMENT_SPUN, type View } from "./conditions.js";

/** A spun form seen less often than this per million words of edited English is "marked". */
export const MARKED_BELOW = 1;
/** The document is judged spun at this score and above. */
export const SPUN_AT = 0.5;
/** Hits per 100 words at which the score is one half; and how steeply it rises around it. */
const HALF_AT = 1.5;
const STEEPNESS = 2.5;
/** Words added to a document's length when scoring: a few hits in a short text are weak evidence. */
const SHORT_TEXT_WORDS = 100;
/** Fewer weighted hits than this never make a document spun, however short it is. */
const MIN_HITS = 2.5;
/** How much better (log ratio) the original must fit for a lone function word to change: 10 times. */
const STRONG_CONTEXT = 2.3;
/**
 * A lone function word the spinner was seen writing this often (and no less reliable) is measured,
 * not guessed: its count speaks for it as a condition would ("beneath" for "below", 48 times).
 */
const MEASURED_SEEN = 10;
const MEASURED_RELIABILITY = 0.95;
/** The least reliability of an entry whose own `when` conditions (or match_case) hold at the match. */
const CONDITIONED = 0.8;
/** Counts given to a mapping never seen in the aligned text (someone saw it, or it would not be an entry). */
const PRIOR_SEEN = 0.5;

/**
 * A written spun form before one made by inflection (dictionary order says the same: build.ts): of
 * "execution pointers" → "performance indicators" and the plural of "execution pointer" → "financial
 * indicators", the entry that wrote the form is meant. A bonus larger than any context figure.
 */
function written(v: Variant): number {
  return v.inflected ? 0 : 1e3;
}

/**
 * Of several originals, how often the spinner was seen writing this spun form for each: log of the
 * count (a mapping never seen, the prior's half count). Added to how well each original fits its
 * context, it makes the choice P(original | context) · P(spun form | original), not the context alone.
 */
function seenPrior(ev: EntryEvidence): number {
  return Math.log(ev.seen || PRIOR_SEEN);
}

/** What the evidence knows of an entry. */
export interface EntryEvidence {
  /** The spun form is ordinary English: acts only in documents judged spun. */
  ambiguous: boolean;
  /** Occurrences of the spun form per million words of edited English (the context model). */
  perMillion: number;
  /**
   * Probability that an occurrence of the spun form in a spun document is the spinner's (0–1): the
   * rate at which the spinner was seen writing it for this original (data/spinner/mappings.tsv),
   * against the rate of the spun form in edited English.
   */
  reliability: number;
  /** Times the mapping was seen in aligned spun/original text (0: never, the prior is used). */
  seen: number;
  /** The entry restores a name or other capitalised wording. */
  name: boolean;
  /** A single-token spun form that is a function word or a number. */
  functionWord: boolean;
}

/** The evidence of one match, for explanations. */
export interface MatchEvidence {
  kind: "marked" | "ambiguous";
  reliability: number;
  perMillion: number;
  /** log(P(text with original) / P(text with spun form)); undefined without a context model. */
  logRatio?: number;
  /** A guard that vetoed the match. */
  veto?: string;
  /** Weight the match added to the document's score. */
  weight: number;
  /** Its conditions wait on the document's verdict (`document_spun`): it acts only in a spun document. */
  gated?: boolean;
}

/** A match as the evidence step sees it: every variant whose conditions hold there. */
export interface Option {
  variant: Variant;
  why: string[];
}

const keyHashes = new WeakMap<Variant, { spun: number[]; original: number[] }>();

function hashesOf(v: Variant): { spun: number[]; original: number[] } {
  let h = keyHashes.get(v);
  if (!h) {
    h = { spun: v.keys.map(hashKey), original: phraseKeys(v.original).map(hashKey) };
    keyHashes.set(v, h);
  }
  return h;
}

const HAS_UPPER = /\p{Lu}/u;
const entryEvidence = new WeakMap<Entry, EntryEvidence>();

/** The evidence of an entry (made once per entry, from its spun forms and the context model). */
export function evidenceOf(v: Variant, model: ContextModel | undefined): EntryEvidence {
  const e = v.entry;
  let ev = entryEvidence.get(e);
  if (ev) return ev;
  const spun = hashesOf(v).spun;
  let perMillion = 0;
  if (model) {
    // the most common of the entry's written spun forms decides
    for (const s of e.spun) perMillion = Math.max(perMillion, model.phrasePerMillion(s));
  }
  const table = mappingCounts();
  const seen = table.seen.get(mappingKey(v.keys, v.original)) ?? 0;
  const rate = ((seen || PRIOR_SEEN) * 1e6) / table.words;
  ev = {
    ambiguous: e.ambiguous ?? perMillion >= MARKED_BELOW,
    perMillion,
    reliability: rate / (rate + perMillion),
    seen,
    name: HAS_UPPER.test(e.original) || e.spun.some((s) => HAS_UPPER.test(s)),
    functionWord: spun.length === 1 && (functionWordHashes().has(spun[0]) || /^\d/.test(v.keys[0])),
  };
  entryEvidence.set(e, ev);
  return ev;
}

/** The key hash of the significant token at p, if it is a word-like token next to the match. */
function neighbour(view: View, p: number): number | undefined {
  if (p < 0 || p >= view.count || !view.matchable(p)) return undefined;
  return view.hash(p);
}

/** The keys (hashes) around a match: the two before it (nearest last) and the two after it. */
export interface Around {
  left: (number | undefined)[];
  right: (number | undefined)[];
}

export function around(view: View, from: number, to: number): Around {
  const l1 = neighbour(view, from - 1);
  const r1 = neighbour(view, to);
  return {
    left: [l1 === undefined ? undefined : neighbour(view, from - 2), l1],
    right: [r1, r1 === undefined ? undefined : neighbour(view, to + 1)],
  };
}

/**
 * Is the sentence holding p written in Title Case (a headline: capitals say nothing of names there)?
 * Looks at the words of four letters or more around p: most of them capitalised.
 */
function titleCase(view: View, p: number): boolean {
  let words = 0;
  let upper = 0;
  const scan = (q: number, dir: -1 | 1): void => {
    for (let n = 0; q >= 0 && q < view.count && n < 12; q += dir) {
      const k = view.kind(q);
      if (k === Kind.Break) return;
      if (k !== Kind.Word) continue;
      if (dir > 0 && q !== p && view.sentenceStart(q)) return;
      n++;
      const raw = view.raw(q);
      if (raw.length >= 4) {
        words++;
        const c = raw.charCodeAt(0);
        if ((c >= 0x41 && c <= 0x5a) || (c >= 0x80 && HAS_UPPER.test(raw[0]))) upper++;
      }
      if (dir < 0 && view.sentenceStart(q)) return;
    }
  };
  scan(p, -1);
  scan(p + 1, 1);
  return words >= 3 && upper * 5 >= words * 4;
}

/** A capitalised word inside the match that is not at a sentence start: a name, unless it is a title. */
function capitalisedInside(view: View, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    if (view.kind(p) !== Kind.Word || view.sentenceStart(p)) continue;
    const raw = view.raw(p);
    const c = raw.charCodeAt(0);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x80 && HAS_UPPER.test(raw[0]))) return !titleCase(view, p);
  }
  return false;
}

const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * Does a condition map name the spinner's context (a word next to the match, a phrase near it or in
 * the document)? Exclusions alone do not.
 */
function namesContext(c: CompiledConditions): boolean {
  return (
    c.before !== undefined ||
    c.after !== undefined ||
    c.near !== undefined ||
    c.documentHas !== undefined ||
    c.documentHasAny !== undefined
  );
}

export interface Scored {
  option: Option;
  evidence: MatchEvidence;
}

/**
 * The evidence for one match: the option to act with (the best-fitting original among those whose
 * conditions hold) and its figures. `from`/`to` are the match's significant-token range.
 */
export function weigh(
  view: View,
  options: readonly Option[],
  from: number,
  to: number,
  model: ContextModel | undefined,
  ctx?: Around,
  /** Findings that rank after the restorations (those of a pack that only adds alternatives: decide.ts). */
  late?: (e: Entry) => boolean,
): Scored {
  let near = ctx;
  const context = (v: Variant): ReturnType<ContextModel["compare"]> | undefined => {
    if (!model) return undefined;
    near ??= around(view, from, to);
    const h = hashesOf(v);
    return model.compare(near.left, h.original, h.spun, near.right);
  };
  // where the author gave a condition that holds here, the conditioned options are the specific reading
  let pool = options;
  if (options.length > 1) {
    const specific = options.filter((o) => o.variant.entry.when.length > 0);
    if (specific.length > 0 && specific.length < options.length) pool = specific;
  }
  let best: Scored | undefined;
  let bestFit = -Infinity;
  for (const option of pool) {
    const v = option.variant;
    const ev = evidenceOf(v, model);
    if (option.why.includes(DOCUMENT_SPUN) && !v.entry.detect) {
      // the author named the evidence (document_spun): a tortured phrase that is also a real term acts
      // in a document its pack judges spun, whatever the context model (edited English, not science)
      // says; as a hit it counts like a marked one
      const gated: Scored = {
        option,
        evidence: { kind: "ambiguous", reliability: 1, perMillion: ev.perMillion, weight: 1, gated: true },
      };
      if (pool.length === 1) return gated;
      const fit = (context(v)?.original ?? 0) + seenPrior(ev) + written(v);
      if (!best || fit > bestFit) {
        best = gated;
        bestFit = fit;
      }
      continue;
    }
    if (!ev.ambiguous || v.entry.detect) {
      // a marked form (or a finding) acts wherever it holds; of several originals, the best fitting.
      // A finding on an everyday form is reported but is no evidence that the document is spun.
      const marked: Scored = {
        option,
        evidence: { kind: "marked", reliability: 1, perMillion: ev.perMillion, weight: ev.ambiguous ? 0 : 1 },
      };
      if (pool.length === 1) return marked; // nothing to choose between: no context figures needed
      // marked readings first; a late finding only after the restorations that may act (an imported
      // thesaurus's doubtful "discussed / said" must not hide the built-in "mentioned" → "said"), but
      // before those a guard vetoes, so that it is still reported
      const rank = v.entry.detect && late?.(v.entry) ? -5e5 : 1e6;
      const fit = (context(v)?.original ?? 0) + seenPrior(ev) + rank + written(v);
      if (!best || fit > bestFit) {
        best = marked;
        bestFit = fit;
      }
      continue;
    }
    // an entry whose own conditions hold here ("in early Could") names the spinner's context: it is
    // at least that reliable, and not a lone word acting by itself
    const conditioned = v.entry.matchCase || v.entry.when.some(namesContext);
    const reliability = conditioned ? Math.max(ev.reliability, CONDITIONED) : ev.reliability;
    const evidence: MatchEvidence = { kind: "ambiguous", reliability, perMillion: ev.perMillion, weight: 0 };
    let cmp: ReturnType<ContextModel["compare"]> | undefined;
    if (!ev.name && capitalisedInside(view, from, to)) evidence.veto = "a capitalised word inside a sentence is a name";
    else {
      cmp = context(v);
      evidence.logRatio = cmp?.logRatio;
      const odds = logit(reliability) + (cmp?.logRatio ?? 0);
      const measured = ev.seen >= MEASURED_SEEN && reliability >= MEASURED_RELIABILITY;
      if (ev.functionWord && !conditioned && !measured && (cmp === undefined || cmp.logRatio < STRONG_CONTEXT)) {
        evidence.veto = "a lone function word or number changes only where the context strongly favours the original";
      } else if (odds < 0) evidence.veto = "the context fits the spun wording better";
    }
    if (!evidence.veto && !ev.functionWord && (cmp === undefined || cmp.logRatio > 0)) evidence.weight = reliability;
    const fit = (cmp?.original ?? 0) + seenPrior(ev) + (evidence.veto ? -1e6 : 0) + written(v);
    if (!best || fit > bestFit) {
      best = { option, evidence };
      bestFit = fit;
    }
  }
  return best as Scored;
}

/** The document's score from the weights of its matches (after overlaps) and its length in words. */
export function docScore(
  weights: readonly { id: string; weight: number }[],
  words: number,
  halfAt = HALF_AT,
): DocEvidence {
  const byId = new Map<string, { id: string; count: number; weight: number }>();
  for (const w of weights) {
    if (w.weight <= 0) continue;
    const t = byId.get(w.id);
    if (t) {
      t.count++;
      t.weight += w.weight;
    } else byId.set(w.id, { id: w.id, count: 1, weight: w.weight });
  }
  // a spinner leaves many different hits; one word said again and again (a text about safety says
  // "safety") is one piece of evidence: an entry's n hits count 1 + ln n times its mean weight
  let hits = 0;
  for (const t of byId.values()) hits += (t.weight / t.count) * (1 + Math.log(t.count));
  const per100 = (100 * hits) / (words + SHORT_TEXT_WORDS);
  let score = 1 / (1 + Math.exp(-STEEPNESS * (per100 - halfAt)));
  if (hits < MIN_HITS) score = Math.min(score, ((SPUN_AT - 0.01) * hits) / MIN_HITS);
  return docEvidence(score, hits, words, byId.values());
}

/** A verdict from its score, hits and words, with the ten entries of most weight; figures rounded. */
export function docEvidence(
  score: number,
  hits: number,
  words: number,
  entries: Iterable<{ id: string; count: number; weight: number }>,
): DocEvidence {
  const top = [...entries].sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1)).slice(0, 10);
  for (const t of top) t.weight = Math.round(t.weight * 1000) / 1000;
  return {
    score: Math.round(score * 1000) / 1000,
    spun: score >= SPUN_AT,
    hits: Math.round(hits * 1000) / 1000,
    words,
    top,
  };
}

/** The shipped context model (undefined when its file is missing). */
export function model(): ContextModel | undefined {
  return contextModel();
}

/** The key hashes of the original wording a variant restores (first and last: the neighbours it leaves). */
export function originalHashes(v: Variant): readonly number[] {
  return hashesOf(v).original;
}

/** Reasons an acting match gives, in words. */
export function reasons(ev: MatchEvidence, doc: DocEvidence): string[] {
  if (ev.kind === "marked") return [];
  const out = [`document judged spun (score ${doc.score.toFixed(2)})`, `reliability ${ev.reliability.toFixed(2)}`];
  if (ev.logRatio !== undefined) out.push(`context favours the original ${fmtRatio(ev.logRatio)}`);
  return out;
}

function fmtRatio(lr: number): string {
  const r = Math.exp(lr);
  return r >= 1
    ? `${r < 10 ? r.toFixed(1) : Math.round(r)}× over the spun form`
    : `less than the spun form (${r.toFixed(2)}×)`;
}
