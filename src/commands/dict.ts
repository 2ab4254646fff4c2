/** `unspin dict …`: commands for dictionary authors (thin shells over src/authoring/). */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { Io, SetExit } from "../io.js";
import { makeChalk } from "../io.js";
import { UnspinError } from "../errors.js";
import type { ExitCode } from "../errors.js";
import { testPack } from "../dicttest.js";
import { builtinPacks, loadDictionary, readPackFile, resolvePack } from "../packs.js";
import { findConfig, packList, readConfig } from "../config.js";
import type { PackListOptions } from "../config.js";
import { writeFileAtomic } from "../atomic.js";
import { addEntry, displayPath } from "../authoring/add.js";
import { importSummary, importThesaurus } from "../authoring/import.js";
import { formatFinding, lintFiles, summaryLine } from "../authoring/lint.js";
import { formatEntry, listEntries } from "../authoring/list.js";

function runDictTest(targets: string[], io: Io, color: boolean | undefined): ExitCode {
  const chalk = makeChalk(io, color);
  const files = (targets.length ? targets : builtinPacks()).map((t) => resolvePack(t, io.cwd));
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const result = testPack(readPackFile(file, io.cwd));
    passed += result.passed;
    failed += result.failures.length;
    for (const f of result.failures) {
      io.stdout(`${chalk.red("✗")} ${f.entry.id} ${chalk.dim(`(${f.entry.pos.file}:${f.entry.pos.line})`)} ${f.kind} at ${f.pos.file}:${f.pos.line}: ${f.reason}\n`);
      io.stdout(`    input:    ${f.input}\n    expected: ${f.expected}\n    got:      ${f.got}\n`);
    }
    io.stdout(`${result.failures.length ? chalk.red("✗") : chalk.green("✓")} ${result.pack} (${result.file}): ${result.passed} passed, ${result.failures.length} failed\n`);
  }
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/**
 * The pack options of a command that loads the run's packs: its own -d/--dict, --no-default-packs
 * and --no-config, together with the same options given before the command name.
 */
export function packOptions(cmd: Command): PackListOptions {
  const out: PackListOptions = { dict: [], defaultPacks: true, config: true };
  for (let c: Command | null = cmd; c; c = c.parent) {
    const o = c.opts<{ dict?: string[]; defaultPacks?: boolean; config?: boolean }>();
    out.dict = [...(o.dict ?? []), ...out.dict];
    if (o.defaultPacks === false) out.defaultPacks = false;
    if (o.config === false) out.config = false;
  }
  return out;
}

/** Give a command the options that choose the run's packs (see packOptions). */
export function withPackOptions(cmd: Command): Command {
  return cmd
    .option("-d, --dict <name|path>", "add a built-in pack by name or a dictionary file (repeatable)", collect, [])
    .option("--no-default-packs", "do not load the default pack (news); use only --dict")
    .option("--no-config", "ignore .unspinrc.yaml");
}

function addTarget(to: string | undefined, io: Io, useConfig: boolean): string {
  if (to !== undefined) return /^[a-z0-9][a-z0-9-]*$/i.test(to) ? resolvePack(to, io.cwd) : path.resolve(io.cwd, to);
  const file = useConfig ? findConfig(io.cwd) : undefined;
  const first = file ? readConfig(file).dictionaries[0] : undefined;
  if (first === undefined) throw new UnspinError("say where to add the entry: --to FILE (or list `dictionaries` in .unspinrc.yaml)");
  return first;
}

interface AddOpts {
  to?: string;
  example?: string;
  allow: string[];
  before?: string;
  after?: string;
  exact?: boolean;
}

function runAdd(spun: string, original: string, opts: AddOpts, io: Io, useConfig: boolean): ExitCode {
  const failBeforeRename = io.env.UNSPIN_TEST_FAIL_BEFORE_RENAME === "1";
  const r = addEntry({
    spun, original, file: addTarget(opts.to, io, useConfig), cwd: io.cwd, example: opts.example,
    allows: opts.allow.length ? opts.allow : undefined, before: opts.before, after: opts.after, exact: opts.exact,
    beforeRename: failBeforeRename ? () => { throw new UnspinError("simulated failure before rename (UNSPIN_TEST_FAIL_BEFORE_RENAME=1)"); } : undefined,
  });
  if (r.generated) io.stderr(`unspin: no --example given; made one: "${r.generated.in}" → "${r.generated.out}"\n`);
  io.stdout(`added '${spun}' → '${original}' as ${r.id} at ${r.file}:${r.line}${r.created ? " (new pack file)" : ""}\n`);
  return 0;
}

