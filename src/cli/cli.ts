/**
 * The command line: a thin shell over the library. Parses options, reads inputs, calls restore(),
 * hands the results to a formatter, and maps failures to one line on stderr and an exit code
 * (0 ok, 1 --check found spun text or a dictionary test failed, 2 bad input or usage).
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { UnspinError } from "../errors.js";
import type { ExitCode } from "../errors.js";
import { InputTally } from "../io/input.js";
import { runWrite } from "../run/write.js";
import { checkWriteUsage, splitBackupArg } from "./write-args.js";
import { Progress } from "../run/progress.js";
import { availableParallelism } from "node:os";
import { loadDictionary } from "../dictionary/packs.js";
import { registerDict } from "./commands/dict.js";
import { registerExplain } from "./commands/explain.js";
import { packList } from "./config.js";
import { registerEval } from "./commands/eval.js";
import { processIo } from "../io/io.js";
import type { Io, SetExit } from "../io/io.js";
import { VERSION } from "../io/version.js";
import { DOCUMENT_MODES, FORMATS, documentMode, isLarge, runJsonl, streamText } from "./streams.js";
import type { RestoreOpts } from "./streams.js";
import { topLevel } from "./suggest.js";
import { expandInputs } from "../run/inputs.js";
import { MARKUPS, markupOf } from "../text/markup.js";
import { registerCompletion } from "./commands/completion.js";
import { runWholeFiles } from "./outputs.js";

const EXAMPLES = `
Examples:
  $ unspin article.txt                      word diff of what would be restored
  $ unspin --format text article.txt > restored.txt
  $ curl -s https://example.com/post | unspin -f text -
  $ unspin --format unified article.txt | patch -p1
  $ unspin --dict science paper.txt         add the tortured-phrases pack
  $ unspin --dict ./my-terms.yaml a.txt b.txt
  $ unspin --check drafts/*.txt             exit 1 if anything looks spun
  $ unspin -q --check site/                 the same, silently, for a whole folder (walked)
  $ unspin 'posts/**/*.md'                  a quoted glob is expanded by unspin
  $ unspin page.html                        HTML and Markdown: only the prose is restored
  $ unspin -f sarif docs/ > unspin.sarif    for code scanning; -f github: workflow annotations
  $ unspin -l scraped/*.txt                 the names of the files judged spun
  $ unspin -d science -f summary papers/    screening: one line per paper, phrases counted
  $ unspin --format json a.txt | jq '.files[0].spun'   the spinner score and its evidence
  $ unspin --format json article.txt | jq '.files[0].edits[] | {spun, replacement, entry}'
  $ unspin dict test                        run every pack's examples and allows
  $ unspin explain "chilly struggle"        which entries match, and why they act or not

Exit codes: 0 ok, 1 --check found spun text (or a dictionary test failed), 2 bad input or usage.
Colour follows NO_COLOR / FORCE_COLOR, --no-color, and is off when output is not a terminal or TERM=dumb.
Folders are walked for .txt .text .md .markdown .html .htm .xhtml .rst files; quoted globs are expanded.
Completion: eval "$(unspin completion bash)" (or zsh).`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function contextChars(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 0)
    throw new UnspinError("usage", `--context takes a whole number of characters ≥ 0, not '${value}'`);
  return n;
}

async function runRestore(given: string[], opts: RestoreOpts, io: Io): Promise<ExitCode> {
  const context = contextChars(opts.context);
  if (opts.quiet) {
    // -q: nothing on stdout (messages about refused inputs still go to stderr)
    io = { ...io, stdout: () => {}, stdoutDrain: async () => {}, stderrIsTTY: false };
  }
  const files = expandInputs(given, io.cwd);
  const backup = checkWriteUsage(files, opts);
  const dict = loadDictionary(packList(opts, io.cwd), io.cwd);
  for (const w of dict.warnings)
    io.stderr(`unspin: warning: ${w.pos ? `${w.pos.file}:${w.pos.line}:${w.pos.col}: ` : ""}${w.message}\n`);
  const inputs = files.length === 0 ? ["-"] : files;
  if (inputs.filter((f) => f === "-").length > 1)
    throw new UnspinError("usage", "standard input (-) can be read only once");
  if (opts.write)
    return runWrite(
      inputs,
      dict,
      { backup, noFindings: !opts.findings, check: opts.check, document: documentMode(opts), markup: opts.markup },
      io,
    );
  // a refused input is reported and skipped; the others go on (exit rule: InputTally)
  const tally = new InputTally(io.stderr);
  const jobs = jobCount(opts.jobs);
  const progress = new Progress(io, inputs.length);
  if (opts.format === "jsonl" && !opts.listSpun) return runJsonl(inputs, dict, opts, io, tally);
  // plain text streams (stdin, large files); HTML and Markdown are parsed whole
  const plain = inputs.every((f) => markupOf(f === "-" ? "" : f, opts.markup) === "text");
  if (opts.format === "text" && !opts.listSpun && plain && (inputs.includes("-") || inputs.some(isLarge))) {
    const s = await streamText(inputs, dict, opts, io, tally, jobs, progress);
    progress.clear();
    return tally.exitCode(opts.check && s.restorations + s.findings > 0 ? 1 : 0);
  }
  return runWholeFiles(inputs, dict, opts, io, { tally, progress, jobs, context });
}

/** --jobs: a whole number ≥ 1; default: the number of cores. */
function jobCount(value: string | undefined): number {
  if (value === undefined) return Math.max(1, availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UnspinError("usage", `--jobs takes a whole number ≥ 1, not '${value}'`);
  return n;
}

export function buildProgram(io: Io, setExit: SetExit): Command {
  const program = new Command();
  program
    .name("unspin")
    .description("Restore spun text: undo the poor synonyms of article spinners and tortured-phrase generators.")
    .version(VERSION, "-V, --version")
    .enablePositionalOptions()
    .argument("[file...]", "files to restore; none or - reads standard input")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("diff"))
    .option("-d, --dict <name|path>", "add a built-in pack by name or a dictionary file (repeatable)", collect, [])
    .option("--no-default-packs", "do not load the default pack (news); use only --dict")
    .option("--no-config", "ignore .unspinrc.yaml (packs and dictionaries found upward from here)")
    .option("--check", "exit 1 when anything would be restored (for CI gates)")
    .option("-q, --quiet", "no output: with --check, only the exit code")
    .addOption(
      new Option(
        "--markup <kind>",
        "how prose is found: auto (by extension: .html/.htm HTML, .md/.markdown Markdown), html, markdown, text",
      )
        .choices(MARKUPS)
        .default("auto"),
    )
    .option(
      "-l, --list-spun",
      "print only the names of the files judged spun, one a line (like grep -l); exit 0 if any, 1 if none",
    )
    .addOption(
      new Option(
        "--document <mode>",
        "auto: judge each document from its hits; spun / clean: take every document as such",
      )
        .choices(DOCUMENT_MODES)
        .default("auto"),
    )
    .addOption(
      new Option("--write", "restore the files in place (atomically); report changed files on stderr").conflicts([
        "format",
        "context",
      ]),
    )
    .option("--backup", "with --write: keep each original as FILE.orig (--backup=SUFFIX: another suffix)")
    .addOption(new Option("--backup-suffix <suffix>").hideHelp())
    .option("--no-findings", "leave out the findings of detect-only entries")
    .option(
      "-j, --jobs <n>",
      "threads: files restored in parallel (default: the number of cores); " +
        "given explicitly, also the windows of one large input",
    )
    .option("--context <chars>", "diff: unchanged characters shown beside each edit", "40")
    .option("--color", "force colour")
    .option("--no-color", "no colour (also: NO_COLOR=1)")
    .option("--debug", "show stack traces of unexpected errors")
    .addHelpText("after", EXAMPLES)
    .showHelpAfterError("(run unspin --help for usage)")
    .action(async (files: string[], opts: RestoreOpts) => {
      if (files.length === 0 && io.stdinIsTTY && !opts.write) {
        // nothing piped in and nothing named: help, instead of waiting silently for typed input
        io.stderr(program.helpInformation());
        io.stderr("\nunspin: no input: name files or folders, or pipe text in (- reads standard input)\n");
        setExit(2);
        return;
      }
      setExit(await runRestore(files, opts, io));
    });

  registerDict(program, io, setExit);
  registerExplain(program, io, setExit);
  registerEval(program, io, setExit);
  registerCompletion(program, io);
  return program;
}

