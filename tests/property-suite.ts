/**
 * The restore properties, shared by tests/cli/properties.test.ts (CI: 10,000+ cases) and tests/fuzz.ts
 * (`npm run fuzz -- --runs 100000`). For any text:
 *   1. restore() never throws;
 *   2. edits are in order, do not overlap, lie inside the input on code point boundaries, their
 *      `spun` is the input at [start, end), and their line:col is where they start;
 *   3. the output equals the input outside the edit spans (and each span holds its replacement);
 *   4. applying the `--format json` edits (start/end/replacement, findings skipped) to the input
 *      gives the `--format text` output;
 *   5. restoring the output again makes no further edit (idempotence), with two explicit exceptions:
 *      - an entry with conditions (`when`, `match_case`) may act on the second pass once the first
 *        pass changed something: conditions read the input, never restored text (dictionaries/
 *        README.md), and the restored text is a new input whose words may now satisfy them
 *        (e.g. `document_has: [neural network]` after "neural organization" was restored);
 *      - an edit of a pack whose verdict on the document turned from clean to spun: the score reads
 *        the whole document, and the first pass changed it (counted in verdictChanged);
 *      - entries listed in KNOWN_NOT_IDEMPOTENT, each with its reason.
 *      Any other second-pass edit (an unconditioned entry acting on restored text: a chain) fails.
 * Texts mix random Unicode (lone surrogates included) with the packs' own spun forms, originals,
 * examples and allows, in random case, joined by spaces, line breaks of every kind and punctuation,
 * so the properties meet real matches, overlaps and conditions.
 */
import fc from "fast-check";
import type { Dictionary } from "../src/dictionary/build.js";
import { buildDictionary } from "../src/dictionary/build.js";
import { restore } from "../src/engine/restore.js";
import { formatJson } from "../src/format/json.js";
import { readPack } from "../src/dictionary/loader.js";
import { builtinPacks, loadDictionary, readPackFile, resolvePack } from "../src/dictionary/packs.js";
import { SPUN_AT } from "../src/engine/evidence.js";
import type { DocEvidence, Edit, Entry } from "../src/types.js";

/**
 * Unconditioned entries of the shipped packs known to act again on restored text, by pack/id, each
 * with the reason. Found by this suite; the packs belong to their maintainers, so the entries are
 * reported and listed here rather than edited. Property 5 skips only these; a second-pass edit by
 * any other unconditioned entry fails.
 */
export const KNOWN_NOT_IDEMPOTENT: Record<string, string> = {
  // empty: the one chain inside a pack ('congested trees' → 'choice trees' → 'decision trees') is
  // resolved by scripts/build-science/ (resolveChains in entries.ts)
};

/**
 * Second-pass edits of one pack on what another pack restored (a chain across packs: news
 * 'web' → 'net' inside 'amazon web services', which science then restores back), by pack/id. Not a
 * failure yet, but counted and printed: an open bug (issue 15, fixed point across packs).
 */
export const crossPackChains = new Map<string, number>();

/**
 * Second-pass edits that property 5 excused because the first pass changed the document and its
 * pack's verdict turned from clean to spun (the score reads the whole document), by pack/id.
 */
export const verdictChanged = new Map<string, number>();

function packSpun(doc: DocEvidence | undefined, pack: string): boolean {
  if (!doc) return false;
  return (doc.packs?.[pack] ?? doc.score) >= SPUN_AT;
}

/** Second-pass edits that property 5 excused because their entry has conditions, by pack/id. */
export const excusedByConditions = new Map<string, number>();

const entryIndex = new WeakMap<Dictionary, Map<string, Entry>>();

function entryOf(dict: Dictionary, pack: string, id: string): Entry | undefined {
  let m = entryIndex.get(dict);
  if (!m) {
    m = new Map(dict.entries.map((e) => [`${e.pack}/${e.id}`, e]));
    entryIndex.set(dict, m);
  }
  return m.get(`${pack}/${id}`);
}

/** A pack of our own, so the properties run even where no pack ships; chains and overlaps on purpose. */
export const TEST_PACK = `
pack: props
classes:
  date-word: [early, late, mid, in, since]
entries:
  - spun: chilly struggle
    original: Cold War
    examples: [{in: the Chilly Struggle, out: the Cold War}]
  - spun: Could
    original: May
    match_case: true
    when: {before: ["@date-word"], sentence_start: false}
    examples: [{in: in early Could., out: in early May.}]
  - spun: the 2
    original: the two
    when: {after: ["<lower>"]}
    examples: [{in: the 2 men, out: the two men}]
  - spun: press convention
    original: press conference
    examples: [{in: a press convention, out: a press conference}]
  - spun: convention heart
    original: convention center
    examples: [{in: the convention heart, out: the convention center}]
  - spun: neural organization
    original: neural network
    inflect: noun
    examples: [{in: a neural organization, out: a neural network}]
  - spun: arms reduction
    original: arms control
    examples: [{in: arms reduction, out: arms control}]
  - spun: final yr
    original: last year
    examples: [{in: final yr, out: last year}]
  - spun: cadence design
    original: rhythm pattern (?)
    detect: true
    examples: [{in: a cadence design, out: a cadence design}]
`;

