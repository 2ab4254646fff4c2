/** `unspin explain "<phrase or sentence>"`: which entries match where, and why they did or did not act. */
import type { Command } from "commander";
import { packList } from "../config.js";
import type { ExitCode } from "../../errors.js";
import type { Explanation, MatchExplanation, VariantCheck } from "../../engine/explain.js";
import type { Io, SetExit } from "../../io/io.js";
import { loadDictionary } from "../../dictionary/packs.js";
import { packOptions, withPackOptions } from "./dict.js";

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
  return lines;
}

function outcomeLine(m: MatchExplanation): string {
  switch (m.outcome) {
    case "applied":
      return `  → restored: '${m.text}' → '${m.edit?.replacement ?? ""}'`;
    case "finding":
      return `  → reported (detect-only): ${m.edit?.replacement ?? ""}`;
    case "nothing-held":
      return "  → unchanged: no entry's conditions hold here";
    case "lost":
      return (
        `  → unchanged here: the overlapping match '${m.edit?.spun ?? ""}' (${m.edit?.entry.id ?? "?"}) ` +
        `wins (longest match, then earliest, then listed first)`
      );
  }
}

export function formatExplanation(x: Explanation): string {
  const out: string[] = [];
  if (x.matches.length === 0) out.push("no entry matches anywhere in the text");
  for (const m of x.matches) {
    out.push(`${m.line}:${m.col} '${m.text}'`, ...m.variants.flatMap(variantLines), outcomeLine(m));
  }
  out.push(`restored: ${x.restored}`);
  return `${out.join("\n")}\n`;
}

async function runExplain(words: string[], cmd: Command, io: Io): Promise<ExitCode> {
  const dict = loadDictionary(packList(packOptions(cmd), io.cwd), io.cwd);
  const { explain } = await import("../../engine/explain.js"); // only when explaining
  io.stdout(formatExplanation(explain(words.join(" "), dict)));
  return 0;
}

export function registerExplain(program: Command, io: Io, setExit: SetExit): void {
  withPackOptions(program.command("explain"))
    .description("show which entries match a phrase or sentence, which conditions held or failed, and the result")
    .argument("<text...>", "the phrase or sentence (quote it)")
    .action(async (words: string[], _opts: unknown, cmd: Command) => {
      setExit(await runExplain(words, cmd, io));
    });
}
