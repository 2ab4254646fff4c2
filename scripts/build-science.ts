/**
 * Builds dictionaries/science.yaml (the `science` pack) and dictionaries/science-report.md from the
 * export of the Problematic Paper Screener (Cabanac, Labbé, Magazinov, "Tortured phrases: A dubious
 * writing style emerging in science", arXiv 2107.06751, 2021; CC BY 4.0).
 *
 *   npx tsx scripts/build-science.ts /work/shared/data/pps/pps-export.csv [tortured-phrases.json]
 *
 * Each export row is a search query (`tortured_phrase`), a correct term or a note for people
 * (`expected_phrase`) and a paper count (`num_papers`). The query is parsed properly (quoted phrases,
 * bare words, AND / OR / NOT, parentheses, `"a b"~N` proximity, `word*`) and translated:
 *   - the first quoted phrase is the spun form; a top-level OR gives several spun forms;
 *   - `AND "y"` → document_has, `AND ("a" OR "b")` → document_has_any, `NOT "z"` → document_lacks;
 *   - `"spun context"~N` → spun + near/within, or a contiguous spun form when the words align with
 *     the correct term, or detect-only when no safe replacement exists (see translateProximity).
 * The optional JSON (a cleaned but mis-split copy) is used only for a cross-check in the report.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Document, isMap, isScalar, isSeq, visit } from "yaml";
import { buildDictionary } from "../src/dictionary/build.js";
import type { Dictionary } from "../src/dictionary/build.js";
import { restore } from "../src/engine/restore.js";
import { readPack } from "../src/dictionary/loader.js";

// ---------------------------------------------------------------------------------------------
// Tunable word lists (kept short and explained)
// ---------------------------------------------------------------------------------------------

/** Correct terms that must never be a replacing spun form (the JSON copy mis-split some of them). */
const STANDARD_TERMS = [
  "neural network", "machine learning", "cloud computing", "image features", "deep learning",
  "data mining", "random forest", "support vector machine", "artificial intelligence", "big data",
  "feature extraction", "image recognition", "surface area", "cancer", "breast",
];

/**
 * Very common English words: as a one-word spun form they restore only with a document condition
 * (document_has / document_has_any); otherwise the entry is detect-only.
 */
const COMMON_WORDS = new Set([
  "bosom", "brilliant", "keen", "savvy", "shrewd", "ruinous", "gatherings", "exactness", "bunching",
  "squares", "straight", "casing", "oblivious", "pigeonholing", "dissolvable", "thimbleful",
  "prosciutto", "preformation", "indagation", "vaticination", "order", "arrangement", "study",
  "report", "work", "record", "file", "set", "table", "growth", "information", "knowledge",
]);

/**
 * Spun forms of `AND "correct term"` rows that are ordinary English (or a real term of some
 * field): they keep the strict PPS condition and are not relaxed (see relax). Reviewed by eye.
 */
const ORDINARY_PHRASES = new Set([
  "actually occur", "shared data", "buried layer", "working framework", "radio wire", "thick woods",
  "most crowded", "natural liquids", "overall advancement", "savage power", "lagging period",
  "audit article", "distant worker", "planning and testing", "intellectual science", "prohibits growth",
  "quality of interest", "new bits of knowledge", "remarkable words", "excess oxygen", "sent to the rest",
  "basic controllers", "false anxiety", "low pay levels", "higher pay levels", "loss of equality",
  "straightforward structures", "void tank", "seen value", "test technique", "preparation stage",
  "study database", "quality regulation", "adjustment time", "atomic composition", "dispersion system",
  "safe reaction", "market effectiveness", "carbon discharge", "dark out", "hard crown", "moment arrange",
  "proceeding require", "product servers", "data board", "border situation", "channel banks",
  "ecological corruption", "dynamic consistency", "bunch analysis", "adverse impressions", "warm exchange",
  "heat foundation", "mentally unbalanced", "floor reality", "application conduct", "social architects",
  "discourse sounds", "direct mix", "constant aggravation", "edge price", "hard attractive",
  "community hobby", "natural files", "sovereign experiments", "value conjectures", "offering stage",
  "random hunt", "major recurrence", "toxic emanation", "remedy research", "contrarily influenced",
  "genuine numbers", "regenerative system", "regenerative organs", "regenerative framework",
  "movement business", "frame temperature", "hand flags", "system disappointment",
  "system dissatisfaction", "visually affected", "visually hindered", "ostensibly tried",
  "kind cancer", "favorable cancer", "expanded reality", "increased reality", "social database",
  "mind surgery", "network safety", "independent learning", "directed learning", "ruinous",
]);

/** Capitalised words that stay capitalised in an original (names of people and such). */
const PROPER_WORDS = new Set([
  "young", "gaussian", "markov", "boltzmann", "pearson", "fourier", "bayes", "bayesian", "euclidean",
  "laplace", "laplacian", "poisson", "kalman", "gabor", "newton", "newtonian", "hall", "raman",
  "doppler", "arrhenius", "navier-stokes", "navier", "stokes", "weibull", "gini", "hilbert",
  "hamming", "huffman", "dirichlet", "lagrange", "lagrangian", "hessian", "jacobian", "kirchhoff",
  "planck", "maxwell", "einstein", "monte", "carlo", "python", "java", "bluetooth", "android",
  "linux", "windows", "google", "twitter", "facebook", "wikipedia", "english", "european", "african",
  "american", "asian", "chinese", "indian", "covid", "covid-19", "alzheimer", "parkinson",
  "huntington", "crohn", "hodgkin", "mel", "cepstral", "tabu", "elastic", "rheumatoid",
]);

/** Last words that do not take a regular plural (uncountable or irregular). */
const NO_PLURAL = new Set([
  "data", "information", "knowledge", "research", "software", "hardware", "equipment", "evidence",
  "intelligence", "advice", "feedback", "traffic", "literacy", "health", "safety", "furniture",
  "news", "music", "electricity", "weather", "energy", "accuracy", "precision", "recall",
  "performance", "security", "privacy", "growth", "damage", "oxygen", "carbon", "nitrogen",
  "hydrogen", "heat", "index", "matrix", "vertex", "criterion", "phenomenon", "datum", "medium",
  "spectrum", "child", "man", "woman", "foot", "tooth", "mouse", "formula", "antenna", "maximum",
  "minimum", "optimum", "quantum", "leaf", "life", "knife", "half", "self", "shelf", "wolf", "calf",
  "loaf", "thief", "wife", "fish", "sheep", "deer", "aircraft", "people", "staff", "insight",
  "learning", "mining", "computing", "processing", "failure", "cancer", "diabetes", "mortality",
  "morbidity", "sensitivity", "specificity", "robustness", "art", "theory", "logic",
]);

