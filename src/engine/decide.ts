/**
 * The evidence step's run over one document's matches (evidence.ts weighs each; this decides which
 * act): the document scored from the matches that would win their overlaps, the marked matches kept
 * everywhere and the ambiguous ones only where their pack judges the document spun and no guard
 * vetoes them, then the matches beside a restoration weighed again with the restored words; a kept
 * match joined with an overlapping one whose reading agrees (join.ts).
 */
import type { Entry, PackInfo } from "../types.js";
import type { View } from "./conditions.js";
import { DOCUMENT_SPUN } from "./conditions.js";
import {
  SPUN_AT,
  around,
  docScore,
  evidenceOf,
  model as contextModel,
  originalHashes,
  reasons,
  weigh,
} from "./evidence.js";
import type { Around, DocEvidence } from "./evidence.js";
import { type Candidate, UNCONDITIONED } from "./match.js";
import { joinOverlaps } from "./join.js";
import { resolve } from "./resolve.js";
import { Kind } from "../text/tokenizer.js";

/**
 * The `document_spun` matches of packs that do not judge the document spun: reported as findings
 * ("possible tortured phrase"), never silently dropped.
 */
function belowGate(list: readonly Candidate[], spun: (pack: string) => boolean, doc: DocEvidence): Candidate[] {
  const out: Candidate[] = [];
  for (const c of list) {
    if (!c.evidence?.gated || spun(c.variant.entry.pack)) continue;
    const score = doc.packs?.[c.variant.entry.pack] ?? doc.score;
    c.finding = true;
    c.why = [
      ...c.why.filter((w) => w !== DOCUMENT_SPUN),
      `reported, not restored: the document is not judged spun (score ${score.toFixed(2)})`,
    ];
    out.push(c);
  }
  return out;
}

/** The kept matches with the findings that overlap none of them (overlaps among findings resolved). */
function withFindings(kept: Candidate[], findings: Candidate[], count: number): Candidate[] {
  if (findings.length === 0) return kept;
  const taken = new Uint8Array(count);
  for (const c of kept) taken.fill(1, c.from, c.to);
  const free = findings.filter((c) => taken.subarray(c.from, c.to).every((t) => t === 0));
  return [...kept, ...resolve(free, count)].sort((a, b) => a.from - b.from);
}

/**
 * Overlaps resolved with the late findings (those of a pack that only adds alternatives) left out,
 * then added back where they overlap no winner: such a finding is a report, and never hides a
 * restoration (an imported thesaurus's doubtful "the corporate" must not stop the built-in
 * "corporate" → "company"). Any other pack's longer finding still wins its overlaps: it is that
 * pack's more specific reading ("rural buildups" is no "rural empowerments").
 */
function restorationsFirst(list: readonly Candidate[], count: number, late: (e: Entry) => boolean): Candidate[] {
  const first = list.filter((c) => !late(c.variant.entry));
  if (first.length === list.length) return resolve(list.slice(), count);
  return withFindings(
    resolve(first, count),
    list.filter((c) => late(c.variant.entry)),
    count,
  );
}

/** Words of the whole view (the document the evidence is weighed over). */
function docWords(view: View): number {
  let n = 0;
  for (let p = 0; p < view.count; p++) if (view.kind(p) === Kind.Word) n++;
  return n;
}

/**
 * The evidence step (evidence.ts): each match weighed, the document scored from the matches that
 * would win their overlaps, then the marked matches kept everywhere and the ambiguous ones only in a
 * document judged spun and where no guard vetoes them; overlaps resolved among those kept.
 */
