/**
 * `dict import`: a spinner's thesaurus turned into reversal entries. A multiword spun form that maps
 * back to one original, and is not itself an original, becomes a restoring entry; a spun form with
 * several originals, or one that is ordinary English (also an original in the same thesaurus, or a
 * single word), becomes a detect-only entry marked "review:", as does one whose line seems to point the
 * wrong way (direction.ts).
 */
import { buildDictionary } from "../dictionary/build.js";
import { UnspinError } from "../errors.js";
import type { Dictionary } from "../dictionary/build.js";
import { model as contextModel } from "../engine/evidence.js";
import { restore } from "../engine/restore.js";
import { readPack } from "../dictionary/loader.js";
import type { Entry } from "../types.js";
import { newPackHeader } from "./add.js";
import { FRAMES, exampleSentence, restoreIn } from "./example.js";
import { doubtedDirection } from "./direction.js";
import { keyOf, parseThesaurus } from "./thesaurus.js";
import type { SkipCounts } from "./thesaurus.js";
import { renderEntry } from "./yamltext.js";
import type { EntryDraft } from "./yamltext.js";

export type ImportKind = "restoring" | "ambiguous" | "alsoOriginal" | "singleWord" | "doubted";

export interface ImportResult {
  yaml: string;
  lines: number;
  counts: Record<ImportKind, number>;
  skipped: SkipCounts;
  /** Entries for which no sentence frame made a passing example (kept, with a review note). */
  exampleReview: number;
}

interface Group {
  spun: string;
  originals: Map<string, string>;
}

const REVIEW: Record<Exclude<ImportKind, "restoring">, (g: Group) => string> = {
  ambiguous: (g) =>
    `review: spun form of ${[...g.originals.values()].map((o) => `'${o}'`).join(", ")}; the context decides`,
  alsoOriginal: () => "review: also an original in the thesaurus, so ordinary English",
  singleWord: () => "review: a single word, likely ordinary English",
  doubted: () => "review",
};

/** The note of a pair whose spun form is far more common than its original (direction.ts). */
function doubtNote(g: Group, ratio: number): string {
  const o = [...g.originals.values()].join(" / ");
  return (
    `direction doubted: '${g.spun}' is ${ratio >= 1000 ? "over 1,000" : Math.round(ratio)}× as common in edited ` +
    `English as '${o}' (the line may list the original among its alternates)`
  );
}

function kindOf(g: Group, keys: Set<string>): ImportKind {
  if (g.originals.size > 1) return "ambiguous";
  const k = keyOf(g.spun);
  if (keys.has(k)) return "alsoOriginal";
  if (!k.includes(" ")) return "singleWord";
  return "restoring";
}

function exampleFor(spun: string, original: string, detect: boolean, frame: string): { in: string; out: string } {
  const input = exampleSentence(spun, frame);
  return { in: input, out: detect ? input : (restoreIn(input, spun, original, false) ?? input) };
}

function passes(dict: Dictionary, entry: Entry, ex: { in: string; out: string }): boolean {
  const r = restore(ex.in, dict, { document: "spun" });
  return r.text === ex.out && r.edits.some((e) => e.entry.id === entry.id);
}

function groupPairs(pairs: readonly { spun: string; original: string }[]): Group[] {
  const groups = new Map<string, Group>();
  for (const p of pairs) {
    const k = keyOf(p.spun);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { spun: p.spun, originals: new Map() }));
    const ok = p.original.toLowerCase();
    if (!g.originals.has(ok)) g.originals.set(ok, p.original);
  }
  return [...groups.values()];
}

