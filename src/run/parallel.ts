/**
 * Restoring many files at once: `--jobs N` runs N-1 worker threads beside the main thread, each
 * with its own copy of the (lazily loaded) dictionary; results come back in input order, so the
 * output is the same whatever N is.
 */
import type { Dictionary } from "../dictionary/build.js";
import { LEAN_ENTRY } from "../engine/restore.js";
import { markupOf, restoreMarkup } from "./markup.js";
import type { MarkupOption } from "../text/markup.js";
import type { FileResult } from "../format/types.js";
import type { Edit } from "../types.js";
import { fromData, toData } from "../errors.js";
import type { ErrorData } from "../errors.js";
import { readText, tooLarge } from "../io/input.js";
import { PACKAGE_ROOT } from "../io/version.js";

export interface WorkerSetup {
  packs: string[];
  cwd: string;
  noFindings: boolean;
  /** Take every document as spun or clean instead of judging it (--document). */
  document?: "spun" | "clean";
  /** Only the restored text and counts are wanted (--format text): less to send between threads. */
  textOnly?: boolean;
  /** --markup: how an input's prose is found (auto: by its extension). */
  markup?: MarkupOption;
}

/** Files sent to a thread in batches: one message per file costs as much as a small file's work. */
export interface WorkRequest {
  batch: { i: number; file: string }[];
}

/**
 * A failed file or window, as data: the error's kind (a refused input is reported and the run goes
 * on; see isRefusal), message and hint; no kind: an internal error that ends the run.
 */
export interface Failure {
  error: ErrorData;
}

export type FileReply = { i: number; result: FileResult } | ({ i: number } & Failure);

export interface WorkReply {
  results: FileReply[];
}

/** A window of one large input, restored on a worker (see stream.ts). */
export interface WindowRequest {
  id: number;
  window: string;
  from: number;
  to: number;
}

export type WindowReply = { id: number; edits: PackedEdits; words: number } | ({ id: number } & Failure);

/** Edits as a thread sends them back: what the restored text needs, in flat arrays (cheap to copy). */
export interface PackedEdits {
  starts: Int32Array;
  ends: Int32Array;
  detect: Uint8Array;
  replacements: string[];
}

export function packEdits(edits: readonly Edit[]): PackedEdits {
  const n = edits.length;
  const p: PackedEdits = {
    starts: new Int32Array(n),
    ends: new Int32Array(n),
    detect: new Uint8Array(n),
    replacements: new Array<string>(n),
  };
  edits.forEach((e, i) => {
    p.starts[i] = e.start;
    p.ends[i] = e.end;
    p.detect[i] = e.detect ? 1 : 0;
    p.replacements[i] = e.replacement;
  });
  return p;
}

const NO_REASONS: string[] = [];

/** Back to lean edits (engine.ts' `lean`): what the restored text needs. */
export function unpackEdits(p: PackedEdits): Edit[] {
  return p.replacements.map((replacement, i) => ({
    start: p.starts[i],
    end: p.ends[i],
    line: 0,
    col: 0,
    spun: "",
    replacement,
    detect: p.detect[i] === 1,
    entry: LEAN_ENTRY,
    why: NO_REASONS,
  }));
}

/** The compiled worker (under a TypeScript test runner, this module is src/run/*.ts: use dist/). */
function workerUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("dist/worker.cjs", PACKAGE_ROOT)
    : new URL("./worker.cjs", import.meta.url);
}

/**
 * Worker threads that restore windows of one input (stream.ts' restoreStreamParallel): a window is
 * sent to the least busy worker; results come back as promises.
 */
export class WindowPool {
  private readonly workers: { w: import("node:worker_threads").Worker; busy: number }[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (r: { edits: Edit[]; words: number }) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;

  private constructor() {}

  static async start(setup: WorkerSetup, n: number): Promise<WindowPool> {
    const { Worker } = await import("node:worker_threads");
    const pool = new WindowPool();
    for (let k = 0; k < n; k++) {
      const w = new Worker(workerUrl(), { workerData: setup });
      const slot = { w, busy: 0 };
      w.on("message", (reply: WindowReply) => {
        slot.busy--;
        const p = pool.pending.get(reply.id);
        pool.pending.delete(reply.id);
        if (!p) return;
        if ("edits" in reply) p.resolve({ edits: unpackEdits(reply.edits), words: reply.words });
        else p.reject(failureError(reply));
      });
      w.on("error", (err) => {
        for (const p of pool.pending.values()) p.reject(err);
        pool.pending.clear();
      });
      pool.workers.push(slot);
    }
    return pool;
  }

  run(window: string, from: number, to: number): Promise<{ edits: Edit[]; words: number }> {
    const id = this.nextId++;
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      slot.w.postMessage({ id, window, from, to } satisfies WindowRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((s) => s.w.terminate()));
  }
}

/**
 * A failure as data that crosses threads (errors do not keep their class there). A RangeError while
 * restoring the input `file` whole (a string or Map past V8's limits) refuses that input only.
 */
export function failure(err: unknown, file?: string): Failure {
  return { error: toData(err instanceof RangeError && file !== undefined ? tooLarge(file, err) : err) };
}

/** Back to an error on this side: an UnspinError of the same kind, or a plain Error. */
export function failureError(f: Failure): Error {
  return fromData(f.error);
}

export function restoreFile(
  file: string,
  dict: Dictionary,
  opts: { noFindings: boolean; textOnly?: boolean; document?: "spun" | "clean"; markup?: MarkupOption },
): FileResult {
  const input = readText(file);
  const r = restoreMarkup(input, dict, markupOf(file === "-" ? "" : file, opts.markup), {
    noFindings: opts.noFindings,
    lean: opts.textOnly,
    document: opts.document,
  });
  if (!opts.textOnly) return { name: file, input, ...r };
  const restorations = r.edits.filter((e) => !e.detect).length;
  return {
    name: file,
    input: "",
    text: r.text,
    words: r.words,
    edits: [],
    spun: r.spun,
    counts: { restorations, findings: r.edits.length - restorations },
  };
}

export type Outcome = { result: FileResult } | Failure;

/** Hands outcomes to `onOutcome` in input order, whatever order they settle in. */
class InOrder {
  private readonly outcomes = new Map<number, Outcome>();
  private next = 0;
  /** Settles when every outcome settled so far has been handed on. */
  done: Promise<void> = Promise.resolve();