/** Nouns among words with adjective endings (-al, -ic, -ive, -ent). */
const NOUNS_WITH_ADJECTIVE_ENDING = new Set([
  "signal", "interval", "potential", "material", "trial", "terminal", "journal", "animal",
  "chemical", "capital", "manual", "proposal", "individual", "mineral", "metal", "portal",
  "tutorial", "goal", "deal", "total", "hospital", "crystal", "channel", "protocol", "vessel",
  "metric", "topic", "clinic", "graphic", "characteristic", "heuristic", "statistic", "antibiotic",
  "mechanic", "critic", "diagnostic", "epidemic", "pandemic", "objective", "alternative",
  "derivative", "initiative", "incentive", "directive", "perspective", "narrative", "additive",
  "representative", "detective", "executive", "explosive", "preservative",
]);

const ADJECTIVE_ENDING = /(?:al|ic|ive|ous|ful|less|able|ible|ing|ed|ly|ish)$/;
const ADJECTIVES = new Set([
  "different", "efficient", "significant", "relevant", "important", "dependent", "independent",
  "consistent", "sufficient", "robust", "deep", "smart", "fake", "hard", "soft", "high", "low",
  "non-linear", "nonlinear", "linear", "random", "hidden", "free", "open", "real", "true", "false",
]);

/** Sentence templates for generated examples; the first that works in the simulation is used. */
const TEMPLATES = [
  (x: string): string => `We report the ${x} in this study`,
  (x: string): string => `Table 2 lists the ${x} for each sample`,
  (x: string): string => `In this paper, the ${x} was examined`,
];

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

interface Row {
  line: number;
  query: string;
  expected: string;
  papers: number;
}

interface When {
  document_has?: string[];
  document_has_any?: string[];
  document_lacks?: string[];
  near?: string[];
  not_near?: string[];
  within?: number;
}

interface ExamplePair {
  in: string;
  out: string;
}

interface Entry {
  id?: string;
  spun: string[];
  original: string;
  detect: boolean;
  exactCase: boolean;
  inflect: boolean;
  weight: number;
  when: When;
  /** A second alternative of `when`: the document shows other signs of spinning (see relax). */
  relaxed?: When;
  note?: string;
  examples: ExamplePair[];
  allows: string[];
  /** Bookkeeping, not written. */
  rows: Row[];
  detectReason?: string;
}

type Outcome =
  | { kind: "entry"; entries: Entry[] }
  | { kind: "dropped"; reason: string; detail: string };

interface Drop {
  reason: string;
  row: Row;
  detail: string;
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/** RFC 4180 CSV: quoted fields with doubled quotes. Returns records of fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function readRows(file: string): Row[] {
  const records = parseCsv(readFileSync(file, "utf8"));
  const header = records[0].map((h) => h.trim());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const [q, e, n] = [col("tortured_phrase"), col("expected_phrase"), col("num_papers")];
  return records.slice(1).filter((r) => r.length > 1).map((r, i) => ({
    line: i + 2,
    query: r[q].replace(/\\(['"])/g, "$1").trim(),
    expected: r[e].replace(/\\(['"])/g, "$1").trim(),
    papers: Number.parseInt(r[n].replace(/[,\s]/g, ""), 10) || 0,
  }));
}

// ---------------------------------------------------------------------------------------------
// Query tokenizer and parser
// ---------------------------------------------------------------------------------------------

type Token =
  | { t: "phrase"; text: string; proximity?: number }
  | { t: "word"; text: string }
  | { t: "and" | "or" | "not" | "(" | ")" };

type QNode =
  | { k: "phrase"; text: string; proximity?: number; bare: boolean; wildcard: boolean }
  | { k: "and"; items: QNode[] }
  | { k: "or"; items: QNode[] }
  | { k: "not"; item: QNode };

const OPERATORS: Record<string, "and" | "or" | "not"> = { AND: "and", OR: "or", NOT: "not", ADN: "and" };

function tokenizeQuery(query: string, warn: (m: string) => void): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")") {
      tokens.push({ t: c });
      i++;
    } else if (c === '"') {
      const end = query.indexOf('"', i + 1);
      if (end < 0) throw new Error(`unterminated quote in ${query}`);
      const text = query.slice(i + 1, end).replace(/\s+/g, " ").trim();
      i = end + 1;
      const prox = /^~(\d+)/.exec(query.slice(i));
      if (prox) i += prox[0].length;
      tokens.push(prox ? { t: "phrase", text, proximity: Number(prox[1]) } : { t: "phrase", text });
    } else {
      const m = /^[^\s()"]+/.exec(query.slice(i));
      const word = m ? m[0] : c;
      i += word.length;
      const op = OPERATORS[word];
      if (op && word === "ADN") warn("operator typo ADN read as AND");
      tokens.push(op ? { t: op } : { t: "word", text: word });
    }
  }
  return tokens;
}

/** Recursive descent: or := and (OR and)*; and := unary ((AND)? unary)*; unary := NOT unary | primary. */
class QueryParser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): QNode {
    const node = this.parseOr();
    if (this.pos < this.tokens.length) throw new Error("unexpected token after query");
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private parseOr(): QNode {
    const items = [this.parseAnd()];
    while (this.peek()?.t === "or") {
      this.pos++;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0] : { k: "or", items };
  }

  private parseAnd(): QNode {
    const items = [this.parseUnary()];
    for (;;) {
      const next = this.peek();
      if (next === undefined || next.t === "or" || next.t === ")") break;
      if (next.t === "and") this.pos++;
      items.push(this.parseUnary());
    }
    return items.length === 1 ? items[0] : { k: "and", items };
  }