export function importThesaurus(text: string, source: string, outFile: string): ImportResult {
  const th = parseThesaurus(text);
  if (th.pairs.length === 0)
    throw new UnspinError("empty", `no thesaurus lines to import in ${source}`, {
      hint: "each line is key|alt1|alt2, the original first",
    });
  const counts: Record<ImportKind, number> = {
    restoring: 0,
    ambiguous: 0,
    alsoOriginal: 0,
    singleWord: 0,
    doubted: 0,
  };
  const model = contextModel();
  const ids = new Set<string>();
  const drafts: { draft: EntryDraft; kind: ImportKind }[] = [];
  for (const g of groupPairs(th.pairs)) {
    const original = [...g.originals.values()].join(" / ");
    // doubted against each original: a line may point the wrong way for one of them
    const doubt = Math.max(0, ...[...g.originals.values()].map((o) => doubtedDirection(model, g.spun, o) ?? 0));
    const first = kindOf(g, th.keys);
    const kind: ImportKind = first === "restoring" && doubt > 0 ? "doubted" : first;
    counts[kind]++;
    const detect = kind !== "restoring";
    const notes = [kind === "restoring" ? undefined : REVIEW[kind](g), doubt > 0 ? doubtNote(g, doubt) : undefined];
    if (kind === "doubted") notes.splice(0, 2, `review: ${doubtNote(g, doubt)}`);
    const base = g.spun.toLowerCase().trim().replace(/\s+/g, "-");
    let id: string | undefined;
    if (ids.has(base)) for (let i = 2; ids.has((id = `${base}-${i}`)); i++);
    ids.add(id ?? base);
    drafts.push({
      kind,
      draft: {
        id,
        spun: g.spun,
        original,
        detect: detect || undefined,
        // a thesaurus pairs ordinary words: its entries act only where the document is judged spun
        ambiguous: detect ? undefined : true,
        note: notes.filter(Boolean).join("; ") || undefined,
        examples: [exampleFor(g.spun, original, detect, FRAMES[0])],
      },
    });
  }
  // Restoring entries first, then the detect-only ones to review.
  drafts.sort((a, b) => Number(a.kind !== "restoring") - Number(b.kind !== "restoring"));
  const render = (): string => {
    // a thesaurus adds readings to the built-in packs' (alternatives the evidence chooses among); its
    // entries replace none of theirs, so their conditions and measured evidence stay
    const header = newPackHeader(
      outFile,
      undefined,
      `Imported from ${source} by unspin dict import. Detect-only entries are marked "review:".`,
    ).replace(/\nentries:\n$/, "\noverride: false\nentries:\n");
    const firstDetect = drafts.findIndex((d) => d.kind !== "restoring");
    return (
      header +
      drafts
        .map(
          (d, i) =>
            (i === firstDetect
              ? "  # Detect-only entries: check each note, then make it restoring, add conditions, or delete it.\n"
              : "") + renderEntry(d.draft),
        )
        .join("")
    );
  };
  const first = render();
  const pack = readPack(outFile, first);
  const dict = buildDictionary([pack]);
  let exampleReview = 0;
  dict.entries.forEach((entry, i) => {
    const d = drafts[i].draft;
    if (passes(dict, entry, d.examples[0])) return;
    for (const frame of FRAMES.slice(1)) {
      const ex = exampleFor(d.spun, d.original, d.detect === true, frame);
      if (passes(dict, entry, ex)) {
        d.examples = [ex];
        return;
      }
    }
    exampleReview++;
    d.note =
      `${d.note ? `${d.note}; ` : "review: "}the generated example does not exercise this entry (a ` +
      `longer entry wins)`;
  });
  const yaml = render();
  if (yaml !== first) readPack(outFile, yaml); // some examples changed: the result must still load
  return { yaml, lines: th.lines, counts, skipped: th.skipped, exampleReview };
}

export function importSummary(r: ImportResult): string[] {
  const s = r.skipped;
  const detect = r.counts.ambiguous + r.counts.alsoOriginal + r.counts.singleWord + r.counts.doubted;
  return [
    `${r.lines} lines read`,
    `${r.counts.restoring} restoring entries (multiword spun form, one original)`,
    `${detect} detect-only entries marked for review: ${r.counts.ambiguous} ambiguous (several originals), ` +
      `${r.counts.alsoOriginal} also an original (ordinary English), ${r.counts.singleWord} single words, ` +
      `${r.counts.doubted} whose direction is doubted (the spun form far more common than the original)`,
    `skipped lines: ${s.noAlternates} without alternates, ${s.numericKeys} with a numeric key, ${s.emptyLines} empty`,
    `skipped alternates: ${s.emptyAlternates} empty, ${s.alternateIsKey} equal to their key, ${s.repeatedPairs} ` +
      `repeated`,
    `${r.exampleReview} generated examples need review (no sentence frame exercised the entry)`,
  ];
}
