/**
 * Restoring many files at once: `--jobs N` runs N-1 worker threads beside the main thread, each
 * with its own copy of the (lazily loaded) dictionary; results come back in input order, so the
 * output is the same whatever N is.
 */
import type { Dictionary } from "./dictionary.js";
import { restore } from "./engine.js";
import type { FileResult } from "./format/types.js";
import { UnspinError } from "./errors.js";
import { InputRefused, asRefusal, readText } from "./input.js";

export interface WorkerSetup {
  packs: string[];
  cwd: string;
  noFindings: boolean;
}

export interface WorkRequest {
  i: number;
  file: string;
}

/** A failed file: a refused input (reported, the run goes on) or an error that ends the run. */
export interface Failure {
  error: string;
  /** The InputRefused kind ("binary", "encoding", "fs", "size"), when the input was refused. */
  refused?: string;
}

export type WorkReply = { i: number; result: FileResult } | ({ i: number } & Failure);

/** A failure as data that crosses threads (errors do not keep their class there). */
export function failure(err: unknown): Failure {
  const refused = err instanceof RangeError ? undefined : asRefusal(err);
  if (refused) return { error: refused.message, refused: refused.kind };
  return { error: err instanceof Error ? err.message : String(err) };
}

/** Back to an error on this side: InputRefused for a refused input. */
export function failureError(f: Failure): Error {
  return f.refused ? new InputRefused(f.error, f.refused as InputRefused["kind"]) : new UnspinError(f.error);
}

export function restoreFile(file: string, dict: Dictionary, opts: { noFindings: boolean }): FileResult {
  const input = readText(file);
  return { name: file, input, ...restore(input, dict, { noFindings: opts.noFindings }) };
}

export type Outcome = { result: FileResult } | Failure;

/**
 * Restore `files` with `jobs` threads (the main thread counts as one); `onOutcome` is called in
 * input order. Resolves when every file is done.
 */
export async function restoreMany(
  files: readonly string[], dict: Dictionary, setup: WorkerSetup, jobs: number,
  onOutcome: (i: number, outcome: Outcome) => void | Promise<void>,
): Promise<void> {
  const outcomes = new Map<number, Outcome>();
  let nextToEmit = 0;
  let nextToTake = 0;
  let emitting = Promise.resolve();
  const settle = (i: number, o: Outcome): void => {
    outcomes.set(i, o);
    emitting = emitting.then(async () => {
      while (outcomes.has(nextToEmit)) {
        const out = outcomes.get(nextToEmit) as Outcome;
        outcomes.delete(nextToEmit);
        await onOutcome(nextToEmit++, out);
      }
    });
  };
  const take = (): number | undefined => (nextToTake < files.length ? nextToTake++ : undefined);
  const runLocal = (i: number): void => {
    try {
      settle(i, { result: restoreFile(files[i], dict, setup) });
    } catch (err) {
      settle(i, failure(err));
    }
  };

  const workerCount = Math.max(0, Math.min(jobs - 1, files.length - 1));
  // the compiled worker (under a TypeScript test runner, this module is src/*.ts: use dist/)
  const workerUrl = import.meta.url.endsWith(".ts") ? new URL("../dist/worker.js", import.meta.url) : new URL("./worker.js", import.meta.url);
  const { Worker } = workerCount > 0 ? await import("node:worker_threads") : { Worker: undefined }; // only when threads are wanted
  const workers = Worker ? Array.from({ length: workerCount }, () => new Worker(workerUrl, { workerData: setup })) : [];
  const done = workers.map((w) => new Promise<void>((resolve, reject) => {
    const feed = (): void => {
      const i = take();
      if (i === undefined) {
        void w.terminate().then(() => resolve());
        return;
      }
      w.postMessage({ i, file: files[i] } satisfies WorkRequest);
    };
    w.on("message", (reply: WorkReply) => {
      settle(reply.i, "result" in reply ? { result: reply.result } : { error: reply.error, refused: reply.refused });
      feed();
    });
    w.on("error", reject);
    feed();
  }));
  // the main thread works too, yielding between files so replies are handled
  for (let i = take(); i !== undefined; i = take()) {
    runLocal(i);
    await new Promise<void>((r) => setImmediate(r));
  }
  await Promise.all(done);
  await emitting;
}
