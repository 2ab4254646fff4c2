/**
 * Big inputs through the real CLI, with the peak RSS measured. The normal suite runs a 5 MB single
 * line; UNSPIN_BIG=1 adds a 200 MB file and a 50 MB single line (minutes, not for every CI run):
 *   UNSPIN_BIG=1 npx vitest run tests/cli/cli-big.test.ts
 * Each case prints `big: case, size, seconds, peak RSS`; docs-snippets/robustness.md states them.
 *
 * The text is dense spun text (two restorations per 80 characters), the worst case for edits.
 */
import { readFileSync, statSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { BIG_LINE_RESTORED, expectCleanStderr, measure, useScratch, writeSpunFile } from "../cli-support.js";
import type { Measured } from "../cli-support.js";

const s = useScratch("unspin-big-");
let cwd: string;
beforeAll(() => {
  cwd = s.dir;
});

const BIG = process.env.UNSPIN_BIG === "1";

function log(what: string, input: { size: number }, m: Measured): void {
  const mb = (input.size / 1e6).toFixed(0);
  console.log(
    `big: ${what.padEnd(28)} ${mb.padStart(4)} MB  ${String(m.seconds).padStart(6)} s  peak RSS ${m.rssMiB} MiB`,
  );
}

describe("a 5 MB single line (always run)", () => {
  it("--format text streams it: right output, peak RSS under 300 MiB", () => {
    const big = writeSpunFile(cwd, "line5.txt", 5e6, true);
    const { reps } = big;
    const m = measure(["-f", "text", "line5.txt"], { cwd, keepStdout: true });
    log("5 MB line, text", big, m);
    expect(m.status).toBe(0);
    expectCleanStderr(m.stderr, 0);
    expect(m.stdout.length).toBe((BIG_LINE_RESTORED.length + 1) * reps + 1);
    expect(m.stdout.startsWith(`${BIG_LINE_RESTORED} ${BIG_LINE_RESTORED} `)).toBe(true);
    expect(m.stdout.endsWith(`${BIG_LINE_RESTORED} \n`)).toBe(true);
    expect(m.rssMiB).toBeLessThan(300);
  }, 120_000);

  it("--write restores it whole: right file, peak RSS under 600 MiB", () => {
    const big = writeSpunFile(cwd, "line5w.txt", 5e6, true);
    const { file, reps } = big;
    const m = measure(["--write", "line5w.txt"], { cwd });
    log("5 MB line, --write", big, m);
    expect(m.status).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.length).toBe((BIG_LINE_RESTORED.length + 1) * reps + 1);
    expect(text.slice(0, 200)).toBe(`${BIG_LINE_RESTORED} `.repeat(3).slice(0, 200));
    expect(m.rssMiB).toBeLessThan(600);
  }, 120_000);

  it("the default diff format: exit 0, peak RSS under 600 MiB", () => {
    const big = writeSpunFile(cwd, "line5d.txt", 5e6, true);
    const m = measure(["line5d.txt"], { cwd });
    log("5 MB line, diff", big, m);
    expect(m.status).toBe(0);
    expect(m.rssMiB).toBeLessThan(600);
  }, 120_000);
});

/** The UNSPIN_BIG cases: [label, file size, one line?, CLI args before the file, RSS bound in MiB or none]. */
const BIG_CASES: [string, number, boolean, string[], number | undefined][] = [
  ["200 MB file, text", 200e6, false, ["-f", "text"], 400], // streams: bounded by the window, not the input
  ["200 MB file, --write", 200e6, false, ["--write"], 400], // over 8 MB: streams into the temp file
  ["200 MB file, diff", 200e6, false, [], undefined],
  ["50 MB line, text", 50e6, true, ["-f", "text"], 400],
  ["50 MB line, --write", 50e6, true, ["--write"], 400],
  ["50 MB line, diff", 50e6, true, [], undefined],
];

describe.skipIf(!BIG)("UNSPIN_BIG=1: a 200 MB file and a 50 MB single line", () => {
  for (const [label, size, oneLine, args, bound] of BIG_CASES) {
    it(label, () => {
      const big = writeSpunFile(cwd, "big.txt", size, oneLine);
      const m = measure([...args, "big.txt"], { cwd });
      log(label, big, m);
      expect(m.status).toBe(0);
      expectCleanStderr(m.stderr, args.includes("--write") ? 2 : 0);
      if (args.includes("--write"))
        expect(statSync(big.file).size).toBe((BIG_LINE_RESTORED.length + 1) * big.reps + (oneLine ? 1 : 0));
      if (bound !== undefined) expect(m.rssMiB).toBeLessThan(bound);
    }, 900_000);
  }
});