export interface Target {
  name: string;
  dict: Dictionary;
  phrases: string[];
}

function phrasesOf(
  sources: {
    entries: {
      spun: string[];
      original: string;
      examples: { in: string; out: string }[];
      allows: { text: string }[];
    }[];
  }[],
): string[] {
  const out = new Set<string>();
  for (const src of sources) {
    for (const e of src.entries) {
      for (const s of e.spun) out.add(s);
      out.add(e.original);
      for (const x of e.examples) {
        out.add(x.in);
        out.add(x.out);
      }
      for (const a of e.allows) out.add(a.text);
    }
  }
  return [...out];
}

/** The dictionaries the properties run on: our test pack, each shipped pack, and all shipped packs together. */
export function targets(): Target[] {
  const test = readPack("props.yaml", TEST_PACK);
  const list: Target[] = [{ name: "test pack", dict: buildDictionary([test]), phrases: phrasesOf([test]) }];
  const packs = builtinPacks();
  const sources = new Map(packs.map((p) => [p, readPackFile(resolvePack(p))]));
  for (const [p, source] of sources)
    list.push({ name: `pack ${p}`, dict: loadDictionary([p]), phrases: phrasesOf([source]) });
  if (packs.length > 1) {
    list.push({
      name: `packs ${packs.join("+")}`,
      dict: loadDictionary(packs),
      phrases: phrasesOf([...sources.values()]),
    });
  }
  return list;
}

const SEPARATORS = [
  " ",
  " ",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\r",
  "\n\n",
  "\r\n\r\n",
  "\t",
  ". ",
  ", ",
  "; ",
  "! ",
  "? ",
  ".\n",
  " - ",
  "—",
  "'s ",
  "’s ",
  " (",
  ") ",
  '"',
  "“",
  "”",
  "\u00a0",
  "\ufeff",
  "\u2028",
  "…",
  "",
];

const caseOf = (s: string, how: number): string => {
  switch (how) {
    case 1:
      return s.toUpperCase();
    case 2:
      return s.replace(/(^|\s)(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
    case 3:
      return s.charAt(0).toUpperCase() + s.slice(1);
    case 4:
      return s.toLowerCase();
    default:
      return s;
  }
};

/** Text: fragments (pack phrases, random Unicode, numbers, words) joined by separators. */
export function textArb(phrases: readonly string[]): fc.Arbitrary<string> {
  const phrase = phrases.length
    ? fc
        .tuple(fc.integer({ min: 0, max: phrases.length - 1 }), fc.integer({ min: 0, max: 6 }))
        .map(([i, how]) => caseOf(phrases[i], how))
    : fc.constant("word");
  const fragment = fc.oneof(
    { weight: 10, arbitrary: phrase },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
        maxLength: 3,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "5",
        "5,500",
        "$11",
        "3.1",
        "2021",
        "U.S.",
        "don't",
        "off-the-books",
        "https://example.com/a",
        "a@b.org",
      ),
    },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-zA-Z]{1,8}$/) },
  );
  const sep = fc.constantFrom(...SEPARATORS);
  return fc.array(fc.tuple(fragment, sep), { maxLength: 24 }).map((parts) => parts.map(([f, s]) => f + s).join(""));
}

export class PropertyFailure extends Error {}

function fail(msg: string): never {
  throw new PropertyFailure(msg);
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

function lineCol(text: string, off: number): [number, number] {
  let line = 1;
  let start = 0;
  for (let i = 0; i < off; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      start = i + 1;
    }
  }
  return [line, off - start + 1];
}

/** Apply the edits of `--format json` (as parsed JSON) the way a consumer would. */
export function applyJsonEdits(
  input: string,
  edits: readonly { start: number; end: number; replacement: string; detect: boolean }[],
): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    if (e.detect) continue;
    out += input.slice(at, e.start) + e.replacement;
    at = e.end;
  }
  return out + input.slice(at);
}

