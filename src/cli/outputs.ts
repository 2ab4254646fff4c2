/**
 * The whole-file formats of a run (diff, json, unified, sarif, github, compact, summary, and text /
 * -l of small files): results come from restoreMany in input order, and diff, json, unified, summary,
 * text and -l are written out file by file as they come, so memory holds a file or a few, never the whole
 * run's results (sarif, github and compact still gather them). With -f json and the diff format, a
 * plain-text input too large to restore whole (STREAM_ABOVE), and standard input past that size,
 * is restored window by window: its JSON edits, or its diff lines, are written as the windows come.
 */
import { createReadStream, statSync } from "node:fs";
import type { Dictionary } from "../dictionary/build.js";
import { restore } from "../engine/restore.js";
import type { ExitCode } from "../errors.js";
import { formatCompact, formatGithub, formatSarif } from "../format/ci.js";
import { InputTail, formatDiff, streamDiff } from "../format/diff.js";
import { JsonWriter, addSummaries } from "../format/json.js";
import type { FileResult, Summary } from "../format/types.js";
import { summarize, summaryLine } from "../format/types.js";
import { formatScreeningLine } from "../format/screening.js";
import { formatUnified } from "../format/unified.js";
import type { InputTally } from "../io/input.js";
import { makeChalk, outWriter } from "../io/io.js";
import type { Io } from "../io/io.js";
import { textPieces, checkReadable } from "../io/source.js";
import { VERSION } from "../io/version.js";
import { failureError, restoreMany } from "../run/parallel.js";
import type { Progress } from "../run/progress.js";
import { STREAM_ABOVE, restoreStream, withVerdict } from "../run/stream.js";
import { markupOf } from "../text/markup.js";
import { packList } from "./config.js";
import { documentMode, isLarge } from "./streams.js";
import type { RestoreOpts } from "./streams.js";

export async function runWholeFiles(
  inputs: string[],
  dict: Dictionary,
  opts: RestoreOpts,
  io: Io,
  run: { tally: InputTally; progress: Progress; jobs: number; context: number },
): Promise<ExitCode> {
  const { tally, progress, jobs } = run;
  const write = outWriter(io);
  const chalk = makeChalk(io, opts.color);
  const json = opts.format === "json" && !opts.listSpun ? new JsonWriter(write) : undefined;
  const plain = (f: string): boolean => markupOf(f === "-" ? "" : f, opts.markup) === "text";
  // standard input streams too: up to STREAM_ABOVE it is restored whole (see below)
  const streamed = (f: string): boolean =>
    !opts.listSpun && (json !== undefined || opts.format === "diff") && plain(f) && (f === "-" || isLarge(f));
  const diffOpts = { chalk, headers: inputs.length > 1, context: run.context };
  const summaries: Summary[] = [];
  const gathered: FileResult[] = []; // sarif, github, compact
  const setup = {
    packs: packList(opts, io.cwd),
    cwd: io.cwd,
    noFindings: !opts.findings,
    textOnly: opts.format === "text" || opts.listSpun === true,
    document: documentMode(opts),
    markup: opts.markup,
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
      const out = formatUnified([r], io.cwd);
      if (out) await write(out);
    } else if (opts.format === "diff") await write(formatDiff([r], diffOpts));
    else if (opts.format === "summary") await write(formatScreeningLine(r));
    else gathered.push(r);
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
        const input = new InputTail();
        const { pieces, verdict } = withVerdict(restoreStream(input.tee(source), dict, sopts));
        if (json) summaries.push(await json.streamed(name, pieces, verdict, input));
        else {
          // the width of line numbers: from the file's last line; standard input's is not known
          const width = name === "-" ? 7 : await lineNumberWidth(name);
          summaries.push(await streamDiff(name, input, pieces, verdict, width, diffOpts, write));
        }
      }, name);
      continue;
    }
    let j = i;
    while (j < inputs.length && !streamed(inputs[j])) j++;
    const files = inputs.slice(i, j);
    i = j;
    const done = await restoreMany(
      files,
      dict,
      setup,
      threadsFor(files, jobs, opts.jobs !== undefined),
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
  const total = addSummaries(summaries);
  progress.done(summaries.length ? total : undefined, threads);
  if (opts.listSpun) return tally.exitCode(listed > 0 ? 0 : 1);
  const verdict = tally.exitCode(opts.check && total.restorations + total.findings > 0 ? 1 : 0);
  if (opts.format === "text") return verdict;
  // every input refused: no output; a file cut short by an error was closed with an "error", the JSON ends
  if (json) await json.end(total);
  else if (opts.format === "diff" && summaries.length > 1)
    await write(`${chalk.bold(`total: ${summaryLine(total)}`)}\n`);
  else if (gathered.length > 0) {
    if (opts.format === "sarif") io.stdout(formatSarif(gathered, VERSION, io.cwd));
    else if (opts.format === "github") io.stdout(formatGithub(gathered, io.cwd));
    else if (opts.format === "compact") io.stdout(formatCompact(gathered));
  }
  return verdict;
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
