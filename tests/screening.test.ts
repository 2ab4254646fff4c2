/** `--format summary`: the screening report, one line per file (src/format/screening.ts). */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./helpers.js";

const PAPER =
  "We apply profound learning to bosom malignant growth screening. Profound learning models run on haze " +
  "figuring servers, and profound learning beats choice trees on counterfeit consciousness benchmarks.\n";
const CLEAN = "The committee met on Tuesday and approved the budget for the coming year.\n";

describe("--format summary", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-screen-"));
  writeFileSync(path.join(dir, "a-paper.txt"), PAPER);
  writeFileSync(path.join(dir, "b-clean.txt"), CLEAN);

  it("prints one line per file: verdict, score, counts, distinct phrases with counts, most frequent first", async () => {
    const r = await run(["-d", "science", "-f", "summary", dir]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `${path.join(dir, "a-paper.txt")}: spun 1.00, 6 restorations, 1 finding: ` +
        `"profound learning" → "deep learning" ×3, "bosom malignant growth" → "breast cancer" ×1, ` +
        `"haze figuring" → "fog/mist/cloud computing"? ×1, "choice trees" → "decision trees" ×1, ` +
        `"counterfeit consciousness" → "artificial intelligence" ×1`,
    );
    expect(lines[1]).toMatch(/b-clean\.txt: clean 0\.\d\d, 0 restorations, 0 findings$/);
  });

  it("counts a finding alone as something to report: --check -q exits 1, silently", async () => {
    const file = path.join(dir, "finding.txt");
    writeFileSync(file, "The servers use haze figuring.\n");
    expect((await run(["-d", "science", "-f", "summary", file])).stdout).toMatch(
      /finding\.txt: clean 0\.\d\d, 0 restorations, 1 finding: "haze figuring" → "fog\/mist\/cloud computing"\? ×1\n$/,
    );
    const q = await run(["-d", "science", "-q", "--check", file]);
    expect([q.status, q.stdout, q.stderr]).toEqual([1, "", ""]);
    expect((await run(["-d", "science", "-q", "--check", path.join(dir, "b-clean.txt")])).status).toBe(0);
  });
});
