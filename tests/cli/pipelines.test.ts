/** Many files, --jobs, --format jsonl, and the GNU parallel recipe of the README. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cli, fixture } from "../helpers.js";

const SEED = fixture("seed", "biden-putin-geneva.spun.txt");
const files = [
  SEED,
  fixture("news", "01-border-talks.spun.txt"),
  fixture("clean", "05-cup-final.txt"),
  fixture("news", "02-party-primary.spun.txt"),
];

/**
 * Every test here starts the CLI as a process, several times: on a loaded machine that takes far
 * longer than vitest's default without anything being wrong (a hang still fails).
 */
const PROCESSES = 180_000;

/** The `UNSPIN_SUMMARY=1` line of a run of `files` files: `... in S s`, maybe ` on N threads`. */
const summaryLine = (files: number): RegExp =>
  new RegExp(
    `^unspin: ${files} files, \\d+ words, \\d+ restorations(, \\d+ findings?)? in [\\d.]+ s(?<threads> on (?<n>\\d+) threads)?\n$`,
  );

/**
 * The number of threads a summary line names (1 when it names none), checked to be at most
 * `jobs`. How many threads restored files is a matter of timing (a thread that starts late on a
 * loaded machine may find the queue empty; one that starts early takes work), so any count from 2
 * to --jobs is right, and so is none.
 */
function threadsOf(stderr: string, files: number, jobs: number): number {
  expect(stderr).toMatch(summaryLine(files));
  const n = Number(summaryLine(files).exec(stderr)?.groups?.n ?? 1);
  expect(n, stderr).toBeLessThanOrEqual(jobs);
  return n;
}

describe("many files", { timeout: PROCESSES }, () => {
  // threads start once the main thread has worked 100 ms; these inputs are done sooner, so the
  // tests that are about threads let them start at once
  const threadsNow = { env: { UNSPIN_THREADS_AFTER_MS: "0" } };

  it("gives the same output whatever --jobs is, in input order", () => {
    for (const format of ["text", "json", "diff"]) {
      const one = cli(["-f", format, "--jobs", "1", ...files]);
      const two = cli(["-f", format, "--jobs", "2", ...files], threadsNow);
      expect(two.status).toBe(0);
      expect(two.stdout).toBe(one.stdout);
    }
    const text = cli(["-f", "text", "--jobs", "3", ...files], threadsNow).stdout;
    expect(text).toBe(files.map((f) => cli(["-f", "text", f]).stdout).join(""));
  });

  it("restores on at most --jobs threads, the same text, and starts none for a run shorter than the wait", () => {
    const many = [...files, ...files, ...files];
    const run = (jobs: number, env: Record<string, string>) =>
      cli(["-f", "text", "--jobs", String(jobs), ...many], { env: { UNSPIN_SUMMARY: "1", ...env } });
    const one = run(1, threadsNow.env);
    expect(threadsOf(one.stderr, many.length, 1)).toBe(1); // --jobs 1: never a thread
    for (const jobs of [2, 3]) {
      const r = run(jobs, threadsNow.env);
      expect(r.stdout).toBe(one.stdout);
      expect(threadsOf(r.stderr, many.length, jobs)).toBeLessThanOrEqual(jobs);
    }
    // a wait longer than any run of these files: no thread is started at all
    expect(threadsOf(run(2, { UNSPIN_THREADS_AFTER_MS: "600000" }).stderr, many.length, 2)).toBe(1);
  });

  it("reports a refused file and goes on with the others, in parallel too", () => {
    const r = cli(["-f", "text", "--jobs", "2", SEED, "missing.txt", fixture("clean", "05-cup-final.txt")], threadsNow);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("unspin: cannot read missing.txt: no such file\n");
    expect(r.stdout).toBe(
      cli(["-f", "text", SEED]).stdout + readFileSync(fixture("clean", "05-cup-final.txt"), "utf8"),
    );
  });

  it("refuses a --jobs that is not a whole number ≥ 1", () => {
    const r = cli(["--jobs", "0", SEED]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("unspin: --jobs takes a whole number ≥ 1, not '0'\n");
  });

  it("prints a final summary on stderr when asked (UNSPIN_SUMMARY=1)", () => {
    const r = cli(["-f", "json", "--jobs", "2", ...files], { env: { UNSPIN_SUMMARY: "1" } });
    expect(r.status).toBe(0);
    // threads may have started (the run took longer than their wait on a loaded machine) or not
    expect(threadsOf(r.stderr, 4, 2)).toBeLessThanOrEqual(2);
    expect(cli(["-f", "json", ...files]).stderr).toBe(""); // not asked, not a terminal: no summary
  });
});

describe("--format jsonl", { timeout: PROCESSES }, () => {
  const input = `${[
    JSON.stringify({ id: "a", text: "Relations are at their lowest point since the Chilly Struggle." }),
    JSON.stringify({ id: 7, text: "A clean sentence about the weather." }),
    "",
    JSON.stringify({ text: "the press convention" }),
  ].join("\n")}\n`;

  it("restores one record per line, each with its edits and score", () => {
    const r = cli(["-f", "jsonl"], { input });
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: unknown; text: string; edits: unknown[]; words: number; score: number });
    expect(out.map((o) => o.id)).toEqual(["a", 7, 4]);
    expect(out[0].text).toBe("Relations are at their lowest point since the Cold War.");
    expect(out[0].edits).toHaveLength(1);
    expect(out[0].score).toBeCloseTo(1 / out[0].words, 4);
    expect(out[1]).toMatchObject({ text: "A clean sentence about the weather.", edits: [], score: 0 });
    expect(out[2].text).toBe("the press conference");
  });

  it("names the line of a record that is not JSON, exit 2", () => {
    const r = cli(["-f", "jsonl"], { input: '{"text": "ok"}\n{not json\n' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^unspin: <stdin>:2: not a JSON object \(.*\)\n$/);
  });
});

const hasParallel = spawnSync("parallel", ["--version"]).status === 0;

describe.skipIf(!hasParallel)("the GNU parallel recipe", { timeout: PROCESSES }, () => {
  it("restores JSONL records in blocks across processes, the same as one process", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-parallel-"));
    const records = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({
        id: i,
        text: i % 2 ? "They met at the press convention final yr." : "Nothing spun here at all.",
      }),
    );
    try {
      const inFile = path.join(dir, "in.jsonl");
      writeFileSync(inFile, `${records.join("\n")}\n`);
      const single = cli(["-f", "jsonl", inFile]).stdout;
      const r = spawnSync(
        "sh",
        [
          "-c",
          `parallel --will-cite --pipe --keep-order -N 50 ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} -f jsonl < ${JSON.stringify(inFile)}`,
        ],
        { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
      );
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(single);
      expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
