/**
 * SIGINT/SIGTERM during --write, through the real CLI: whatever the moment, each file is either
 * its old text or its new one (never partial), no temp file is left behind, and the files not
 * reached are untouched. A signal that lands while a file is being written takes effect right
 * after its rename (exit 130/143 and one `unspin:` line); elsewhere the process stops at once.
 */
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { STACK_PATTERNS, tempLeftovers, unspinAsync, useScratch } from "./cli-support.js";

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

/** Run the CLI; signal it after `delayMs`, or as soon as `when()` holds (polled). */
function runAndSignal(
  args: string[],
  delayMs: number,
  sig: NodeJS.Signals,
  env: NodeJS.ProcessEnv = {},
  when?: () => boolean,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = unspinAsync(args, { cwd, env });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout?.resume();
    const timer = when
      ? setInterval(() => {
          if (when()) {
            clearInterval(timer);
            child.kill(sig);
          }
        }, 5)
      : setTimeout(() => child.kill(sig), delayMs);
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
  it("one large file, SIGINT at varying delays", async () => {
    const reps = Math.ceil(4e6 / LINE_OLD.length);
    const oldText = LINE_OLD.repeat(reps);
    const newText = LINE_NEW.repeat(reps);
    const seen = new Set<string>();
    for (const delay of [0, 40, 90, 150, 250, 400, 600, 900, 1300, 5000]) {
      const file = path.join(cwd, "big.txt");
      writeFileSync(file, oldText);
      const o = await runAndSignal(["--write", "big.txt"], delay, "SIGINT");
      const now = readFileSync(file, "utf8");
      const state = now === oldText ? "old" : now === newText ? "new" : "PARTIAL";
      seen.add(`${state} (${o.signal ?? o.status})`);
      expect(state, `after SIGINT at ${delay} ms`).not.toBe("PARTIAL");
      expect(tempLeftovers(cwd), `after SIGINT at ${delay} ms`).toEqual([]);
      if (o.status === 130)
        expect(o.stderr).toMatch(/^unspin: stopped by SIGINT after 1 file written; files not reached are unchanged$/m);
      checkStderr(o);
    }
    // both ends are reached: stopped before writing (old), and left to finish (new)
    expect([...seen].some((x) => x.startsWith("old"))).toBe(true);
    expect([...seen].some((x) => x.startsWith("new"))).toBe(true);
  }, 120_000);

  it("many files, SIGINT and SIGTERM at varying delays: the written files are a prefix, the rest untouched", async () => {
    const names = Array.from({ length: 24 }, (_, i) => `f${String(i).padStart(2, "0")}.txt`);
    const oldText = LINE_OLD.repeat(2500); // ~200 KB each
    const newText = LINE_NEW.repeat(2500);
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      for (const delay of [60, 200, 350, 500, 700, 1000]) {
        for (const n of names) writeFileSync(path.join(cwd, n), oldText);
        const o = await runAndSignal(["--write", ...names], delay, sig);
        const states = names
          .map((n) => {
            const t = readFileSync(path.join(cwd, n), "utf8");
            return t === oldText ? "o" : t === newText ? "n" : "P";
          })
          .join("");
        expect(states, `${sig} at ${delay} ms`).toMatch(/^n*o*$/);
        expect(tempLeftovers(cwd), `${sig} at ${delay} ms`).toEqual([]);
        if (o.status === 130 || o.status === 143) {
          expect(o.stderr).toContain(`unspin: stopped by ${sig} after ${states.split("n").length - 1} file`);
        }
        checkStderr(o);
      }
    }
  }, 180_000);

  // The moment that matters most, made certain: the temp file is complete, the rename not yet done
  // (the CLI holds there when UNSPIN_TEST_PAUSE_BEFORE_RENAME is set).
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    it(`${sig} while the temp file waits for its rename: the write completes, then exit ${sig === "SIGINT" ? 130 : 143}`, async () => {
      const oldText = LINE_OLD.repeat(1000);
      writeFileSync(path.join(cwd, "held.txt"), oldText);
      writeFileSync(path.join(cwd, "later.txt"), oldText);
      const o = await runAndSignal(
        ["--write", "--backup", "held.txt", "later.txt"],
        0,
        sig,
        { UNSPIN_TEST_PAUSE_BEFORE_RENAME: "400" },
        () => readdirSync(cwd).some((f) => f.startsWith(".held.txt.") && f.endsWith(".tmp")),
      );
      expect(o.status).toBe(sig === "SIGINT" ? 130 : 143);
      expect(readFileSync(path.join(cwd, "held.txt"), "utf8")).toBe(LINE_NEW.repeat(1000));
      expect(readFileSync(path.join(cwd, "held.txt.orig"), "utf8")).toBe(oldText);
      expect(readFileSync(path.join(cwd, "later.txt"), "utf8")).toBe(oldText);
      expect(tempLeftovers(cwd)).toEqual([]);
      expect(o.stderr).toBe(
        `unspin: restored held.txt (2000 restorations; backup held.txt.orig)\nunspin: stopped by ${sig} after 1 file written; files not reached are unchanged\n`,
      );
    }, 30_000);
  }
});
