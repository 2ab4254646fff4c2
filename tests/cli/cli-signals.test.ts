/**
 * SIGINT/SIGTERM during --write, through the real CLI: whatever the moment, each file is either
 * its old text or its new one (never partial), no temp file is left behind, and the files not
 * reached are untouched. A signal that lands while a file is being written takes effect right
 * after its rename (exit 130/143 and one `unspin:` line); elsewhere the process stops at once.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { STACK_PATTERNS, tempLeftovers, unspinAsync, useScratch } from "../cli-support.js";

const s = useScratch();
let cwd: string;
beforeAll(() => {
  cwd = s.dir;
});

const LINE_OLD = "The chilly struggle ended final yr, and nothing else happened here at all today.\n";
const LINE_NEW = "The Cold War ended last year, and nothing else happened here at all today.\n";

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * When to send the signal: at once (before the program can have done anything), after a delay
 * (any moment at all: only what must hold whatever the moment is checked then), as soon as the
 * program's stderr matches (it reports each file once that file is written), or as soon as
 * `files()` holds (polled: what the program has made on disk).
 */
type Trigger = { now: true } | { afterMs: number } | { stderr: RegExp } | { files: () => boolean };

/** Run the CLI and signal it when `trigger` says. */
function runAndSignal(
  args: string[],
  trigger: Trigger,
  sig: NodeJS.Signals,
  env: NodeJS.ProcessEnv = {},
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = unspinAsync(args, { cwd, env });
    let stderr = "";
    let sent = false;
    const send = (): void => {
      if (sent) return;
      sent = true;
      child.kill(sig);
    };
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
      if ("stderr" in trigger && trigger.stderr.test(stderr)) send();
    });
    child.stdout?.resume();
    let timer: NodeJS.Timeout | undefined;
    if ("now" in trigger) send();
    else if ("afterMs" in trigger) timer = setTimeout(send, trigger.afterMs);
    else if ("files" in trigger)
      timer = setInterval(() => {
        if (trigger.files()) send();
      }, 5);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      resolve({ status, signal, stderr });
    });
  });
}

function checkStderr(o: Outcome): void {
  for (const p of STACK_PATTERNS) expect(o.stderr).not.toMatch(p);
  for (const l of o.stderr.split("\n").filter(Boolean)) expect(l).toMatch(/^unspin: /);
}

describe("a signal during --write leaves every file old or new", () => {
  // Each test's processes are many and large: a loaded machine makes them slow, never wrong.
  it("one large file, SIGINT at any moment: old or new, never partial, no temp file; both ends reached", async () => {
    const reps = Math.ceil(4e6 / LINE_OLD.length);
    const oldText = LINE_OLD.repeat(reps);
    const newText = LINE_NEW.repeat(reps);
    const file = path.join(cwd, "big.txt");
    const stateAfter = async (trigger: Trigger, what: string): Promise<string> => {
      writeFileSync(file, oldText);
      const o = await runAndSignal(["--write", "big.txt"], trigger, "SIGINT");
      const now = readFileSync(file, "utf8");
      const state = now === oldText ? "old" : now === newText ? "new" : "PARTIAL";
      expect(state, `after SIGINT ${what}`).not.toBe("PARTIAL");
      expect(tempLeftovers(cwd), `after SIGINT ${what}`).toEqual([]);
      if (o.status === 130)
        expect(o.stderr).toMatch(/^unspin: stopped by SIGINT after 1 file written; files not reached are unchanged$/m);
      checkStderr(o);
      return state;
    };
    // moments spread over a run: whichever they hit (that depends on the machine), the invariants hold
    for (const delay of [40, 90, 150, 250, 400, 600, 900, 1300]) await stateAfter({ afterMs: delay }, `at ${delay} ms`);
    // both ends, made certain by the program's own progress rather than by the clock: a signal
    // before it has started leaves the file old; one after it reported the file written, new
    expect(await stateAfter({ now: true }, "at once")).toBe("old");
    expect(await stateAfter({ stderr: /^unspin: restored big\.txt /m }, "after the report")).toBe("new");
  }, 300_000);

  it("many files, SIGINT and SIGTERM at any moment: the written files are a prefix, the rest untouched", async () => {
    const names = Array.from({ length: 24 }, (_, i) => `f${String(i).padStart(2, "0")}.txt`);
    const oldText = LINE_OLD.repeat(2500); // ~200 KB each
    const newText = LINE_NEW.repeat(2500);
    const statesAfter = async (sig: NodeJS.Signals, trigger: Trigger, what: string): Promise<string> => {
      for (const n of names) writeFileSync(path.join(cwd, n), oldText);
      const o = await runAndSignal(["--write", ...names], trigger, sig);
      const states = names
        .map((n) => {
          const t = readFileSync(path.join(cwd, n), "utf8");
          return t === oldText ? "o" : t === newText ? "n" : "P";
        })
        .join("");
      expect(states, `${sig} ${what}`).toMatch(/^n*o*$/);
      expect(tempLeftovers(cwd), `${sig} ${what}`).toEqual([]);
      if (o.status === 130 || o.status === 143) {
        expect(o.stderr).toContain(`unspin: stopped by ${sig} after ${states.split("n").length - 1} file`);
      }
      checkStderr(o);
      return states;
    };
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      for (const delay of [60, 200, 350, 500, 700, 1000]) await statesAfter(sig, { afterMs: delay }, `at ${delay} ms`);
      // after the program reported its 6th file: at least those 6 are written (how many more, before
      // the signal lands, is the machine's business)
      const states = await statesAfter(sig, { stderr: /^unspin: restored f05\.txt /m }, "after the 6th report");
      expect(states).toMatch(/^n{6,}o*$/);
    }
  }, 600_000);

  // The moment that matters most, made certain: the temp file is complete, the rename not yet done
  // (the CLI holds there when UNSPIN_TEST_PAUSE_BEFORE_RENAME is set).
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    it(`${sig} while the temp file waits for its rename: the write completes, then exit ${sig === "SIGINT" ? 130 : 143}`, async () => {
      const oldText = LINE_OLD.repeat(1000);
      writeFileSync(path.join(cwd, "held.txt"), oldText);
      writeFileSync(path.join(cwd, "later.txt"), oldText);
      // the hold is long so that the test, however loaded the machine, sees the temp file and
      // signals within it; the signal ends the hold no sooner (the CLI sleeps through it)
      const o = await runAndSignal(
        ["--write", "--backup", "held.txt", "later.txt"],
        { files: () => readdirSync(cwd).some((f) => f.startsWith(".held.txt.") && f.endsWith(".tmp")) },
        sig,
        { UNSPIN_TEST_PAUSE_BEFORE_RENAME: "4000" },
      );
      expect(o.status).toBe(sig === "SIGINT" ? 130 : 143);
      expect(readFileSync(path.join(cwd, "held.txt"), "utf8")).toBe(LINE_NEW.repeat(1000));
      expect(readFileSync(path.join(cwd, "held.txt.orig"), "utf8")).toBe(oldText);
      expect(readFileSync(path.join(cwd, "later.txt"), "utf8")).toBe(oldText);
      expect(tempLeftovers(cwd)).toEqual([]);
      expect(o.stderr).toBe(
        `unspin: restored held.txt (2000 restorations; backup held.txt.orig)\nunspin: stopped by ${sig} after 1 file written; files not reached are unchanged\n`,
      );
    }, 120_000);
  }
});
