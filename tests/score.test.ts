/** The accuracy harness: thresholds the issues set, and agreement with the project's yardstick. */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { restore } from "../src/engine/restore.js";
import { evaluate, findPairs } from "../src/eval/evaluate.js";
import { loadDictionary } from "../src/dictionary/packs.js";
import { score } from "../src/eval/score.js";
import { ROOT, fixture } from "./helpers.js";

const SCORER = path.join(ROOT, "..", "shared", "tools", "score.py");
const hasPython = spawnSync("python3", ["--version"]).status === 0;
const canCompare = hasPython && existsSync(SCORER);

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

describe.skipIf(!canCompare)("agreement with shared/tools/score.py", () => {
  const dict = loadDictionary(["news", "science"]);
  const pairs = ["seed", "news", "science", "heldout"].flatMap((d) => findPairs(fixture(d)));
  it.each(pairs.map((p) => [path.basename(p.name), p] as const))("%s", (_name, p) => {
    const spun = readFileSync(p.spun, "utf8");
    const restored = restore(spun, dict).text;
    const dir = mkdtempSync(path.join(os.tmpdir(), "unspin-score-"));
    const out = path.join(dir, "restored.txt");
    writeFileSync(out, restored);
    const args = [SCORER, p.spun, p.gold, out, ...(p.goldFull ? ["--also", p.goldFull] : []), "--json"];
    const py = JSON.parse(execFileSync("python3", args, { encoding: "utf8" })) as Record<string, unknown>;
    const ts = score(
      spun,
      readFileSync(p.gold, "utf8"),
      restored,
      p.goldFull ? readFileSync(p.goldFull, "utf8") : undefined,
    );
    expect(JSON.parse(JSON.stringify(ts))).toEqual(py);
  });
});
