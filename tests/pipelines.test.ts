/** Many files, --jobs, --format jsonl, and the GNU parallel recipe of the README. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cli, fixture } from "./helpers.js";

const SEED = fixture("seed", "biden-putin-geneva.spun.txt");
const files = [
  SEED,
  fixture("news", "01-border-talks.spun.txt"),
  fixture("clean", "05-cup-final.txt"),
  fixture("news", "02-party-primary.spun.txt"),
];

describe("many files", () => {
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

  it("restores on the threads it starts, and starts none for a run shorter than the wait", () => {
    const many = [...files, ...files, ...files];
    const summary = (jobs: string, env: Record<string, string>) =>
      cli(["-f", "text", "--jobs", jobs, ...many], { env: { UNSPIN_SUMMARY: "1", ...env } }).stderr;
    expect(summary("2", threadsNow.env)).toMatch(/ on 2 threads\n$/);
    expect(summary("3", threadsNow.env)).toMatch(/ on 3 threads\n$/);
    expect(summary("2", { UNSPIN_THREADS_AFTER_MS: "60000" })).toMatch(/ s\n$/); // done before a thread would start
    expect(summary("1", threadsNow.env)).toMatch(/ s\n$/);
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
    expect(r.stderr).toMatch(/^unspin: 4 files, [\d]+ words, [\d]+ restorations in [\d.]+ s\n$/);
  });
});

describe("--format jsonl", () => {
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

describe.skipIf(!hasParallel)("the GNU parallel recipe", () => {
  it("restores JSONL records in blocks across processes, the same as one process", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-parallel-"));
    const records = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({
        id: i,
        text: i % 2 ? "They met at the press convention final yr." : "Nothing spun here at all.",
      }),
    );
    const inFile = path.join(dir, "in.jsonl");
    writeFileSync(inFile, `${records.join("\n")}\n`);
    const single = cli(["-f", "jsonl", inFile]).stdout;
    const r = spawnSync(
      "sh",
      [
        "-c",
        `parallel --will-cite --pipe --keep-order -N 50 node ${JSON.stringify(BIN)} -f jsonl < ${JSON.stringify(inFile)}`,
      ],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(single);
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(400);
  });
});