  constructor(private readonly onOutcome: (i: number, outcome: Outcome) => void | Promise<void>) {}

  settle(i: number, o: Outcome): void {
    this.outcomes.set(i, o);
    this.done = this.done.then(async () => {
      while (this.outcomes.has(this.next)) {
        const out = this.outcomes.get(this.next) as Outcome;
        this.outcomes.delete(this.next);
        await this.onOutcome(this.next++, out);
      }
    });
  }
}

type Worker = import("node:worker_threads").Worker;

/**
 * Keep worker `w` fed with batches of files from `take` until none are left, then end it. Batches
 * start at one file and double up to `maxBatch`: a thread is slow until its code warms up, and a
 * large first batch would keep the end of the run waiting on it.
 */
function runThread(
  w: Worker,
  files: readonly string[],
  take: () => number | undefined,
  maxBatch: number,
  settle: (i: number, o: Outcome) => void,
  worked: Set<Worker>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    let batchSize = 1;
    const feed = (): void => {
      // two batches in flight: the next waits in the thread's queue while it works on one
      while (inFlight < 2) {
        const batch: { i: number; file: string }[] = [];
        for (let i = take(); i !== undefined; i = batch.length < batchSize ? take() : undefined)
          batch.push({ i, file: files[i] });
        if (batch.length === 0) break;
        w.postMessage({ batch } satisfies WorkRequest);
        inFlight++;
      }
      if (inFlight === 0) void w.terminate().then(() => resolve());
    };
    w.on("message", (reply: WorkReply) => {
      inFlight--;
      worked.add(w);
      batchSize = Math.min(maxBatch, batchSize * 2);
      for (const r of reply.results) settle(r.i, "result" in r ? { result: r.result } : { error: r.error });
      feed();
    });
    w.on("error", reject);
    feed();
  });
}

/** How long this thread works alone before --jobs threads start (see restoreMany); UNSPIN_THREADS_AFTER_MS. */
const THREADS_AFTER_MS = ((v) => (Number.isFinite(v) && v >= 0 ? v : 100))(
  Number(process.env.UNSPIN_THREADS_AFTER_MS ?? "100"),
);

/**
 * Restore `files` with `jobs` threads (the main thread counts as one); `onOutcome` is called in
 * input order. Resolves when every file is done, with the number of threads that restored any.
 */
export async function restoreMany(
  files: readonly string[],
  dict: Dictionary,
  setup: WorkerSetup,
  jobs: number,
  onOutcome: (i: number, outcome: Outcome) => void | Promise<void>,
): Promise<{ threads: number }> {
  const order = new InOrder(onOutcome);
  const settle = (i: number, o: Outcome): void => order.settle(i, o);
  let nextToTake = 0;
  const take = (): number | undefined => (nextToTake < files.length ? nextToTake++ : undefined);
  const runLocal = (i: number): void => {
    try {
      settle(i, { result: restoreFile(files[i], dict, setup) });
    } catch (err) {
      settle(i, failure(err, files[i]));
    }
  };

  // jobs - 1 worker threads take batches of files; this thread takes files one at a time from the
  // same queue between their messages. The threads start only once this thread has worked for a
  // while: a thread's start-up and the compiling of its code take a core, and on a machine with few
  // cores that would leave this thread's own code uncompiled for longer; a run shorter than that
  // does not pay for a thread at all.
  const workerCount = jobs > 1 ? Math.min(jobs - 1, files.length - 1) : 0;
  const maxBatch = Math.max(1, Math.min(16, Math.floor(files.length / (jobs * 16))));
  const done: Promise<void>[] = [];
  const worked = new Set<import("node:worker_threads").Worker>();
  const startThreads = async (): Promise<void> => {
    const { Worker } = await import("node:worker_threads");
    for (let k = 0; k < workerCount; k++) {
      const w = new Worker(workerUrl(), { workerData: setup });
      done.push(runThread(w, files, take, maxBatch, settle, worked));
    }
  };
  const start = performance.now();
  let started = workerCount === 0;
  let since = start;
  for (let i = take(); i !== undefined; i = take()) {
    runLocal(i);
    const now = performance.now();
    if (!started && now - start >= THREADS_AFTER_MS && nextToTake < files.length) {
      started = true;
      await startThreads();
    }
    // let the threads' replies in (and feed them) every few milliseconds of work here
    if (started && workerCount > 0 && now - since > 2) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
  await Promise.all(done);
  await order.done;
  return { threads: 1 + worked.size };
}
