/** The whole build: rows → entries → examples → YAML and report text. */
import { readRows } from "./csv.js";
import { acronymsOf, type Context, rowToOutcome, standardTerms } from "./classify.js";
import { MARKED_BELOW, model } from "../../src/engine/evidence.js";
import { keyHash } from "../../src/text/context-model.js";
import { plural } from "./inflection.js";
import { assignIds, dedupe, gatePlausible, mergeIntoUnconditional, order, relax, resolveChains } from "./entries.js";
import { attachExamples, type Disagreement } from "./examples.js";
import { crossCheck, renderReport, type Stats } from "./report.js";
import { type Drop, type Entry, key } from "./types.js";
import { unseenEntries } from "./unseen.js";
import { renderYaml } from "./yaml.js";

export function build(csvFile: string, jsonFile: string | undefined): { yaml: string; report: string; stats: Stats } {
  const rows = readRows(csvFile);
  const warnings: string[] = [];
  const ctx: Context = { standard: standardTerms(rows), acronyms: acronymsOf(rows), warn: (m) => warnings.push(m) };
  const drops: Drop[] = [];
  const merged: Drop[] = [];
  let candidates: Entry[] = [];
  for (const row of rows) {
    const outcome = rowToOutcome(row, ctx);
    if (outcome.kind === "dropped") drops.push({ reason: outcome.reason, row, detail: outcome.detail });
    else candidates.push(...outcome.entries);
  }
  candidates = mergeIntoUnconditional(dedupe(candidates, drops, merged), merged);
  resolveChains(candidates, warnings);
  let entries = order(candidates);
  const context = model();
  if (!context)
    throw new Error("the context model (data/context/model.bin) is missing: run scripts/build-context first");
  const gated = gatePlausible(entries, (w) => context.perMillion(keyHash(w)));
  let disagreements: Disagreement[] = [];
  for (;;) {
    for (const e of entries) {
      e.examples = [];
      e.allows = [];
    }
    relax(entries);
    const classes = new Map<string, string[]>();
    const exampleWarnings: string[] = [];
    disagreements = [];
    const shadowed = attachExamples(
      entries,
      classes,
      (m) => exampleWarnings.push(m),
      (d) => disagreements.push(d),
    );
    if (shadowed.size === 0) {
      warnings.push(...exampleWarnings);
      break;
    }
    for (const e of shadowed) {
      for (const r of e.rows) {
        drops.push({
          reason: "shadowed: another entry with the same spun form always acts first",
          row: r,
          detail: `"${e.spun[0]}" → ${e.original}`,
        });
      }
    }
    entries = entries.filter((e) => !shadowed.has(e));
  }
  // the unseen forms come after the catalogue's own entries (which they never repeat)
  const written = new Set(
    entries.flatMap((e) => e.spun.flatMap((s) => (e.inflect ? [key(s), key(plural(s))] : [key(s)]))),
  );
  const ordinary = (phrase: string): boolean => context.phrasePerMillion(phrase) >= MARKED_BELOW;
  const unseen = unseenEntries(rows, written, ordinary);
  const all = [...entries, ...unseen.entries];
  assignIds(all);
  const replacingLines = new Set(entries.filter((e) => !e.detect).map((e) => e.rows[0].line));
  const detectLines = new Set(
    entries
      .filter((e) => e.detect)
      .map((e) => e.rows[0].line)
      .filter((l) => !replacingLines.has(l)),
  );
  const placed = (l: number): boolean => replacingLines.has(l) || detectLines.has(l);
  const mergedOnly = merged.filter((d) => !placed(d.row.line));
  const mergedLines = new Set(mergedOnly.map((d) => d.row.line));
  const droppedOnly = uniqueRows(drops.filter((d) => !placed(d.row.line) && !mergedLines.has(d.row.line)));
  const stats: Stats = {
    rowsIn: rows.length,
    replacingRows: replacingLines.size,
    detectRows: detectLines.size,
    merged: uniqueRows(mergedOnly),
    drops: droppedOnly,
    entries,
    warnings,
    crossCheck: crossCheck(jsonFile, rows, entries),
    disagreements,
    gated,
    unseen: { entries: unseen.entries.length, swaps: unseen.swaps, terms: unseen.terms },
  };
  const total = stats.replacingRows + stats.detectRows + stats.merged.length + stats.drops.length;
  if (total !== rows.length) throw new Error(`counts do not add up: ${total} != ${rows.length}`);
  const csvName = csvFile.split("/").pop() ?? csvFile;
  return { yaml: renderYaml(all, new Map(), csvName), report: renderReport(stats, csvName), stats };
}

/** One drop per row (a row with two spun forms could be dropped twice). */
export function uniqueRows(list: Drop[]): Drop[] {
  const seen = new Set<number>();
  return list.filter((d) => !seen.has(d.row.line) && seen.add(d.row.line) !== undefined);
}