export async function main(argv: string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  const configure = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`unspin: ${s.replace(/^error: /, "")}`),
    });
    cmd.commands.forEach(configure);
  };
  configure(program);
  const debug = argv.includes("--debug");
  try {
    const args = topLevel(argv, program, io);
    await program.parseAsync(splitBackupArg(args), { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help")
        return 0;
      return 2;
    }
    if (err instanceof UnspinError) {
      for (const line of err.lines()) io.stderr(`unspin: ${line}\n`);
      if (debug) io.stderr(`${err.stack ?? ""}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    io.stderr(`unspin: internal error: ${e.message ?? String(err)}${debug ? "" : " (run with --debug for details)"}\n`);
    if (debug) io.stderr(`${e.stack ?? ""}\n`);
    return 2;
  }
}

/** Entry point for bin/unspin.js and `tsx src/cli/cli.ts`. */
export async function run(): Promise<void> {
  // A reader that went away (| head) is not an error: stop quietly — unless --check asks for a
  // verdict, which is then worked out with the output thrown away.
  const argv = process.argv.slice(2);
  const io = processIo();
  const keepGoing = argv.includes("--check");
  let closed = false;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    if (!keepGoing) process.exit(0);
    closed = true;
  });
  const write = io.stdout;
  const drain = io.stdoutDrain;
  io.stdout = (s) => {
    if (!closed) write(s);
  };
  io.stdoutDrain = async (s) => {
    if (!closed && drain) await drain(s);
  };
  // Nobody reads stderr any more (2>&1 | head): the messages are lost, the work goes on (--write).
  process.stderr.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
  });
  process.exitCode = await main(argv, io);
}

function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? "") === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) void run();
