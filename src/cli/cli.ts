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
import { InputTail, formatDiff, streamDiff } from "../format/diff.js";
import { JsonWriter, addSummaries } from "../format/json.js";
import type { FileResult } from "../format/types.js";
import { summarize, summaryLine } from "../format/types.js";
import type { Summary } from "../format/types.js";
import { formatUnified } from "../format/unified.js";
import { InputTally } from "../io/input.js";
import { checkWriteUsage, runWrite, splitBackupArg } from "../run/write.js";
import { checkReadable, textPieces } from "../io/source.js";
import { STREAM_ABOVE, restoreStream, restoreStreamParallel, withVerdict } from "../run/stream.js";
import { restore, restoreRange } from "../engine/restore.js";
import type { WindowRunner } from "../run/stream.js";
import { restoreJsonl } from "../run/jsonl.js";
import { WindowPool, failureError, restoreMany } from "../run/parallel.js";
import { Progress } from "../run/progress.js";
import { availableParallelism } from "node:os";
import { createReadStream, statSync } from "node:fs";
import type { Dictionary } from "../dictionary/build.js";
import { loadDictionary } from "../dictionary/packs.js";
import { registerDict } from "./commands/dict.js";
import { registerExplain } from "./commands/explain.js";
import { packList } from "./config.js";
import { registerEval } from "./commands/eval.js";
import { makeChalk, outWriter, processIo } from "../io/io.js";
import type { Io, SetExit } from "../io/io.js";
import { VERSION } from "../io/version.js";

const FORMATS = ["diff", "unified", "text", "json", "jsonl"] as const;
type Format = (typeof FORMATS)[number];

const EXAMPLES = `
Examples:
  $ unspin article.txt                      word diff of what would be restored
  $ unspin --format text article.txt > restored.txt
  $ curl -s https://example.com/post | unspin -f text -
  $ unspin --format unified article.txt | patch -p1
  $ unspin --dict science paper.txt         add the tortured-phrases pack
  $ unspin --dict ./my-terms.yaml a.txt b.txt
  $ unspin --check drafts/*.txt             exit 1 if anything looks spun
  $ unspin -l scraped/*.txt                 the names of the files judged spun
  $ unspin --format json a.txt | jq '.files[0].spun'   the spinner score and its evidence
  $ unspin --format json article.txt | jq '.files[0].edits[] | {spun, replacement, entry}'
  $ unspin dict test                        run every pack's examples and allows
  $ unspin explain "chilly struggle"        which entries match, and why they act or not

Exit codes: 0 ok, 1 --check found spun text (or a dictionary test failed), 2 bad input or usage.
Colour follows NO_COLOR / FORCE_COLOR, --no-color, and is off when output is not a terminal.`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface RestoreOpts {
  format: Format;
  dict: string[];
  defaultPacks: boolean;
  /** false with --no-config: ignore .unspinrc.yaml. */
  config: boolean;
  check?: boolean;
  color?: boolean;
  findings: boolean;
  context: string;
  write?: boolean;
  backup?: boolean;
  backupSuffix?: string;
  jobs?: string;
  /** -l: print the names of the files judged spun, nothing else. */
  listSpun?: boolean;
  /** --document: auto (judge each document from its hits), spun or clean. */
  document: string;
}

const DOCUMENT_MODES = ["auto", "spun", "clean"] as const;

/** The engine's `document` option from --document (auto: undefined, the engine judges). */
function documentMode(opts: RestoreOpts): "spun" | "clean" | undefined {
  return opts.document === "spun" || opts.document === "clean" ? opts.document : undefined;
}

/**
 * --format text: each input streams through in bounded memory. With an explicit --jobs above 1,
 * the windows of a large input are restored on worker threads, a few at a time (threads start
 * only for an input of more than one window; each costs a heap of its own).
 */
async function streamText(
  inputs: string[],
  dict: Dictionary,
  opts: RestoreOpts,
  io: Io,
  tally: InputTally,
  jobs: number,
): Promise<{ restorations: number; findings: number }> {
  let restorations = 0;
  let findings = 0;
  const write = outWriter(io);
  const document = documentMode(opts);
  const sopts = { noFindings: !opts.findings, lean: true, document };
  // jobs - 1 threads, and this thread takes every jobs-th window itself
  let pool: Promise<WindowPool> | undefined;
  let turn = 0;
  const run: WindowRunner = async (w, from, to) => {
    if (turn++ % jobs === jobs - 1)
      return restoreRange(w, dict, { from, to, lean: true, noFindings: !opts.findings, document });
    pool ??= WindowPool.start(
      { packs: packList(opts, io.cwd), cwd: io.cwd, noFindings: !opts.findings, document },
      jobs - 1,
    );
    return (await pool).run(w, from, to);
  };
  try {
    for (const name of inputs) {
      await tally.attempt(async () => {
        checkReadable(name);
        // one input on several threads only when asked for: it trades memory (a heap per thread) for speed
        const pieces =
          jobs > 1 && opts.jobs !== undefined
            ? restoreStreamParallel(textPieces(name), dict, sopts, run, jobs * 2)
            : restoreStream(textPieces(name), dict, sopts);
        for await (const piece of pieces) {
          restorations += piece.restorations;
          findings += piece.findings;
          if (piece.text) await write(piece.text);
        }
      });
    }
  } finally {
    if (pool) await (await pool).close();
  }
  return { restorations, findings };
}

