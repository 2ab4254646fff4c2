/** `unspin eval`: accuracy on spun/original pairs and edits on clean texts. */
import type { Command } from "commander";
import { UnspinError } from "../../errors.js";
import type { Io, SetExit } from "../../io/io.js";
import type { EvalReport } from "../../eval/evaluate.js";
import { packList } from "../config.js";
import { loadDictionary } from "../../dictionary/packs.js";

const pct = (x: number) => x.toFixed(3);

export function formatReport(r: EvalReport, verbose: boolean): string {
  const lines: string[] = [];
  if (r.pairs.length) {
    lines.push(
      "| pair | words | gold edits | tool edits | right | recall | precision | damage | spinner score |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const p of r.pairs) {
      const stable = p.stable ? "" : " (restoring again changes it)";
      lines.push(
        `| ${p.name} | ${p.words} | ${p.gold_edits} | ${p.tool_edits} | ${p.right} | ${pct(p.recall)} | ` +
          `${pct(p.precision)} | ${p.damage} | ${p.spinner_score.toFixed(2)}${stable} |`,
      );
    }
    const t = r.total;
    lines.push(
      `| **total** | ${t.words} | ${t.gold_edits} | ${t.tool_edits} | ${t.right} | ${pct(t.recall)} | ` +
        `${pct(t.precision)} | ${t.damage} (${t.damage_per_1000_words.toFixed(2)}/1,000 words) | |`,
    );
    if (verbose) {
      for (const p of r.pairs) {
        for (const [a, b] of p.missed) lines.push(`missed  ${p.name}: ${a} → ${b}`);
        for (const [a, b] of p.wrong) lines.push(`wrong   ${p.name}: ${a} → ${b}`);
      }
    }
  }
  if (r.clean.length) {
    const c = r.cleanTotal;
    lines.push(
      "",
      `clean texts: ${c.files} files, ${c.words} words, ${c.edits} edits (${c.edits_per_10000_words.toFixed(2)} ` +
        `per 10,000 words)`,
    );
    for (const f of r.clean)
      for (const e of f.edits)
        lines.push(`clean edit  ${f.name}:${e.line}: ${e.spun} → ${e.replacement}  [${e.entry}]`);
  }
  const s = r.scores;
  if (s.spun_texts + s.clean_texts > 0) {
    lines.push(
      "",
      `spinner scores: spun texts ${s.spun_judged_spun}/${s.spun_texts} judged spun ` +
        `(lowest ${s.spun_min.toFixed(2)}); ` +
        `clean texts ${s.clean_judged_spun}/${s.clean_texts} judged spun (highest ${s.clean_max.toFixed(2)})`,
    );
    if (verbose) for (const f of r.clean) lines.push(`clean score  ${f.name}: ${f.spinner_score.toFixed(2)}`);
  }
  return `${lines.join("\n")}\n`;
}

interface EvalOpts {
  dict: string[];
  defaultPacks: boolean;
  clean: string[];
  json?: boolean;
  verbose?: boolean;
}

export function registerEval(program: Command, io: Io, setExit: SetExit): void {
  program
    .command("eval")
    .description(
      "score restoration on folders of spun/original pairs (NAME.spun.txt + NAME.orig.txt) and count edits on " +
        "clean texts",
    )
    .argument("[dir...]", "folders (or files) of pairs")
    .option(
      "-d, --dict <name|path>",
      "packs to use (repeatable; default: news)",
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option("--no-default-packs", "do not load the default pack")
    .option(
      "--clean <dir>",
      "a folder (or file) of clean texts that must get no edits (repeatable)",
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option("--json", "machine-readable report")
    .option("-v, --verbose", "list every missed and wrong edit")
    .action(async (dirs: string[], opts: EvalOpts) => {
      if (dirs.length === 0 && opts.clean.length === 0)
        throw new UnspinError("usage", "eval needs folders of pairs, or --clean folders", {
          hint: "unspin eval fixtures/news --clean fixtures/clean",
        });
      // the run's pack list, without .unspinrc.yaml: figures must not depend on where eval runs
      const packs = packList({ dict: opts.dict, defaultPacks: opts.defaultPacks, config: false }, io.cwd);
      const { evaluate } = await import("../../eval/evaluate.js"); // only when evaluating
      const report = evaluate(loadDictionary(packs, io.cwd), dirs, opts.clean);
      io.stdout(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, opts.verbose === true));
      setExit(0);
    });
}
