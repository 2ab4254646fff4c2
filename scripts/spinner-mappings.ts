// Merges the counted spinner mappings into data/spinner/mappings.tsv, the evidence step's measured
// rates (src/engine/evidence.ts):
//
//   npx tsx scripts/spinner-mappings.ts
//
// Sources (each a TSV with at least `spun`, `original` and a count column), and the words of spun
// text their counts were made from:
// - data/spinner/dev-mappings.tsv: the project's 289 real substitutions (shared/data/spinner-mappings.tsv);
//   634 substitutions in all, from 7 aligned articles and the seed: about 4,000 words at the
//   spinner's usual 16 % of words changed (an estimate: the file does not say).
// - data/spinner/observed-*.tsv: mappings aligned from real spun pages and their originals
//   (scripts/README: how they were mined), with the words of their sources in the header line
//   `# words N`.
// Every mapping's rate is its count over the words of ALL sources (a mapping absent from one source
// had its chance there too).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { phraseKeys } from "../src/index.js";

const DIR = "data/spinner";
const DEV_WORDS = 4000;

interface Row {
  spun: string;
  original: string;
  seen: number;
  sources: Set<string>;
}

function readTsv(file: string): { header: string[]; rows: string[][]; comments: string[] } {
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
  const comments = lines.filter((l) => l.startsWith("#"));
  const data = lines.filter((l) => !l.startsWith("#")).map((l) => l.split("\t"));
  return { header: data[0], rows: data.slice(1), comments };
}

const merged = new Map<string, Row>();
let words = 0;
function add(spun: string, original: string, seen: number, source: string): void {
  if (!spun.trim() || !original.trim() || !(seen > 0)) return;
  const key = `${phraseKeys(spun).join(" ")}\t${original.toLowerCase()}`;
  const row = merged.get(key);
  if (row) {
    row.seen += seen;
    row.sources.add(source);
  } else merged.set(key, { spun, original, seen, sources: new Set([source]) });
}

const dev = readTsv(path.join(DIR, "dev-mappings.tsv"));
const col = (h: string[], name: string) => h.indexOf(name);
for (const r of dev.rows)
  add(
    r[col(dev.header, "spun")],
    r[col(dev.header, "original")],
    Number(r[col(dev.header, "times_seen")]),
    "dev-mappings",
  );
words += DEV_WORDS;

for (const f of readdirSync(DIR)
  .filter((n) => /^observed-.*\.tsv$/.test(n))
  .sort()) {
  const t = readTsv(path.join(DIR, f));
  const w = t.comments.map((c) => /^# words (\d+)/.exec(c)).find(Boolean);
  if (!w) throw new Error(`${f}: no '# words N' line`);
  words += Number(w[1]);
  for (const r of t.rows)
    add(
      r[col(t.header, "spun")],
      r[col(t.header, "original")],
      Number(r[col(t.header, "times_seen")]),
      f.replace(/\.tsv$/, ""),
    );
}

// A phrase seen as one substitution ("easy shifting common" for "simple moving average") is also a
// substitution of each of its words that changed (common for average, and so on): the aligners kept
// some runs whole and split others, so a word's own count would otherwise depend on how its runs
// were cut. Only phrases of equal length are split, and a word pair of two function words ("a" for
// "an" in "a direct" / "an immediate") is grammar, not a substitution.
const functionWords = new Set(
  readFileSync("data/english/function-words.txt", "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#")),
);
for (const row of [...merged.values()]) {
  const s = phraseKeys(row.spun);
  const o = phraseKeys(row.original);
  if (s.length < 2 || s.length !== o.length) continue;
  s.forEach((w, i) => {
    if (w === o[i] || (functionWords.has(w) && functionWords.has(o[i]))) return;
    for (const source of row.sources) add(w, o[i], row.seen / row.sources.size, `${source} (in phrases)`);
  });
}

const rows = [...merged.values()].sort(
  (a, b) => b.seen - a.seen || a.spun.localeCompare(b.spun) || a.original.localeCompare(b.original),
);
const out = [
  "# Spinner mappings with their counts, merged by scripts/spinner-mappings.ts: how often each spun form was seen",
  "# standing for each original in aligned spun/original text. The evidence step's measured rate of a mapping is",
  "# seen / words (per million words of spun text); see docs/evidence.md.",
  `# words ${words}`,
  "spun\toriginal\tseen\tsources",
  ...rows.map((r) => `${r.spun}\t${r.original}\t${r.seen}\t${[...r.sources].sort().join(",")}`),
];
writeFileSync(path.join(DIR, "mappings.tsv"), `${out.join("\n")}\n`);
console.log(`${rows.length} mappings from ${words} words of spun text`);