export function decide(
  view: View,
  list: Candidate[],
  forced: "spun" | "clean" | undefined,
  packs: readonly PackInfo[],
): { kept: Candidate[]; doc: DocEvidence } {
  const model = contextModel();
  const builtin = new Set(packs.filter((p) => p.builtin).map((p) => p.name));
  // the findings of a pack that only adds alternatives (an imported thesaurus) come after the
  // restorations: they are reports, and never hide another pack's restoration
  const adding = new Set(packs.filter((p) => p.adds).map((p) => p.name));
  const late = (e: Entry): boolean => e.detect === true && adding.has(e.pack);
  const weighAll = (restored?: Map<Candidate, Around>): void => {
    for (const c of restored ? restored.keys() : list) {
      const options = c.options ?? [{ variant: c.variant, why: c.why }];
      const s = weigh(view, options, c.from, c.to, model, restored?.get(c), late);
      c.variant = s.option.variant;
      c.why = s.option.why;
      c.evidence = s.evidence;
    }
  };
  weighAll();
  const winners = restorationsFirst(list, view.count, late);
  const words = docWords(view);
  // an ambiguous entry of the user's own packs that the spinner was never measured writing (an
  // imported thesaurus) may act in a spun document but is no evidence that the document is spun
  const unmeasured = (c: Candidate): boolean =>
    c.evidence?.kind === "ambiguous" &&
    !c.evidence.gated &&
    !builtin.has(c.variant.entry.pack) &&
    evidenceOf(c.variant, model).seen === 0;
  const hits = winners.map((c) => ({
    id: c.variant.entry.id,
    weight: unmeasured(c) ? 0 : (c.evidence?.weight ?? 0),
    pack: c.variant.entry.pack,
  }));
  // one built-in pack: the document's score is that pack's, on its own terms (its `evidence: half_at`)
  const only = builtin.size === 1 ? packs.find((p) => p.builtin)?.halfAt : undefined;
  const doc = docScore(hits, words, only);
  // each built-in pack is judged on its own hits (with those of the user's dictionaries): a paper
  // full of tortured phrases is spun for the science pack, not for the news pack's "safety"
  const spunFor = new Map<string, boolean>();
  if (builtin.size > 1) {
    const user = hits.filter((h) => !builtin.has(h.pack));
    doc.packs = {};
    for (const name of builtin) {
      const halfAt = packs.find((p) => p.name === name)?.halfAt;
      const own = docScore([...hits.filter((h) => h.pack === name), ...user], words, halfAt);
      doc.packs[name] = own.score;
      spunFor.set(name, own.spun);
    }
    // the document's verdict is its packs': spun when one of them judges it so, on its own terms
    doc.score = Math.max(...Object.values(doc.packs));
    doc.spun = doc.score >= SPUN_AT;
  }
  if (forced) doc.spun = forced === "spun";
  const spun = (pack: string): boolean => (forced ? doc.spun : (spunFor.get(pack) ?? doc.spun));
  let acting: Candidate[] = [];
  const act = (): Candidate[] => {
    acting = list.filter((c) => {
      const ev = c.evidence;
      if (!ev || ev.kind === "marked") return true;
      return spun(c.variant.entry.pack) && ev.veto === undefined;
    });
    return restorationsFirst(acting, view.count, late);
  };
  let kept = act();
  if (doc.spun && kept.length > 0 && model) {
    // the spinner's neighbours are often spun too: weigh again with the restored words beside each match
    const ends = new Map<number, Candidate>();
    const starts = new Map<number, Candidate>();
    for (const c of kept) {
      ends.set(c.to, c);
      starts.set(c.from, c);
    }
    const restored = new Map<Candidate, Around>();
    for (const c of list) {
      if (c.evidence?.kind !== "ambiguous") continue;
      const before = ends.get(c.from);
      const after = starts.get(c.to);
      if (!before && !after) continue;
      const ctx = around(view, c.from, c.to);
      if (before) {
        const o = originalHashes(before.variant);
        ctx.left =
          o.length >= 2
            ? o.slice(-2)
            : [ctx.left[0] === undefined ? undefined : around(view, before.from, before.to).left[1], o[0]];
      }
      if (after) {
        const o = originalHashes(after.variant);
        ctx.right = o.length >= 2 ? o.slice(0, 2) : [o[0], around(view, after.from, after.to).right[0]];
      }
      restored.set(c, ctx);
    }
    if (restored.size > 0) {
      weighAll(restored);
      kept = act();
    }
  }
  kept = joinOverlaps(kept, acting);
  kept = withFindings(kept, belowGate(list, spun, doc), view.count);
  for (const c of kept) {
    const more = c.evidence ? reasons(c.evidence, doc) : [];
    if (more.length) c.why = [...c.why.filter((w) => w !== UNCONDITIONED[0]), ...more];
  }
  return { kept, doc };
}