  private parseUnary(): QNode {
    const next = this.peek();
    if (next?.t === "not") {
      this.pos++;
      return { k: "not", item: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QNode {
    const next = this.tokens[this.pos++];
    if (next === undefined) throw new Error("query ends early");
    if (next.t === "phrase") {
      const wildcard = next.text.endsWith("*");
      const text = wildcard ? next.text.slice(0, -1) : next.text;
      return { k: "phrase", text, proximity: next.proximity, bare: false, wildcard };
    }
    if (next.t === "word") return this.parseBareWords(next.text);
    if (next.t === "(") {
      const inner = this.parseOr();
      if (this.tokens[this.pos++]?.t !== ")") throw new Error("missing )");
      return inner;
    }
    throw new Error(`unexpected ${next.t}`);
  }

  /** A run of bare words is read as one phrase ("business intelligence"), the stricter reading. */
  private parseBareWords(first: string): QNode {
    const words = [first];
    for (let t = this.peek(); t?.t === "word"; t = this.peek()) {
      words.push(t.text);
      this.pos++;
    }
    const text = words.join(" ");
    const wildcard = text.endsWith("*");
    return { k: "phrase", text: wildcard ? text.slice(0, -1) : text, bare: true, wildcard };
  }
}

// ---------------------------------------------------------------------------------------------
// Expected phrase: cleanup, notes, natural case
// ---------------------------------------------------------------------------------------------

interface Cleaned {
  text: string;
  note?: string;
}

const NOTE_MARKERS: Array<[RegExp, string]> = [
  [/\?/, "question mark"],
  [/https?:|www\.|bit\.ly/i, "URL"],
  [/[[\]]/, "bracketed words"],
  [/\bOR\b|\bor\b/, "alternatives (or)"],
  [/\bAND\b/, "several terms (AND)"],
  [/\be\.g\.|\bi\.e\.|\betc\b|\.\.\./i, "e.g./i.e./etc."],
  [/\b(?:see|as in|in this context|possibly|caveat|could be|please|sometimes|search and replace)\b|->/i,
    "explanation"],
];

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

const WORD_COUNT = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** Turns the expected phrase into a replacement, or says why it is a note for people. */
function cleanExpected(raw: string, spun: string): Cleaned {
  let text = raw.trim();
  if (/^".*"$/.test(text)) text = text.slice(1, -1).trim();
  if (text === "") return { text: raw, note: "empty" };
  for (const [re, why] of NOTE_MARKERS) if (re.test(text)) return { text, note: why };
  if (text.includes("/") && !spun.includes("/")) return { text, note: "alternatives (/)" };
  if (count(text, ",") !== count(spun, ",")) return { text, note: "list of terms" };
  const spunEndsInParens = /\)\s*$/.test(spun);
  for (let m = /\s+\(([^()]*)\)$/.exec(text); m && !spunEndsInParens; m = /\s+\(([^()]*)\)$/.exec(text)) {
    const inner = m[1];
    const head = text.slice(0, m.index).trim();
    if (isAcronym(inner)) text = head;
    else if (isAcronym(head) && /\s/.test(inner)) text = inner; // "NGS (Next-Generation Sequencing)"
    else if (WORD_COUNT(head) === WORD_COUNT(spun)) text = head; // "hit rate (metric)"
    else return { text: raw, note: "clarification in parentheses" };
  }
  text = text.replace(/^the\s+/i, (m) => (/^the\s/i.test(spun) ? m : ""));
  if (count(text, "(") !== count(spun, "(")) {
    const without = text.replace(/\s*\([^()]*\)\s*/g, " ").replace(/\s+/g, " ").trim();
    if (WORD_COUNT(without) === WORD_COUNT(spun) && !without.includes("(")) text = without;
    else return { text: raw, note: "words in parentheses" };
  }
  return { text };
}

function isAcronym(s: string): boolean {
  return !/\s/.test(s) && /\p{Lu}/u.test(s) && s.length <= 12;
}

/** An acronym-like part of a word: RAM, IoT, eGFR, B1, 3D, X (of X-ray). */
function keepsCapitals(part: string): boolean {
  const uppers = (part.match(/\p{Lu}/gu) ?? []).length;
  return uppers >= 2 || /^\p{Lu}$/u.test(part) || /\p{Ll}\p{Lu}/u.test(part) ||
    (uppers >= 1 && /\d/.test(part));
}

const SMALL_WORDS = new Set(["of", "and", "for", "in", "on", "the", "to", "a", "an", "at", "by", "with"]);

/** Every word capitalised (small words aside): a proper name such as an organisation. */
function isTitleCase(phrase: string): boolean {
  const words = phrase.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.length >= 2 &&
    words.every((w) => SMALL_WORDS.has(w.toLowerCase()) || /^[^\p{L}]*\p{Lu}/u.test(w));
}

/**
 * The natural case of a phrase from the export, where some rows are Title Cased or start with a
 * capital as in a sentence: lower-cases each word unless it is acronym-like, a known name, or
 * written capitalised after the first word of `evidence` (the spun form).
 */
function naturalCase(phrase: string, evidence: string): string {
  const capitalisedInEvidence = new Set(evidence.split(/\s+/).slice(1).filter((w) => /^\p{Lu}/u.test(w)));
  return phrase.split(/(\s+)/).map((word) => {
    if (/^\s+$/.test(word) || capitalisedInEvidence.has(word)) return word;
    const bare = word.replace(/['’]s$/, "").replace(/[^\p{L}\p{N}-]/gu, "").toLowerCase();
    if (PROPER_WORDS.has(bare)) return word;
    return word.split("-").map((part) => (keepsCapitals(part) ? part : part.toLowerCase())).join("-");
  }).join("");
}

// ---------------------------------------------------------------------------------------------
// Inflection heuristic
// ---------------------------------------------------------------------------------------------

function lastWord(phrase: string): string {
  const words = phrase.split(/\s+/);
  return words[words.length - 1];
}

/**
 * A conservative guess that a last word is a count noun with a regular plural: letters only, not
 * already ending in -s, not uncountable or irregular, not adjective- or participle-like
 * (-al -ic -ive -ous -ful -less -able -ible -ing -ed -ly -ish), not acronym-like, and not ending in
 * a vowel + y or a consonant + o (spelling the engine's rule might get wrong).
 */
function isRegularNoun(word: string): boolean {
  const w = word.toLowerCase();
  if (!/^\p{Ll}+$/u.test(word) || w.length < 3 || w.endsWith("s")) return false;
  if (NO_PLURAL.has(w) || ADJECTIVES.has(w)) return false;
  if (ADJECTIVE_ENDING.test(w) && !NOUNS_WITH_ADJECTIVE_ENDING.has(w)) return false;
  if (/[aeiou]y$/.test(w) || /[^aeiou]o$/.test(w) || /fe?$/.test(w)) return false;
  return true;
}

function inflectsAsNoun(spun: string[], original: string): boolean {
  return spun.every((s) => isRegularNoun(lastWord(s))) && isRegularNoun(lastWord(original));
}

// ---------------------------------------------------------------------------------------------
// Query → entries
// ---------------------------------------------------------------------------------------------

interface Alternative {
  spun: string;
  when: When;
  /** The spun form came from a proximity phrase and may replace only under these rules. */
  proximityVerdict?: { replace: boolean; why: string };
}

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

function startsWithWords(phrase: string, prefix: string): boolean {
  const p = words(phrase.toLowerCase());
  const q = words(prefix.toLowerCase());
  return q.length < p.length && q.every((w, i) => p[i] === w);
}

const WILDCARD_SUFFIXES = ["ing", "ation", "ations", "e", "es", "ed", "er", "ers", "s", ""];

function phraseTexts(node: QNode): string[] | undefined {
  if (node.k === "phrase") {
    return node.wildcard ? WILDCARD_SUFFIXES.map((s) => node.text + s) : [node.text];
  }
  if (node.k === "or") {
    const parts = node.items.map(phraseTexts);
    return parts.every((p) => p !== undefined) ? parts.flat() as string[] : undefined;
  }
  return undefined;
}

function push(list: string[] | undefined, items: string[]): string[] {
  return [...(list ?? []), ...items.filter((i) => !(list ?? []).includes(i))];
}

/**
 * A proximity phrase that starts with the spun form ("spun … context" ~N): its context words and
 * its distance, for a near / not_near condition; undefined for anything else.
 */
function proximityAfter(node: QNode, spun: string): { context: string; within: number } | undefined {
  if (node.k !== "phrase" || node.proximity === undefined || !startsWithWords(node.text, spun)) return undefined;
  return { context: words(node.text).slice(words(spun).length).join(" "), within: node.proximity };
}

/** One AND-conjunct after the spun form, added to `when`. */
function addCondition(when: When, node: QNode, spun: string): void {
  if (node.k === "not") {
    const near = proximityAfter(node.item, spun);
    if (near && when.near === undefined) {
      when.not_near = push(when.not_near, [near.context]);
      when.within = near.within;
      return;
    }
    const texts = phraseTexts(node.item);
    if (!texts) throw new Error("NOT of a complex query");
    when.document_lacks = push(when.document_lacks, texts);
    return;
  }
  const near = proximityAfter(node, spun);
  if (near && when.not_near === undefined) {
    when.near = push(when.near, [near.context]);
    when.within = near.within;
    return;
  }
  const texts = phraseTexts(node);
  if (!texts) throw new Error("nested AND inside a condition");
  if (node.k === "phrase" && !node.wildcard) when.document_has = push(when.document_has, texts);
  else when.document_has_any = push(when.document_has_any, texts);
}

/**
 * A proximity phrase as the spun form. The words are split into a spun prefix and a context
 * suffix (words of the correct term, or acronyms such as TP / UTAUT):
 *   - words that align one to one with the correct term ("disappearing gradient problem"~5 →
 *     "vanishing gradient problem") → the contiguous phrase replaces;
 *   - a spun prefix of 2+ words whose context is the correct term or whose length equals it
 *     ("design acknowledgment pattern recognition"~20, "genuine positive TP"~5) → replaces, with
 *     near: [context], within: N;
 *   - otherwise detect-only: the first word, near the other words.
 */
function translateProximity(text: string, n: number, expected: Cleaned): Alternative {
  const ws = words(text);
  const exp = words(expected.text.toLowerCase().replace(/[(),]/g, " "));
  const expSet = new Set(exp);
  const usable = expected.note === undefined;
  const aligned = ws.length === exp.length &&
    ws.every((w, i) => w.toLowerCase() === exp[i] || !expSet.has(w.toLowerCase()));
  if (usable && aligned && ws.length >= 2) {
    return { spun: text, when: {}, proximityVerdict: { replace: true, why: "contiguous" } };
  }
  let k = 0;
  while (k < ws.length - 1) {
    const w = ws[ws.length - 1 - k];
    if (!(expSet.has(w.toLowerCase()) || /^\p{Lu}{2,}$/u.test(w))) break;
    k++;
  }
  if (k > 0) {
    const prefix = ws.slice(0, ws.length - k);
    const context = ws.slice(ws.length - k);
    const plainContext = context.filter((w) => !/^\p{Lu}{2,}$/u.test(w)).join(" ").toLowerCase();
    const replace = usable && prefix.length >= 2 &&
      (plainContext === exp.join(" ") || prefix.length === exp.length);
    return {
      spun: prefix.join(" "),
      when: { near: [context.join(" ")], within: n },
      proximityVerdict: { replace, why: replace ? "near context" : "proximity without a safe replacement" },
    };
  }
  return {
    spun: ws[0],
    when: { near: ws.slice(1), within: n },
    proximityVerdict: { replace: false, why: "proximity without a safe replacement" },
  };
}

function alternatives(node: QNode, expected: Cleaned): Alternative[] {
  if (node.k === "or") return node.items.flatMap((item) => alternatives(item, expected));
  const items = node.k === "and" ? node.items : [node];
  const first = items[0];
  if (first.k !== "phrase" || first.bare) throw new Error("query does not start with a quoted phrase");
  const alt: Alternative = first.proximity !== undefined
    ? translateProximity(first.text, first.proximity, expected)
    : { spun: first.text, when: {} };
  for (const item of items.slice(1)) addCondition(alt.when, item, alt.spun);
  return [alt];
}

// ---------------------------------------------------------------------------------------------
// Row → entries, guards
// ---------------------------------------------------------------------------------------------

function key(s: string): string {
  return s.toLowerCase().replace(/’/g, "'").replace(/\s+/g, " ").trim();
}

function withoutTrailingAcronym(s: string): string {
  return s.replace(/\s*\([^()]*\)\s*$/, "").trim();
}

function isSingleWord(spun: string): boolean {
  return /^[\p{L}\p{N}']+$/u.test(spun);
}

function hasDocumentCondition(when: When): boolean {
  return (when.document_has?.length ?? 0) + (when.document_has_any?.length ?? 0) > 0;
}

interface Context {
  standard: Set<string>;
  /** Acronyms written after each correct term in the export: "web of things" → {wot}. */
  acronyms: Map<string, Set<string>>;
  warn: (m: string) => void;
}

function describeQuery(row: Row): string {
  return `PPS query: ${row.query}`;
}

function rowToOutcome(row: Row, ctx: Context): Outcome {
  let tree: QNode;
  try {
    tree = new QueryParser(tokenizeQuery(row.query, (m) => ctx.warn(`line ${row.line}: ${m}`))).parse();
  } catch (e) {
    return { kind: "dropped", reason: "unparseable query", detail: (e as Error).message };
  }
  const firstSpun = /"([^"]*)"/.exec(row.query)?.[1] ?? "";
  const cleaned = cleanExpected(row.expected, firstSpun);
  let alts: Alternative[];
  try {
    alts = alternatives(tree, cleaned);
  } catch (e) {
    return { kind: "dropped", reason: "unsupported query shape", detail: (e as Error).message };
  }
  const entries: Entry[] = [];
  for (const alt of alts) {
    const made = altToEntry(alt, cleaned, row, ctx);
    if ("reason" in made) return { kind: "dropped", reason: made.reason, detail: made.detail };
    const same = entries.find((e) => JSON.stringify(e.when) === JSON.stringify(made.when));
    if (same) same.spun.push(...made.spun);
    else entries.push(made);
  }
  return { kind: "entry", entries };
}

function altToEntry(alt: Alternative, cleaned: Cleaned, row: Row, ctx: Context):
    Entry | { reason: string; detail: string } {
  const rawSpun = alt.spun.trim();
  if (rawSpun === "" || cleaned.text.trim() === "") return { reason: "empty", detail: row.query };
  const spunKey = key(rawSpun);
  if (ctx.standard.has(spunKey) || isStandardWithItsAcronym(rawSpun, ctx)) {
    return { reason: "spun form is a standard term", detail: `"${rawSpun}" (→ ${row.expected})` };
  }
  const spun = isTitleCase(rawSpun) ? rawSpun : naturalCase(rawSpun, rawSpun);
  let detectReason: string | undefined;
  if (cleaned.note) detectReason = `expected phrase is a note (${cleaned.note})`;
  else if (alt.proximityVerdict && !alt.proximityVerdict.replace) detectReason = alt.proximityVerdict.why;
  else if (isSingleWord(rawSpun) && COMMON_WORDS.has(spunKey) && !hasDocumentCondition(alt.when)) {
    detectReason = "common single word without a document condition";
  } else if (isSingleWord(rawSpun) && !hasDocumentCondition(alt.when) && alt.when.near) {
    detectReason = "single word with only a proximity condition";
  }
  const detect = detectReason !== undefined;
  const exactCase = !detect && isTitleCase(rawSpun) && isTitleCase(cleaned.text);
  const original = detect || exactCase ? cleaned.text : naturalCase(cleaned.text, rawSpun);
  if (!detect && key(original) === spunKey) {
    return { reason: "spun equals original", detail: `"${rawSpun}"` };
  }
  const hasConditions = Object.keys(alt.when).length > 0;
  return {
    spun: [spun],
    original: detect ? row.expected : original,
    detect,
    exactCase,
    inflect: !detect && inflectsAsNoun([spun], original),
    weight: row.papers,
    when: alt.when,
    note: hasConditions || alt.proximityVerdict || row.query.includes("ADN") ? describeQuery(row) : undefined,
    examples: [],
    allows: [],
    rows: [row],
    detectReason,
  };
}

/**
 * "Dimensionality Reduction (DR)" is a correct term with its own acronym; "Web of Things (IoT)" is
 * not (the term's acronym is WoT): the wrong acronym is the fingerprint.
 */
function isStandardWithItsAcronym(spun: string, ctx: Context): boolean {
  const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(spun.trim());
  if (!m || !ctx.standard.has(key(m[1]))) return false;
  const known = ctx.acronyms.get(key(m[1]));
  return known !== undefined && known.has(key(m[2]));
}

function acronymsOf(rows: Row[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const row of rows) {
    const m = /^(.*\S)\s*\(([^()\s]+)\)$/.exec(row.expected.replace(/^"|"$/g, "").trim());
    if (m) map.set(key(m[1]), new Set([...(map.get(key(m[1])) ?? []), key(m[2])]));
  }
  return map;
}

/** Correct terms: the standard list plus every usable expected phrase of the export. */
function standardTerms(rows: Row[]): Set<string> {
  const set = new Set(STANDARD_TERMS);
  for (const row of rows) {
    const cleaned = cleanExpected(row.expected, "");
    const raw = row.expected.replace(/^"|"$/g, "");
    for (const t of [raw, withoutTrailingAcronym(raw), cleaned.note ? "" : cleaned.text]) {
      if (t && !/[?/[\]]/.test(t)) set.add(key(t));
    }
  }
  return set;
}

// ---------------------------------------------------------------------------------------------
// Deduplication and order
// ---------------------------------------------------------------------------------------------

function entryKey(e: Entry): string {
  return `${e.spun.map(key).sort().join("|")}#${JSON.stringify(e.when)}`;
}

/** Same spun form and conditions: keep the most papers; merge rows with the same original. */
function dedupe(entries: Entry[], drops: Drop[], merged: Drop[]): Entry[] {
  const byKey = new Map<string, Entry>();
  const sorted = [...entries].sort((a, b) => b.weight - a.weight);
  for (const e of sorted) {
    const k = entryKey(e);
    const kept = byKey.get(k);
    if (!kept) {
      byKey.set(k, e);
    } else if (key(kept.original) === key(e.original) && kept.detect === e.detect) {
      kept.rows.push(...e.rows);
      for (const r of e.rows) merged.push({ reason: "duplicate with the same original", row: r, detail: `"${e.spun[0]}" → ${e.original}` });
    } else {
      for (const r of e.rows) {
        drops.push({ reason: "duplicate spun form with another original (fewer papers)", row: r,
          detail: `"${e.spun[0]}" → ${e.original} (kept → ${kept.original})` });
      }
    }
  }
  return [...byKey.values()];
}

/**
 * A conditional entry whose spun form and original equal those of an unconditional entry adds
 * nothing (the unconditional one acts first): merge its rows into that entry.
 */
function mergeIntoUnconditional(entries: Entry[], merged: Drop[]): Entry[] {
  const plain = new Map<string, Entry>();
  for (const e of entries) {
    if (!e.detect && Object.keys(e.when).length === 0) for (const s of e.spun) plain.set(key(s), e);
  }
  return entries.filter((e) => {
    if (e.detect || Object.keys(e.when).length === 0 || e.spun.length !== 1) return true;
    const p = plain.get(key(e.spun[0]));
    if (!p || key(p.original) !== key(e.original)) return true;
    p.rows.push(...e.rows);
    p.weight = Math.max(p.weight, e.weight);
    for (const r of e.rows) {
      merged.push({ reason: "conditional duplicate of an unconditional entry", row: r, detail: `"${e.spun[0]}" → ${e.original}` });
    }
    return false;
  });
}

/**
 * Some PPS rows give a tortured phrase as the expected text ('congested trees' → 'choice trees',
 * itself the plural of the fingerprint 'choice tree' → 'decision tree'). Restoring such an entry
 * would leave text that a second run changes again: follow the chain to its end instead.
 */
function resolveChains(entries: Entry[], warnings: string[]): void {
  const to = new Map<string, string>();
  for (const e of entries) {
    if (e.detect || Object.keys(e.when).length > 0) continue;
    for (const s of e.spun) {
      to.set(key(s), e.original);
      if (e.inflect) to.set(key(plural(s)), plural(e.original));
    }
  }
  for (const e of entries) {
    if (e.detect) continue;
    const seen = new Set<string>([key(e.original)]);
    let next = to.get(key(e.original));
    while (next !== undefined && !seen.has(key(next))) {
      warnings.push(`chain: "${e.spun[0]}" → "${e.original}" is itself spun; restored to "${next}"`);
      e.note = `${e.note ? `${e.note}; ` : ""}the PPS expected text "${e.original}" is itself a fingerprint`;
      e.original = next;
      seen.add(key(next));
      next = to.get(key(next));
    }
  }
}

function conditionCount(w: When): number {
  return Object.entries(w).filter(([k]) => k !== "within").reduce(
    (n, [, v]) => n + (Array.isArray(v) ? v.length : 0), 0);
}

/**
 * By weight, descending. Entries sharing a spun form are kept together at the place of the
 * heaviest, the most specific (most conditions) first, since the first whose conditions hold wins.
 */
function order(entries: Entry[]): Entry[] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) {
    const k = e.spun.map(key).sort().join("|");
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const list = [...groups.values()].map((g) => g.sort((a, b) =>
    conditionCount(b.when) - conditionCount(a.when) || b.weight - a.weight));
  list.sort((a, b) => Math.max(...b.map((e) => e.weight)) - Math.max(...a.map((e) => e.weight)) ||
    key(a[0].spun[0]).localeCompare(key(b[0].spun[0])));
  return list.flat();
}

/** README: the default id is the first spun form lower-cased with spaces → "-"; make it unique. */
function assignIds(entries: Entry[]): void {
  const seen = new Map<string, number>();
  for (const e of entries) {
    const base = e.spun[0].toLowerCase().replace(/\s+/g, "-");
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1) e.id = `${base}-${n}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Relaxing document conditions
// ---------------------------------------------------------------------------------------------

const SIGNAL_CLASS = "spun-signal";

/** A row of the form `"spun" AND "correct term"`: the context is the original itself. */
function contextIsOriginal(e: Entry): boolean {
  const has = e.when.document_has ?? [];
  return has.length === 1 && !e.when.document_has_any && key(has[0]) === key(e.original);
}

/**
 * PPS adds `AND "correct term"` so that a search of millions of papers only hits papers that also
 * use the correct term. A fully spun paper no longer holds the correct term, so the strict
 * condition would miss it. Each replacing entry of such a row therefore gets a second
 * alternative: the document holds another, unconditional fingerprint (class @spun-signal: the spun
 * forms of the unconditional replacing entries, which occur in no clean fixture). NOT conditions
 * stay in both alternatives. Rows whose context is a field word (AND "fault", AND neural) and spun
 * forms that are ordinary English (ORDINARY_PHRASES, COMMON_WORDS) keep the strict condition only.
 * Returns the classes of the pack.
 */
function relax(entries: Entry[]): Map<string, string[]> {
  const signals = entries.filter((e) => !e.detect && Object.keys(e.when).length === 0).flatMap((e) => e.spun);
  for (const e of entries) {
    if (e.detect || !hasDocumentCondition(e.when) || e.when.near || e.when.not_near) continue;
    if (!contextIsOriginal(e) || e.spun.some((sp) => ORDINARY_PHRASES.has(key(sp)) || COMMON_WORDS.has(key(sp)))) continue;
    e.relaxed = { document_has_any: [`@${SIGNAL_CLASS}`] };
    if (e.when.document_lacks) e.relaxed.document_lacks = e.when.document_lacks;
  }
  return new Map([[SIGNAL_CLASS, signals]]);
}

// ---------------------------------------------------------------------------------------------
// A small simulation of the engine, to pick example sentences that hold for the whole pack
// ---------------------------------------------------------------------------------------------



function plural(w: string): string {
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + "ies";
  if (/(?:s|x|z|ch|sh)$/.test(w)) return w + "es";
  return w + "s";
}




/**
 * The real engine over the entries being built, so each example and allow is exactly what unspin
 * will do with the finished pack (the entries go through the real loader, with placeholder
 * examples, and ids that name their index).
 */
class Simulator {
  private readonly dict: Dictionary;

  constructor(entries: Entry[], classes: Map<string, string[]>) {
    const probe = entries.map((e, i) => ({ ...toYamlEntry({ ...e, examples: [{ in: "x", out: "x" }], allows: [] }), id: `e${i}`, note: undefined }));
    // JSON is YAML, and no person reads this text
    const text = JSON.stringify({ pack: "science", classes: Object.fromEntries(classes), entries: probe });
    this.dict = buildDictionary([readPack("science.yaml (being built)", text)]);
  }

  /** Restores `text`; returns the output and the indexes of the entries that acted. */
  restore(text: string): { out: string; acted: Set<number> } {
    const r = restore(text, this.dict);
    return { out: r.text, acted: new Set(r.edits.map((e) => Number(e.entry.id.slice(1)))) };
  }
}





// ---------------------------------------------------------------------------------------------
// Examples and allows
// ---------------------------------------------------------------------------------------------

/** Context to put in an example so that the entry's conditions hold. */
function contextClause(when: When): { inline: string; tail: string } {
  const has = [...(when.document_has ?? []), ...(when.document_has_any ?? []).slice(0, 1)];
  const tail = has.length > 0 ? `, together with the ${has.join(", the ")}` : "";
  const inline = when.near ? ` (${when.near[0]})` : "";
  return { inline, tail };
}

function exampleSentence(template: (x: string) => string, spun: string, when: When): string {
  const { inline, tail } = contextClause(when);
  return `${template(spun + inline)}${tail}.`;
}

/** Sentences showing the clean case left alone: the spun form without its context, or with the NOT phrase. */
function allowSentences(template: (x: string) => string, spun: string, when: When): string[] {
  const out: string[] = [];
  if (hasDocumentCondition(when) || when.near) out.push(`${template(spun)}.`);
  for (const z of when.document_lacks ?? []) {
    const { inline, tail } = contextClause(when);
    out.push(`${template(spun + inline)}${tail}, unlike the ${z}.`);
  }
  for (const z of when.not_near ?? []) out.push(`${template(`${spun} ${z}`)}.`);
  return out;
}

/**
 * Every entry gets one example per spun form (`out` is what the simulated pack writes, and the entry
 * must be the one acting) and, when it has conditions, allows that the simulated pack leaves alone.
 * Returns the entries whose examples cannot work (another entry with the same spun form wins).
 */
function attachExamples(entries: Entry[], classes: Map<string, string[]>, warn: (m: string) => void): Set<Entry> {
  const sim = new Simulator(entries, classes);
  const shadowed = new Set<Entry>();
  entries.forEach((e, i) => {
    for (const spun of e.spun) {
      const pick = pickExample(sim, i, spun, e.when);
      if (pick) e.examples.push(pick);
      else shadowed.add(e);
    }
    if (shadowed.has(e)) return;
    for (const template of TEMPLATES) {
      const allows = allowSentences(template, e.spun[0], e.when);
      if (allows.every((a) => sim.restore(a).out === a && !sim.restore(a).acted.has(i))) {
        e.allows = allows;
        break;
      }
    }
    if (e.allows.length === 0 && Object.keys(e.when).length > 0) {
      warn(`no allow sentence holds for "${e.spun[0]}"`);
    }
  });
  return shadowed;
}

function pickExample(sim: Simulator, index: number, spun: string, when: When): ExamplePair | undefined {
  for (const template of TEMPLATES) {
    const input = exampleSentence(template, spun, when);
    const { out, acted } = sim.restore(input);
    if (acted.has(index)) return { in: input, out };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// YAML output
// ---------------------------------------------------------------------------------------------

const CREDIT = "Problematic Paper Screener (Cabanac, Labbé, Magazinov), 'Tortured phrases: A dubious " +
  "writing style emerging in science', arXiv 2107.06751, 2021";

function toYamlEntry(e: Entry): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.id) out.id = e.id;
  out.spun = e.spun.length === 1 ? e.spun[0] : e.spun;
  out.original = e.original;
  if (e.detect) out.detect = true;
  if (e.exactCase) out.case = "exact";
  if (e.inflect) out.inflect = "noun";
  out.weight = e.weight;
  if (e.relaxed) out.when = [e.when, e.relaxed];
  else if (Object.keys(e.when).length > 0) out.when = e.when;
  if (e.note) out.note = e.note;
  out.examples = e.examples;
  if (e.allows.length > 0) out.allows = e.allows;
  return out;
}

const FLOW_KEYS = new Set(["spun", "when", "examples", "allows"]);

function renderYaml(entries: Entry[], classes: Map<string, string[]>, csvName: string): string {
  const doc = new Document({
    pack: "science",
    description: `Restores tortured phrases in scientific papers. Source: ${CREDIT}; licence CC BY 4.0. ` +
      `Generated by scripts/build-science.ts from ${csvName}.`,
    classes: Object.fromEntries(classes),
    entries: entries.map(toYamlEntry),
  });
  // compact entries: conditions, spun lists, examples and allows in flow style
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !FLOW_KEYS.has(String(pair.key.value))) return;
      const value = pair.value;
      if (isMap(value) || isSeq(value)) value.flow = true;
      if (isSeq(value)) for (const item of value.items) if (isMap(item)) item.flow = true;
    },
  });
  doc.commentBefore = [
    " yaml-language-server: $schema=./schema.json",
    "",
    ` science pack: tortured phrases of the ${CREDIT}.`,
    " Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); credit the authors and the PPS.",
    ` Generated by scripts/build-science.ts from ${csvName} — do not edit by hand;`,
    " change the script and run: npx tsx scripts/build-science.ts /work/shared/data/pps/pps-export.csv",
    " See dictionaries/science-report.md for what was kept, turned detect-only and dropped.",
  ].join("\n");
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

interface Stats {
  rowsIn: number;
  replacingRows: number;
  detectRows: number;
  merged: Drop[];
  drops: Drop[];
  entries: Entry[];
  warnings: string[];
  crossCheck: string[];
}

function groupBy<T>(items: T[], f: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) m.set(f(i), [...(m.get(f(i)) ?? []), i]);
  return new Map([...m.entries()].sort((a, b) => b[1].length - a[1].length));
}

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function renderReport(s: Stats, csvName: string): string {
  const replacing = s.entries.filter((e) => !e.detect);
  const detect = s.entries.filter((e) => e.detect);
  const dropped = s.drops.length;
  const lines = [
    "# science pack: build report",
    "",
    `Generated by \`scripts/build-science.ts\` from \`${csvName}\` (${CREDIT}; CC BY 4.0). Do not edit by hand.`,
    "",
    "## Counts (rows of the export)",
    "",
    "| rows | count |",
    "| --- | ---: |",
    `| rows in | ${s.rowsIn} |`,
    `| → replacing entries | ${s.replacingRows} |`,
    `| → detect-only entries | ${s.detectRows} |`,
    `| → merged into an entry with the same spun form and original | ${s.merged.length} |`,
    `| → dropped | ${dropped} |`,
    `| check: ${s.replacingRows} + ${s.detectRows} + ${s.merged.length} + ${dropped} | ${s.replacingRows + s.detectRows + s.merged.length + dropped} |`,
    "",
    `The YAML holds ${s.entries.length} entries: ${replacing.length} replacing, ${detect.length} detect-only ` +
      `(${s.entries.reduce((n, e) => n + e.spun.length, 0)} spun forms; a row whose query is \`"a" OR "b"\` gives one ` +
      "entry with two spun forms, or two entries when their conditions differ). " +
      `${replacing.filter((e) => Object.keys(e.when).length > 0).length} replacing entries carry conditions; ` +
      `${s.entries.filter((e) => e.inflect).length} have \`inflect: noun\`.`,
    "",
    "## Detect-only entries by reason",
    "",
    "| reason | entries | examples |",
    "| --- | ---: | --- |",
    ...[...groupBy(detect, (e) => e.detectReason ?? "?").entries()].map(([reason, es]) =>
      `| ${mdCell(reason)} | ${es.length} | ${es.slice(0, 4).map((e) => mdCell(`"${e.spun[0]}" (${e.original})`)).join("; ")} |`),
    "",
    "## Dropped rows by reason",
    "",
    "| reason | rows | examples |",
    "| --- | ---: | --- |",
    ...[...groupBy(s.drops, (d) => d.reason).entries()].map(([reason, ds]) =>
      `| ${mdCell(reason)} | ${ds.length} | ${ds.slice(0, 5).map((d) => mdCell(d.detail)).join("; ")} |`),
    "",
    "## Merged rows",
    "",
    `${s.merged.length} rows repeat the spun form, conditions and original of a row with more papers; ` +
      `they were merged into it (its weight is the larger count). Examples: ` +
      `${s.merged.slice(0, 5).map((d) => mdCell(d.detail)).join("; ") || "none"}.`,
    "",
    "## Cross-check with tortured-phrases.json",
    "",
    ...s.crossCheck,
    "",
    "## Warnings",
    "",
    ...(s.warnings.length > 0 ? s.warnings.map((w) => `- ${mdCell(w)}`) : ["none"]),
    "",
  ];
  return lines.join("\n");
}

interface JsonPair {
  tortured: string;
  correct: string;
}

/** The JSON copy mis-split AND rows: their context phrases became entries. Show none of them leaked. */
function crossCheck(jsonFile: string | undefined, rows: Row[], entries: Entry[]): string[] {
  if (!jsonFile) return ["(no JSON given)"];
  const data = JSON.parse(readFileSync(jsonFile, "utf8")) as { phrases: JsonPair[] };
  const contexts = new Set<string>();
  for (const r of rows) {
    const phrases = [...r.query.matchAll(/"([^"]*)"/g)].map((m) => key(m[1]));
    for (const p of phrases.slice(1)) contexts.add(p);
  }
  const spunKeys = new Set(entries.filter((e) => !e.detect).flatMap((e) => e.spun.map(key)));
  const misSplit = data.phrases.filter((p) => contexts.has(key(p.tortured)) && !spunKeys.has(key(p.tortured)));
  const leaked = data.phrases.filter((p) => contexts.has(key(p.tortured)) && spunKeys.has(key(p.tortured)));
  const agree = data.phrases.filter((p) => spunKeys.has(key(p.tortured))).length;
  const inExport = new Set(rows.flatMap((r) => [...r.query.matchAll(/"([^"]*)"/g)].map((m) => key(m[1]))));
  const jsonOnly = data.phrases.filter((p) => !inExport.has(key(p.tortured)));
  return [
    `- JSON pairs: ${data.phrases.length}; ${agree} of them have a tortured form that is a replacing spun form here.`,
    `- JSON pairs whose "tortured" form is the context phrase of an AND row of the export (the mis-split): ` +
      `${misSplit.length + leaked.length}; of these, ${leaked.length} are spun forms here` +
      `${leaked.length > 0 ? ` (${leaked.slice(0, 8).map((p) => `"${p.tortured}"`).join(", ")}: in the export each is also a spun form in its own right, a first phrase or an OR alternative)` : ""}.`,
    `- JSON pairs whose tortured form occurs nowhere in the export: ${jsonOnly.length}, not used (the export is ` +
      `the authority), e.g. ${jsonOnly.slice(0, 6).map((p) => mdCell(`"${p.tortured}" → "${p.correct}"`)).join("; ")}.`,
    `  Examples of mis-split JSON pairs not taken: ${misSplit.slice(0, 6).map((p) => mdCell(`"${p.tortured}" → "${p.correct}"`)).join("; ")}.`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function build(csvFile: string, jsonFile: string | undefined): { yaml: string; report: string; stats: Stats } {
  const rows = readRows(csvFile);
  const warnings: string[] = [];
  const ctx: Context = { standard: standardTerms(rows), acronyms: acronymsOf(rows), warn: (m) => warnings.push(m) };
  const drops: Drop[] = [];
  const merged: Drop[] = [];
  let candidates: Entry[] = [];
  for (const row of rows) {
    const outcome = rowToOutcome(row, ctx);
    if (outcome.kind === "dropped") drops.push({ reason: outcome.reason, row, detail: outcome.detail });
    else candidates.push(...outcome.entries);
  }
  candidates = mergeIntoUnconditional(dedupe(candidates, drops, merged), merged);
  resolveChains(candidates, warnings);
  let entries = order(candidates);
  for (;;) {
    for (const e of entries) {
      e.examples = [];
      e.allows = [];
    }
    const classes = relax(entries);
    const exampleWarnings: string[] = [];
    const shadowed = attachExamples(entries, classes, (m) => exampleWarnings.push(m));
    if (shadowed.size === 0) {
      warnings.push(...exampleWarnings);
      break;
    }
    for (const e of shadowed) {
      for (const r of e.rows) {
        drops.push({ reason: "shadowed: another entry with the same spun form always acts first", row: r,
          detail: `"${e.spun[0]}" → ${e.original}` });
      }
    }
    entries = entries.filter((e) => !shadowed.has(e));
  }
  assignIds(entries);
  const replacingLines = new Set(entries.filter((e) => !e.detect).map((e) => e.rows[0].line));
  const detectLines = new Set(entries.filter((e) => e.detect).map((e) => e.rows[0].line)
    .filter((l) => !replacingLines.has(l)));
  const placed = (l: number): boolean => replacingLines.has(l) || detectLines.has(l);
  const mergedOnly = merged.filter((d) => !placed(d.row.line));
  const mergedLines = new Set(mergedOnly.map((d) => d.row.line));
  const droppedOnly = uniqueRows(drops.filter((d) => !placed(d.row.line) && !mergedLines.has(d.row.line)));
  const stats: Stats = {
    rowsIn: rows.length,
    replacingRows: replacingLines.size,
    detectRows: detectLines.size,
    merged: uniqueRows(mergedOnly),
    drops: droppedOnly,
    entries,
    warnings,
    crossCheck: crossCheck(jsonFile, rows, entries),
  };
  const total = stats.replacingRows + stats.detectRows + stats.merged.length + stats.drops.length;
  if (total !== rows.length) throw new Error(`counts do not add up: ${total} != ${rows.length}`);
  const csvName = csvFile.split("/").pop() ?? csvFile;
  return { yaml: renderYaml(entries, relax(entries), csvName), report: renderReport(stats, csvName), stats };
}

/** One drop per row (a row with two spun forms could be dropped twice). */
function uniqueRows(list: Drop[]): Drop[] {
  const seen = new Set<number>();
  return list.filter((d) => !seen.has(d.row.line) && seen.add(d.row.line) !== undefined);
}

function main(argv: string[]): void {
  const [csvFile, jsonArg] = argv;
  if (!csvFile) {
    console.error("usage: npx tsx scripts/build-science.ts pps-export.csv [tortured-phrases.json]");
    process.exit(2);
  }
  const jsonFile = jsonArg ?? join(dirname(csvFile), "tortured-phrases.json");
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const { yaml, report, stats } = build(csvFile, safeExists(jsonFile) ? jsonFile : undefined);
  writeFileSync(join(root, "dictionaries", "science.yaml"), yaml);
  writeFileSync(join(root, "dictionaries", "science-report.md"), report);
  console.log(`science.yaml: ${stats.entries.length} entries (${stats.entries.filter((e) => !e.detect).length} replacing); ` +
    `rows ${stats.rowsIn} = ${stats.replacingRows} replacing + ${stats.detectRows} detect + ${stats.merged.length} merged + ${stats.drops.length} dropped`);
  if (stats.warnings.length > 0) console.log(`${stats.warnings.length} warnings (see the report)`);
}

function safeExists(file: string): boolean {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
}

main(process.argv.slice(2));
