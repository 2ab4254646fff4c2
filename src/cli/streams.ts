/**
 * The runs of `unspin` that stream: --format text (each input in bounded memory, windows on threads
 * with an explicit --jobs) and --format jsonl (records line by line); and the options of a restore
 * run that they share with cli.ts.
 */
import { statSync } from "node:fs";
import type { Dictionary } from "../dictionary/build.js";
import { restoreRange } from "../engine/restore.js";
import type { ExitCode } from "../errors.js";
import type { InputTally } from "../io/input.js";
import { outWriter } from "../io/io.js";
import type { Io } from "../io/io.js";
import { checkReadable, textPieces } from "../io/source.js";
import { restoreJsonl } from "../run/jsonl.js";
import { WindowPool } from "../run/parallel.js";
import type { Progress } from "../run/progress.js";
import { STREAM_ABOVE, restoreStream, restoreStreamParallel } from "../run/stream.js";
import type { WindowRunner } from "../run/stream.js";
import type { MarkupOption } from "../text/markup.js";
import { packList } from "./config.js";

export const FORMATS = ["diff", "unified", "text", "json", "jsonl", "sarif", "github", "compact", "summary"] as const;
export type Format = (typeof FORMATS)[number];

export interface RestoreOpts {
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
  /** --markup: how the prose of an input is found (auto: by its extension). */
  markup: MarkupOption;
  /** -q: no output; the exit code says it all. */
  quiet?: boolean;
}

export const DOCUMENT_MODES = ["auto", "spun", "clean"] as const;

/** The engine's `document` option from --document (auto: undefined, the engine judges). */
export function documentMode(opts: RestoreOpts): "spun" | "clean" | undefined {
  return opts.document === "spun" || opts.document === "clean" ? opts.document : undefined;
}

/**
 * --format text: each input streams through in bounded memory. With an explicit --jobs above 1,
 * the windows of a large input are restored on worker threads, a few at a time (threads start
 * only for an input of more than one window; each costs a heap of its own).
 */
export async function streamText(
  inputs: string[],
  dict: Dictionary,
  opts: RestoreOpts,
  io: Io,
  tally: InputTally,
  jobs: number,
  progress: Progress,
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
        const source = io.stderrIsTTY && isLarge(name) ? measured(textPieces(name), name, progress) : textPieces(name);
        // one input on several threads only when asked for: it trades memory (a heap per thread) for speed
        const pieces =
          jobs > 1 && opts.jobs !== undefined
            ? restoreStreamParallel(source, dict, sopts, run, jobs * 2)
            : restoreStream(source, dict, sopts);
        for await (const piece of pieces) {
          restorations += piece.restorations;
          findings += piece.findings;
          if (piece.text) await write(piece.text);
        }
        progress.clear();
      });
    }
  } finally {
    if (pool) await (await pool).close();
  }
  return { restorations, findings };
}

/** The pieces of a large file, reporting the bytes read so far to the progress bar. */
async function* measured(pieces: AsyncIterable<string>, name: string, progress: Progress): AsyncGenerator<string> {
  const total = statSync(name).size;
  let done = 0;
  for await (const p of pieces) {
    done += Buffer.byteLength(p);
    progress.bytes(name, done, total);
    yield p;
  }
}

/** --format jsonl: records line by line, each a document of its own. */
export async function runJsonl(
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

/** --context: a whole number of characters ≥ 0. */

export function isLarge(file: string): boolean {
  try {
    return statSync(file).size > STREAM_ABOVE;
  } catch {
    return false; // reported when it is read
  }
}
