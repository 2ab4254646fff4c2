/**
 * The signal guard of `--write`: SIGINT/SIGTERM are held while a file is being written (backup,
 * temp file, rename) and take effect right after; temp files still registered in `pending` are
 * removed then. Outside a write the default action applies.
 */
import { unlinkSync } from "node:fs";
import path from "node:path";

/** Temp files of the write in progress: removed by the guard if they are still there after it. */
export const pending = new Set<string>();

export function tempName(target: string, tag: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${tag}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
}

export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * Tests only: UNSPIN_TEST_PAUSE_BEFORE_RENAME=MS holds each write for MS milliseconds with its temp
 * file complete and not yet renamed, so a test can signal the process at exactly that moment.
 */
export function testPause(): void {
  const ms = Number(process.env.UNSPIN_TEST_PAUSE_BEFORE_RENAME ?? 0);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Let the event loop go round, so a signal that came during a write is handled now. Two
 * setImmediate turns: the first may run in the current turn's check phase, before any poll; the
 * second runs after the next poll phase, where signals are delivered.
 */
export async function tick(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

export type Signal = "SIGINT" | "SIGTERM";

/** Run `write` with SIGINT/SIGTERM held until it is complete; report a signal that came meanwhile. */
export async function guarded(write: () => void, onSignal: (sig: Signal) => void): Promise<void> {
  let caught: Signal | undefined;
  const onInt = (): void => {
    caught ??= "SIGINT";
  };
  const onTerm = (): void => {
    caught ??= "SIGTERM";
  };
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  let failure: unknown;
  try {
    write();
  } catch (err) {
    failure = err;
  }
  await tick(); // a signal that came during write() is delivered here
  process.removeListener("SIGINT", onInt);
  process.removeListener("SIGTERM", onTerm);
  for (const t of pending) removeQuietly(t);
  pending.clear();
  if (caught) onSignal(caught);
  if (failure !== undefined) throw failure;
}