/** --format jsonl: records line by line, each a document of its own. */
async function runJsonl(
  inputs: string[],
  dict: Dictionary,
  opts: RestoreOpts,
  io: Io,
  tally: InputTally,
): Promise<ExitCode> {
  const write = outWriter(io);
  let found = 0;
  for (const name of inputs) {
    await tally.attempt(async () => {
      checkReadable(name);
      const s = await restoreJsonl(
        textPieces(name),
        name === "-" ? "<stdin>" : name,
        dict,
        !opts.findings,
        write,
        documentMode(opts),
      );
      found += s.restorations + s.findings;
    });
  }
  return tally.exitCode(opts.check && found > 0 ? 1 : 0);
}

async function runRestore(files: string[], opts: RestoreOpts, io: Io): Promise<ExitCode> {
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
      { backup, noFindings: !opts.findings, check: opts.check, document: documentMode(opts) },
      io,
    );
  // a refused input is reported and skipped; the others go on (exit rule: InputTally)
  const tally = new InputTally(io.stderr);
  const jobs = jobCount(opts.jobs);
  const progress = new Progress(io, inputs.length);
  if (opts.format === "jsonl" && !opts.listSpun) return runJsonl(inputs, dict, opts, io, tally);
  if (opts.format === "text" && !opts.listSpun && (inputs.includes("-") || inputs.some(isLarge))) {
    const s = await streamText(inputs, dict, opts, io, tally, jobs);
    return tally.exitCode(opts.check && s.restorations + s.findings > 0 ? 1 : 0);
  }
  // whole files, on `jobs` threads, results in input order: each is written out as soon as it and
  // those before it are done, so memory holds a file or a few, never the whole run's results. With
  // -f json, an input too large to restore whole (STREAM_ABOVE) is restored window by window and
  // its edits are written as each window yields them.
  const write = outWriter(io);
  const chalk = makeChalk(io, opts.color);
  const json = opts.format === "json" && !opts.listSpun ? new JsonWriter(write) : undefined;
  // standard input streams too: up to STREAM_ABOVE it is restored whole (see below)
  const streamed = (f: string): boolean =>
    !opts.listSpun && (json !== undefined || opts.format === "diff") && (f === "-" || isLarge(f));
  const diffOpts = { chalk, headers: inputs.length > 1, context: Number(opts.context) };
  const summaries: Summary[] = [];
  const setup = {
    packs: packList(opts, io.cwd),
    cwd: io.cwd,
    noFindings: !opts.findings,
    textOnly: opts.format === "text" || opts.listSpun === true,
    document: documentMode(opts),
  };
  let listed = 0;
  const emit = async (r: FileResult): Promise<void> => {
    if (opts.listSpun) {
      // like grep -l: the names of the files judged spun, one a line, in input order
      if (r.spun?.spun) {
        listed++;
        await write(`${r.name === "-" ? "(standard input)" : r.name}\n`);
      }
    } else if (opts.format === "text")
      await write(r.text); // texts go out in order, as they come
    else if (json) await json.file(r);
    else if (opts.format === "unified") {
      const out = formatUnified([r]);
      if (out) await write(out);
    } else await write(formatDiff([r], diffOpts));
  };
  let threads = 1;
  for (let i = 0; i < inputs.length; ) {
    if (streamed(inputs[i])) {
      const name = inputs[i++];
      progress.tick();
      await tally.attempt(async () => {
        checkReadable(name);
        const sopts = { noFindings: !opts.findings, document: documentMode(opts) };
        let source: AsyncIterable<string> = textPieces(name);
        if (name === "-") {
          // standard input of a usual size is restored whole, as a file of that size is
          const head = await peek(source, STREAM_ABOVE);
          if (head.whole !== undefined) {
            const result: FileResult = { name, input: head.whole, ...restore(head.whole, dict, sopts) };
            summaries.push(summarize([result]));
            await emit(result);
            return;
          }
          source = head.rest;
        }
        if (json) {
          const { pieces, verdict } = withVerdict(restoreStream(source, dict, sopts));
          summaries.push(await json.streamed(name, pieces, verdict));
        } else {
          const input = new InputTail();
          const { pieces, verdict } = withVerdict(restoreStream(input.tee(source), dict, sopts));
          // the width of line numbers: from the file's last line; standard input's is not known
          const width = name === "-" ? 7 : await lineNumberWidth(name);
          summaries.push(await streamDiff(name, input, pieces, verdict, width, diffOpts, write));
        }
      }, name);
      continue;
    }
    let j = i;
    while (j < inputs.length && !streamed(inputs[j])) j++;
    const run = inputs.slice(i, j);
    i = j;
    const done = await restoreMany(
      run,
      dict,
      setup,
      threadsFor(run, jobs, opts.jobs !== undefined),
      async (_i, outcome) => {
        progress.tick();
        await tally.attempt(async () => {
          if (!("result" in outcome)) throw failureError(outcome);
          summaries.push(summarize([outcome.result]));
          await emit(outcome.result);
        });
      },
    );
    threads = Math.max(threads, done.threads);
  }
  const total = addUp(summaries);
  progress.done(summaries.length ? total : undefined, threads);
  if (opts.listSpun) return tally.exitCode(listed > 0 ? 0 : 1);
  const verdict = tally.exitCode(opts.check && total.restorations + total.findings > 0 ? 1 : 0);
  if (opts.format === "text") return verdict;
  // every input refused: no output; a file cut short by an error was closed with an "error", the JSON ends
  if (json) await json.end(addSummaries(summaries));
  else if (opts.format === "diff" && summaries.length > 1)
    await write(`${chalk.bold(`total: ${summaryLine(addSummaries(summaries))}`)}\n`);
  return verdict;
}

