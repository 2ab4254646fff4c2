/** `unspin explain "<phrase or sentence>"`: which entries match where, and why they did or did not act. */
import path from "node:path";
import type { Command } from "commander";
import { Option } from "commander";
import { UnspinError } from "../../errors.js";
import { readText } from "../../io/input.js";
import { packList } from "../config.js";
import type { ExitCode } from "../../errors.js";
import type { Explanation, MatchExplanation, VariantCheck } from "../../engine/explain.js";
import type { Io, SetExit } from "../../io/io.js";
import { loadDictionary } from "../../dictionary/packs.js";
import { packOptions, withPackOptions } from "./dict.js";

const fixed = (x: number, d = 2): string => x.toFixed(d);

const seenText = (seen: number): string =>
  seen ? `seen ${seen} times as the spinner's (data/spinner/mappings.tsv)` : "never counted (prior: half a count)";

const timesBetter = (r: number): string =>
  r >= 1 ? `${r < 10 ? fixed(r, 1) : Math.round(r)}× better` : `${fixed(1 / r, 1)}× worse`;

/** The evidence of an entry, and what was weighed for it here, in words. */
function evidenceLines(v: VariantCheck): string[] {
  const m = v.measured;
  const kind = m.ambiguous
    ? `ambiguous: '${v.entry.spun[0]}' is ordinary English (${fixed(m.perMillion, 1)} per million words), ` +
      "so it acts only in a document judged spun"
    : `marked: '${v.entry.spun[0]}' is not ordinary English (${fixed(m.perMillion, 1)} per million words), ` +
      "so it acts anywhere";
  const lines = [`      evidence: ${kind}`];
  if (m.ambiguous) {
    lines.push(`      reliability ${fixed(m.reliability)}: ${seenText(m.seen)} against its rate in edited English`);
  }
  const ev = v.evidence;
  if (ev && ev.kind === "ambiguous") {
    if (ev.logRatio !== undefined) {
      const r = Math.exp(ev.logRatio);
      lines.push(
        `      context: the original fits ${timesBetter(r)} than the spun form between its neighbours ` +
          `(log ratio ${fixed(ev.logRatio)})`,
      );
    }
    if (ev.veto) lines.push(`      vetoed: ${ev.veto}`);
  }
  return lines;
}

function variantLines(v: VariantCheck): string[] {
  const e = v.entry;
  const flags = `${e.detect ? " (detect-only)" : ""}${v.inflected ? " (inflected form)" : ""}`;
  const mark = v.held ? "✓" : "✗";
  const head = `${mark} ${e.id}: '${e.spun[0]}' → '${v.original}'${flags} ${e.pos.file}:${e.pos.line}`;
  const lines = [`  ${head}`];
  if (v.caseMatches !== undefined)
    lines.push(
      `      ${v.caseMatches ? "✓" : "✗"} match_case: the text's case ` +
        `${v.caseMatches ? "matches" : "differs from"} '${e.spun.join("' / '")}'`,
    );
  if (v.maps.length === 0) lines.push("      no condition");
  v.maps.forEach((m, i) => {
    lines.push(
      `      when${v.maps.length > 1 ? ` #${i + 1}` : ""} (line ${m.pos.line}): ${m.held ? "holds" : "fails"}`,
    );
    for (const c of m.checks)
      lines.push(
        `        ${c.held ? "✓" : "✗"} ${c.condition}${c.held && c.why.length ? `  (${c.why.join("; ")})` : ""}`,
      );
  });
  if (v.held) lines.push(...evidenceLines(v));
  return lines;
}

function outcomeLine(m: MatchExplanation): string {
  switch (m.outcome) {
    case "applied":
      return `  → restored: '${m.text}' → '${m.edit?.replacement ?? ""}'`;
    case "part":
      return `  → restored as part of '${m.edit?.spun ?? ""}' → '${m.edit?.replacement ?? ""}' (${
        m.edit?.entry.id ?? "?"
      })`;
    case "finding":
      return `  → reported (detect-only): ${m.edit?.replacement ?? ""}`;
    case "nothing-held":
      return "  → unchanged: no entry's conditions hold here";
    case "vetoed":
      return "  → unchanged: a guard or the context vetoes it here (see above)";
    case "not-spun":
      return "  → unchanged: the document is not judged spun, and the spun form is ordinary English";
    case "lost":
      return (
        `  → unchanged here: the overlapping match '${m.edit?.spun ?? ""}' (${m.edit?.entry.id ?? "?"}) ` +
        `wins (longest match, then earliest, then listed first)`
      );
  }
}

export function formatExplanation(x: Explanation): string {
  const out: string[] = [];
  if (x.doc) {
    const d = x.doc;
    const top = d.top
      .slice(0, 5)
      .map((t) => `${t.id} ×${t.count}`)
      .join(", ");
    const verdict = x.assumed
      ? `taken as ${x.assumed} (--document ${x.assumed})`
      : d.spun
        ? "judged spun"
        : "not judged spun";
    out.push(
      `document: spinner score ${fixed(d.score)}, ${verdict}; ` +
        `${fixed(d.hits, 1)} weighted hits in ${d.words} words${top ? ` (${top})` : ""}`,
    );
  }
  if (x.matches.length === 0) out.push("no entry matches anywhere in the text");
  for (const m of x.matches) {
    out.push(`${m.line}:${m.col} '${m.text}'`, ...m.variants.flatMap(variantLines), outcomeLine(m));
  }
  out.push(`restored: ${x.restored}`);
  return `${out.join("\n")}\n`;
}

async function runExplain(words: string[], opts: ExplainOpts, cmd: Command, io: Io): Promise<ExitCode> {
  if (words.length === 0 && opts.file === undefined)
    throw new UnspinError("usage", "explain needs a phrase or sentence, or --file FILE");
  const text = opts.file === undefined ? words.join(" ") : readText(path.resolve(io.cwd, opts.file));
  const dict = loadDictionary(packList(packOptions(cmd), io.cwd), io.cwd);
  const { explain } = await import("../../engine/explain.js"); // only when explaining
  const document = opts.document === "spun" || opts.document === "clean" ? opts.document : undefined;
  io.stdout(formatExplanation(explain(text, dict, document)));
  return 0;
}

interface ExplainOpts {
  file?: string;
  document?: string;
}

export function registerExplain(program: Command, io: Io, setExit: SetExit): void {
  withPackOptions(program.command("explain"))
    .description("show which entries match a phrase or sentence, which conditions held or failed, and the result")
    .argument("[text...]", "the phrase or sentence (quote it)")
    .option("--file <file>", "explain every match of a file, weighed against that whole document")
    .addOption(
      new Option("--document <mode>", "auto: judge the text from its hits; spun / clean: take it as such")
        .choices(["auto", "spun", "clean"])
        .default("auto"),
    )
    .action(async (words: string[], opts: ExplainOpts, cmd: Command) => {
      setExit(await runExplain(words, opts, cmd, io));
    });
}