function runLint(targets: string[], io: Io): ExitCode {
  const files = (targets.length ? targets : builtinPacks()).map((t) => {
    const file = resolvePack(t, io.cwd);
    return { path: file, shown: displayPath(file, io.cwd) };
  });
  const report = lintFiles(files);
  for (const f of report.findings) io.stdout(formatFinding(f) + "\n");
  io.stdout(summaryLine(report) + "\n");
  return report.findings.some((f) => f.severity === "error") ? 1 : 0;
}

function runImport(thesaurus: string, out: string | undefined, io: Io): ExitCode {
  let text: string;
  try {
    text = readFileSync(path.resolve(io.cwd, thesaurus), "utf8");
  } catch (err) {
    throw new UnspinError(`cannot read ${thesaurus}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const outFile = path.resolve(io.cwd, out ?? "imported.yaml");
  const r = importThesaurus(text, path.basename(thesaurus), outFile);
  const report = out === undefined ? io.stderr : io.stdout;
  if (out === undefined) io.stdout(r.yaml);
  else writeFileAtomic(outFile, r.yaml);
  for (const line of importSummary(r)) report(`${line}\n`);
  if (out !== undefined) report(`wrote ${displayPath(outFile, io.cwd)}\n`);
  return 0;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerDict(program: Command, io: Io, setExit: SetExit): void {
  const dict = program.command("dict").description("work with dictionaries: add, test, lint, import, list");
  dict
    .command("add")
    .description("add an entry to a dictionary file, tested before it is written")
    .argument("<spun>", "the spun words, as the spinner wrote them")
    .argument("<original>", "the words they replaced")
    .option("--to <file|pack>", "the dictionary file (created if missing) or built-in pack (default: the first of `dictionaries` in .unspinrc.yaml)")
    .option("--example <sentence>", "a spun sentence holding the spun words (default: one is made)")
    .option("--allow <sentence>", "a clean sentence the entry must leave alone (repeatable)", collect, [])
    .option("--before <word>", "restore only where this word stands right before the spun words")
    .option("--after <word>", "restore only where this word stands right after the spun words")
    .option("--exact", "write the original exactly as given, whatever the case of the text (case: exact)")
    .action((spun: string, original: string, opts: AddOpts, cmd: Command) => {
      setExit(runAdd(spun, original, opts, io, packOptions(cmd).config !== false));
    });
  dict
    .command("test")
    .description("run every entry's examples and allows; exit 1 on any failure")
    .argument("[pack...]", "pack names or files (default: every built-in pack)")
    .option("--color", "force colour")
    .option("--no-color", "no colour")
    .action((packs: string[], opts: { color?: boolean }) => {
      setExit(runDictTest(packs, io, opts.color));
    });
  dict
    .command("lint")
    .description("find duplicates, conflicts, cycles, shadowed entries and impossible conditions; exit 1 on an error")
    .argument("[pack...]", "pack names or files (default: every built-in pack)")
    .action((packs: string[]) => {
      setExit(runLint(packs, io));
    });
  dict
    .command("import")
    .description("turn a spinner's thesaurus (key|alt1|alt2 lines, original first) into reversal entries")
    .argument("<thesaurus>", "the thesaurus file")
    .option("--out <file>", "write the new pack here (default: standard output)")
    .action((thesaurus: string, opts: { out?: string }) => {
      setExit(runImport(thesaurus, opts.out, io));
    });
  withPackOptions(dict.command("list"))
    .description("list entries (id, spun → original, file:line) of the packs a run loads")
    .argument("[pack...]", "pack names or files (default: the packs a run loads: --dict, .unspinrc.yaml)")
    .option("--grep <text>", "only entries whose id, spun form, original or note contains the text")
    .action((packs: string[], opts: { grep?: string }, cmd: Command) => {
      const d = loadDictionary(packs.length ? packs : packList(packOptions(cmd), io.cwd), io.cwd);
      const rows = listEntries(d, opts.grep);
      for (const e of rows) io.stdout(formatEntry(e) + "\n");
      io.stderr(`${rows.length} of ${d.entries.length} entries\n`);
      setExit(0);
    });
}