function addUp(list: readonly Summary[]): Summary {
  return list.reduce(
    (a, s) => ({
      files: a.files + s.files,
      words: a.words + s.words,
      restorations: a.restorations + s.restorations,
      findings: a.findings + s.findings,
      spun: a.spun + s.spun,
    }),
    { files: 0, words: 0, restorations: 0, findings: 0, spun: 0 },
  );
}

/**
 * The first pieces of `source`, up to `limit` characters: the whole text when it ends by then,
 * else `rest`, every piece (those read included).
 */
async function peek(
  source: AsyncIterable<string>,
  limit: number,
): Promise<{ whole?: string; rest: AsyncIterable<string> }> {
  const it = source[Symbol.asyncIterator]();
  const head: string[] = [];
  let size = 0;
  while (size <= limit) {
    const next = await it.next();
    if (next.done) return { whole: head.join(""), rest: source };
    head.push(next.value);
    size += next.value.length;
  }
  async function* rest(): AsyncGenerator<string> {
    yield* head;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  return { rest: rest() };
}

/** The width of the input's last line number (streamDiff's line numbers). */
async function lineNumberWidth(file: string): Promise<number> {
  let breaks = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) breaks++;
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  return String(Math.max(1, breaks + (last === 0x0a ? 0 : 1))).length;
}

function isLarge(file: string): boolean {
  try {
    return statSync(file).size > STREAM_ABOVE;
  } catch {
    return false; // reported when it is read
  }
}

/**
 * Threads for many files: as asked with an explicit --jobs; by default only when the inputs are
 * large enough together (8 MB) to repay starting threads, which costs more than small files take.
 */
function threadsFor(inputs: readonly string[], jobs: number, explicit: boolean): number {
  if (explicit || jobs === 1) return jobs;
  let total = 0;
  for (const f of inputs) {
    try {
      total += statSync(f).size;
    } catch {
      // reported when read
    }
    if (total >= STREAM_ABOVE) return jobs;
  }
  return 1;
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
      "threads: files restored in parallel (default: the number of cores); given explicitly, also the windows of one large input",
    )
    .option("--context <chars>", "diff: unchanged characters shown beside each edit", "40")
    .option("--color", "force colour")
    .option("--no-color", "no colour (also: NO_COLOR=1)")
    .option("--debug", "show stack traces of unexpected errors")
    .addHelpText("after", EXAMPLES)
    .showHelpAfterError("(run unspin --help for usage)")
    .action(async (files: string[], opts: RestoreOpts) => {
      setExit(await runRestore(files, opts, io));
    });

  registerDict(program, io, setExit);
  registerExplain(program, io, setExit);
  registerEval(program, io, setExit);
  return program;
}

/** Run the CLI; returns the exit code. */
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
    await program.parseAsync(splitBackupArg(argv), { from: "user" });
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
