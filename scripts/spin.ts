// Imitates the WP Auto Spinner's internal thesaurus spinner, to make held-out test pairs.
//
//   npx tsx scripts/spin.ts IN.orig.txt OUT.spun.txt --seed N [--db PATH] [--rate 0.7]
//
// The synonym DB (`original|alt1|alt2...` per line) is read at run time and never copied into
// the repository. Each phrase matching a DB key (case-insensitive, whole words, longest key
// first) is replaced, with probability --rate, by one of its alternates; a leading capital is
// kept. Replaced text is never spun again. Besides OUT, the script writes OUT's `.edits.tsv`
// (spun_span, original_span, spun_offset, orig_offset; offsets are UTF-16 indices into the file).
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { rng } from "./rng.js";

const DEFAULT_DB = "/work/shared/data/thesaurus/universal-framework/treasures_en.dat";

interface Edit {
  spun: string;
  original: string;
  spunOffset: number;
  origOffset: number;
}

/** Loads the DB as lower-cased key -> alternates, cleaning what the raw file gets wrong. */
function loadDb(path: string): Map<string, string[]> {
  const db = new Map<string, string[]>();
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const [rawKey = "", ...rest] = line.split("|").map((field) => field.trim());
    const key = rawKey.toLowerCase();
    // The plugin skips numeric words ("4|four"); empty keys cannot match anything.
    if (key === "" || /^\d+$/.test(key)) continue;
    // Trailing "|" gives empty alternates, and some lines repeat the key among them.
    const alts = rest.filter((alt) => alt !== "" && alt.toLowerCase() !== key);
    if (alts.length === 0) continue;
    // A few keys occur on two lines ("one of the" once with no alternates): merge them.
    const merged = db.get(key) ?? [];
    for (const alt of alts) if (!merged.includes(alt)) merged.push(alt);
    db.set(key, merged);
  }
  return db;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One regex over all keys, longest first, so the longest key wins at each position. */
function buildMatcher(keys: Iterable<string>): RegExp {
  const sorted = [...keys].sort((a, b) => b.length - a.length || a.localeCompare(b));
  // Hyphens count as word characters: the plugin undoes replacements next to "-" ("two-hour").
  const edge = "[\\p{L}\\p{N}_-]";
  return new RegExp(`(?<!${edge})(?:${sorted.map(escapeRegExp).join("|")})(?!${edge})`, "giu");
}

function keepCapital(matched: string, alt: string): string {
  const first = matched.charAt(0);
  return first !== first.toLowerCase() ? alt.charAt(0).toUpperCase() + alt.slice(1) : alt;
}

function spin(
  text: string,
  db: Map<string, string[]>,
  matcher: RegExp,
  rng: () => number,
  rate: number,
): { spun: string; edits: Edit[] } {
  const edits: Edit[] = [];
  let spun = "";
  let last = 0;
  for (const match of text.matchAll(matcher)) {
    const original = match[0];
    const origOffset = match.index;
    const alts = db.get(original.toLowerCase());
    if (alts === undefined || rng() >= rate) continue;
    const alt = keepCapital(original, alts[Math.floor(rng() * alts.length)] ?? alts[0]);
    spun += text.slice(last, origOffset);
    edits.push({ spun: alt, original, spunOffset: spun.length, origOffset });
    spun += alt;
    last = origOffset + original.length;
  }
  return { spun: spun + text.slice(last), edits };
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seed: { type: "string", default: "1" },
      db: { type: "string", default: DEFAULT_DB },
      rate: { type: "string", default: "0.7" },
    },
  });
  const [input, output] = positionals;
  const seed = Number(values.seed);
  const rate = Number(values.rate);
  if (input === undefined || output === undefined || !Number.isInteger(seed) || !(rate >= 0 && rate <= 1)) {
    console.error("usage: tsx scripts/spin.ts IN.orig.txt OUT.spun.txt --seed N [--db PATH] [--rate 0.7]");
    process.exit(2);
  }
  const db = loadDb(values.db);
  const { spun, edits } = spin(readFileSync(input, "utf8"), db, buildMatcher(db.keys()), rng(seed), rate);
  writeFileSync(output, spun);
  const tsvPath = `${output.replace(/(\.spun)?\.txt$/, "")}.edits.tsv`;
  const rows = edits.map((e) => [e.spun, e.original, e.spunOffset, e.origOffset].join("\t"));
  writeFileSync(tsvPath, `${["spun_span\toriginal_span\tspun_offset\torig_offset", ...rows].join("\n")}\n`);
  console.log(`${output}: ${edits.length} substitutions (seed ${seed}); edits in ${tsvPath}`);
}

main();
