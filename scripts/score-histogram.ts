// The spinner-score distributions of spun and clean texts, as a Markdown table (README, docs/evidence.md):
//
//   npx tsx scripts/score-histogram.ts --spun DIR... --clean DIR... [--dict PACK]...
//
// Spun texts: the NAME.spun.txt of each folder's pairs; clean texts: every other .txt of the clean
// folders (NAME.orig.txt included). Scores are binned by tenths.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadDictionary, restore } from "../src/index.js";

const { values } = parseArgs({
  options: {
    spun: { type: "string", multiple: true, default: [] },
    clean: { type: "string", multiple: true, default: [] },
    dict: { type: "string", multiple: true, default: ["news"] },
  },
});
const txt = (dir: string): string[] =>
  statSync(dir).isFile()
    ? [dir]
    : readdirSync(dir)
        .filter((f) => f.endsWith(".txt"))
        .map((f) => path.join(dir, f));
const dict = loadDictionary(values.dict as string[]);
const score = (file: string): number => restore(readFileSync(file, "utf8"), dict).spun?.score ?? 0;
const spun = (values.spun as string[])
  .flatMap(txt)
  .filter((f) => f.endsWith(".spun.txt"))
  .map(score);
const clean = (values.clean as string[])
  .flatMap(txt)
  .filter((f) => !f.endsWith(".spun.txt"))
  .map(score);
const bins = (xs: number[]): number[] => {
  const b = new Array<number>(10).fill(0);
  for (const x of xs) b[Math.min(9, Math.floor(x * 10))]++;
  return b;
};
const s = bins(spun);
const c = bins(clean);
console.log("| spinner score | spun texts | clean texts |\n| --- | ---: | ---: |");
for (let i = 0; i < 10; i++) console.log(`| ${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)} | ${s[i]} | ${c[i]} |`);
console.log(
  `| **all** | ${spun.length} (lowest ${Math.min(...spun).toFixed(2)}) | ${clean.length} (highest ${Math.max(...clean).toFixed(2)}) |`,
);