const show = (s: string): string => JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}…` : s);

/** Check properties 1-5 on one text; throws PropertyFailure naming the broken one. */
export function checkText(input: string, dict: Dictionary): void {
  let r: ReturnType<typeof restore>;
  try {
    r = restore(input, dict);
  } catch (err) {
    fail(`1. restore threw ${(err as Error).message} on ${show(input)}`);
  }
  // 2. edits well-formed
  let prevEnd = 0;
  for (const e of r.edits) {
    if (!(e.start >= prevEnd && e.start < e.end && e.end <= input.length)) {
      fail(
        `2. edit [${e.start}, ${e.end}) overlaps or lies outside (previous end ${prevEnd}, length ${input.length}) in ${show(input)}`,
      );
    }
    if (isLow(input.charCodeAt(e.start)) && isHigh(input.charCodeAt(e.start - 1)))
      fail(`2. edit starts inside a surrogate pair at ${e.start}`);
    if (isHigh(input.charCodeAt(e.end - 1)) && isLow(input.charCodeAt(e.end)))
      fail(`2. edit ends inside a surrogate pair at ${e.end}`);
    if (e.spun !== input.slice(e.start, e.end))
      fail(`2. edit.spun ${show(e.spun)} is not the input at [${e.start}, ${e.end})`);
    const [line, col] = lineCol(input, e.start);
    if (e.line !== line || e.col !== col)
      fail(`2. edit at ${e.start} says ${e.line}:${e.col}, is ${line}:${col} in ${show(input)}`);
    prevEnd = e.end;
  }
  // 3. output = input outside the spans, replacement inside them
  let o = 0;
  let i = 0;
  for (const e of r.edits) {
    if (e.detect) continue;
    const gap = input.slice(i, e.start);
    if (r.text.slice(o, o + gap.length) !== gap)
      fail(`3. text before the edit at ${e.start} changed in ${show(input)}`);
    o += gap.length;
    if (r.text.slice(o, o + e.replacement.length) !== e.replacement)
      fail(`3. the edit at ${e.start} is not its replacement in the output`);
    o += e.replacement.length;
    i = e.end;
  }
  if (r.text.slice(o) !== input.slice(i)) fail(`3. text after the last edit changed in ${show(input)}`);
  // 4. the JSON edits give the text output
  const result = { name: "t.txt", input, ...r };
  const json = JSON.parse(formatJson([result])) as { files: { edits: Edit[] }[] };
  if (applyJsonEdits(input, json.files[0].edits) !== r.text)
    fail(`4. JSON edits applied to the input differ from the text output for ${show(input)}`);
  // 5. idempotence
  const second = restore(r.text, dict);
  const again = second.edits.filter((e) => !e.detect);
  const changed = r.text !== input;
  const unexpected = again.filter((e) => {
    const key = `${e.entry.pack}/${e.entry.id}`;
    if (key in KNOWN_NOT_IDEMPOTENT) return false;
    // a first-pass edit of another pack overlapping or touching this one: a chain across packs
    const across = r.edits.some(
      (f) => f.entry.pack !== e.entry.pack && !f.detect && overlapsInOutput(r.edits, f, e.start, e.end),
    );
    if (across) {
      crossPackChains.set(key, (crossPackChains.get(key) ?? 0) + 1);
      return false;
    }
    // an ambiguous entry acts only where its pack judges the document spun; the first pass changed
    // the document (fewer words, other hits), and the second pass judged it spun where the first did not
    if (changed && !packSpun(r.spun, e.entry.pack) && packSpun(second.spun, e.entry.pack)) {
      verdictChanged.set(key, (verdictChanged.get(key) ?? 0) + 1);
      return false;
    }
    const entry = entryOf(dict, e.entry.pack, e.entry.id);
    if (changed && entry && (entry.when.length > 0 || entry.matchCase)) {
      excusedByConditions.set(key, (excusedByConditions.get(key) ?? 0) + 1);
      return false;
    }
    return true;
  });
  if (unexpected.length) {
    const e = unexpected[0];
    fail(
      `5. not idempotent: restoring ${show(r.text)} again restores ${show(e.spun)} → ${show(e.replacement)} (${e.entry.pack}/${e.entry.id}, ${e.entry.file}:${e.entry.line}); first pass made: ${r.edits.map((x) => `${x.entry.pack}/${x.entry.id}`).join(", ") || "nothing"}; input ${show(input)}`,
    );
  }
}

/** Does first-pass edit `f`, placed in the output, overlap or touch the output span [start, end)? */
function overlapsInOutput(edits: readonly Edit[], f: Edit, start: number, end: number): boolean {
  let shift = 0;
  for (const x of edits) {
    if (x === f) break;
    if (!x.detect) shift += x.replacement.length - (x.end - x.start);
  }
  const from = f.start + shift;
  const to = from + f.replacement.length;
  return from <= end && start <= to;
}

/** The property for one dictionary, ready for fc.assert. */
export function restoreProperty(t: Target): fc.IPropertyWithHooks<[string]> {
  return fc.property(textArb(t.phrases), (text) => {
    checkText(text, t.dict);
  });
}
