/** The accuracy harness: thresholds the issues set, and agreement with the project's yardstick. */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { restore } from "../../src/engine/restore.js";
import { evaluate, findPairs } from "../../src/eval/evaluate.js";
import { loadDictionary } from "../../src/dictionary/packs.js";
import { score } from "../../src/eval/score.js";
import { ROOT, fixture } from "../helpers.js";

/**
 * The project's yardstick, in `../shared` beside the repository (where CI has it). The agreement
 * tests run whenever it is there, and fail (they do not skip) when no Python can run it; they skip,
 * saying why in their title, only when there is no `../shared/tools/score.py`.
 */
const SCORER = path.resolve(ROOT, "..", "shared", "tools", "score.py");
const hasScorer = existsSync(SCORER);
const PYTHON = ["python3", "python"].find((p) => spawnSync(p, ["--version"]).status === 0);

describe("accuracy", () => {
  it("restores the seed with recall ≥ 0.90, precision ≥ 0.98 and no damage", () => {
    const r = evaluate(loadDictionary(["news"]), [fixture("seed")], []);
    expect(r.pairs).toHaveLength(1);
    const [seed] = r.pairs;
    expect(seed.recall).toBeGreaterThanOrEqual(0.9);
    expect(seed.precision).toBeGreaterThanOrEqual(0.98);
    expect(seed.damage).toBe(0);
  });

  it("makes no edit on clean text: the seed's gold, the dev originals and the clean fixtures", () => {
    const r = evaluate(
      loadDictionary(["news", "science"]),
      [],
      [
        fixture("clean"),
        fixture("seed", "biden-putin-geneva.gold.txt"),
        fixture("news"),
        fixture("heldout"),
        fixture("science"),
      ],
    );
    expect(r.cleanTotal.words).toBeGreaterThan(5000);
    expect(
      r.clean.flatMap((c) => c.edits.map((e) => `${c.name}:${e.line} ${e.spun} → ${e.replacement} [${e.entry}]`)),
    ).toEqual([]);
  });
});

describe.skipIf(!hasScorer)(
  hasScorer
    ? "agreement with ../shared/tools/score.py"
    : `agreement with score.py: SKIPPED, no ${SCORER} (clone ../shared beside the repository to run it)`,
  () => {
    const dict = loadDictionary(["news", "science"]);
    const pairs = ["seed", "news", "science", "heldout"].flatMap((d) => findPairs(fixture(d)));
    it("finds pairs to compare, and a Python to run score.py", () => {
      expect(pairs.length).toBeGreaterThan(0);
      expect(PYTHON, "neither python3 nor python runs: score.py cannot be compared").toBeDefined();
    });
    // each pair runs score.py as a process: seconds on a loaded machine
    it.each(pairs.map((p) => [path.basename(p.name), p] as const))("%s", { timeout: 120_000 }, (_name, p) => {
      const spun = readFileSync(p.spun, "utf8");
      const restored = restore(spun, dict).text;
      const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-score-"));
      const out = path.join(dir, "restored.txt");
      writeFileSync(out, restored);
      const args = [SCORER, p.spun, p.gold, out, ...(p.goldFull ? ["--also", p.goldFull] : []), "--json"];
      let stdout: string;
      try {
        stdout = execFileSync(PYTHON ?? "python3", args, { encoding: "utf8" });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const py = JSON.parse(stdout) as Record<string, unknown>;
      const ts = score(
        spun,
        readFileSync(p.gold, "utf8"),
        restored,
        p.goldFull ? readFileSync(p.goldFull, "utf8") : undefined,
      );
      expect(JSON.parse(JSON.stringify(ts))).toEqual(py);
    });
  },
);
