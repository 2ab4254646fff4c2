// Lists the counted spinner mappings (data/spinner/mappings.tsv) that no entry of
// dictionaries/news.yaml restores yet: the work list for new entries built from counted evidence.
//
//   npx tsx scripts/spinner-gaps.ts [--min 2]
//
// A mapping seen once is a sample, not yet evidence, and one the spinner was also seen making the
// other way round (shares -> stocks and stocks -> shares) has no direction to restore: both are left
// out unless --min 1 / --both. Output: TSV (spun, original, seen), most seen first.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { phraseKeys, readPack } from "../src/index.js";

const { values } = parseArgs({
  options: { min: { type: "string", default: "2" }, both: { type: "boolean", default: false } },
});
const min = Number(values.min);
const rows = readFileSync("data/spinner/mappings.tsv", "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#") && !l.startsWith("spun\t"))
  .map((l) => {
    const [spun, original, seen] = l.split("\t");
    return { spun, original, seen: Number(seen) };
  });
const key = (s: string): string => phraseKeys(s).join(" ");
const news = readPack("dictionaries/news.yaml", readFileSync("dictionaries/news.yaml", "utf8"));
const restored = new Set(news.entries.flatMap((e) => e.spun.map((s) => `${key(s)}\t${e.original.toLowerCase()}`)));
const directions = new Set(rows.map((m) => `${key(m.spun)}\t${key(m.original)}`));
console.log("spun\toriginal\tseen");
for (const m of rows) {
  if (m.seen < min || key(m.spun) === key(m.original)) continue;
  if (!values.both && directions.has(`${key(m.original)}\t${key(m.spun)}`)) continue;
  if (restored.has(`${key(m.spun)}\t${m.original.toLowerCase()}`)) continue;
  console.log(`${m.spun}\t${m.original}\t${m.seen}`);
}
