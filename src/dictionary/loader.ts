/**
 * Dictionary loader: reads a pack's YAML, validates every key and value, and reports every problem
 * with file:line:col and a hint. A dictionary with any problem does not load at all.
 */
import type { Node, YAMLMap } from "yaml";
import { WhenReader } from "./when.js";
import { isMap, isScalar, isSeq, yaml } from "./yaml-lazy.js";
import { dictionaryError } from "../errors.js";
import { phraseKeys } from "../text/tokenizer.js";
import type { Allow, Entry, Example, Inflect, SourcePos } from "../types.js";

export interface PackSource {
  name: string;
  file: string;
  description?: string;
  /** Hits per 100 words at which this pack's spinner score is one half (`evidence: {half_at: N}`). */
  halfAt?: number;
  entries: Entry[];
  /** Phrases that document conditions refer to, as key sequences; conditions hold indexes into it. */
  phrases: string[][];
  /**
   * A pack shipped with unspin (dictionaries/): built-in packs never override one another (their
   * entries for one spun form are alternatives); any other pack overrides the packs before it.
   */
  builtin?: boolean;
  /**
   * `override: false`: the pack's entries are alternatives to those of the packs before it, never
   * replacements (an imported thesaurus adds readings; the built-in entries and their evidence stay).
   */
  override?: false;
  /** Where the pack uses an old condition name (`before` for `preceded_by`…), for `dict lint`. */
  oldKeys?: { pos: SourcePos; from: string; to: string }[];
}

const PACK_KEYS = new Set(["pack", "description", "evidence", "override", "classes", "entries", "$schema"]);
const ENTRY_KEYS = new Set([
  "id",
  "spun",
  "original",
  "case",
  "match_case",
  "inflect",
  "detect",
  "weight",
  "ambiguous",
  "note",
  "when",
  "examples",
  "allows",
]);

class PackReader extends WhenReader {
  constructor(
    file: string,
    source: string,
    private readonly requireExamples: boolean,
  ) {
    super(file, source);
  }

  read(): PackSource | undefined {
    const doc = yaml().parseDocument(this.source, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: true });
    for (const err of doc.errors) {
      const lp = err.linePos?.[0] ?? { line: 1, col: 1 };
      const first = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      this.problems.push({
        file: this.file,
        line: lp.line,
        col: lp.col,
        message: `YAML: ${first}`,
        hint: err.code === "DUPLICATE_KEY" ? "each key may appear once in a map" : "check indentation and quoting",
      });
    }
    if (doc.errors.length > 0) return undefined;
    const root = doc.contents;
    if (!isMap(root)) {
      this.problem(root, "a pack must be a map with `pack` and `entries`", "start the file with `pack: NAME`");
      return undefined;
    }
    let name = "";
    let description: string | undefined;
    let halfAt: number | undefined;
    let override = true;
    let entriesNode: Node | null = null;
    for (const pair of root.items) {
      const key = this.keyOf(pair, PACK_KEYS, "pack");
      if (key === "pack") name = this.string(pair.value as Node, "pack") ?? "";
      else if (key === "description") description = this.string(pair.value as Node, "description");
      else if (key === "classes") this.readClasses(pair.value as Node);
      else if (key === "evidence") halfAt = this.readEvidence(pair.value as Node);
      else if (key === "override") override = this.readOverride(pair.value as Node);
      else if (key === "entries") entriesNode = pair.value as Node;
    }
    if (!name) this.problem(root, "missing `pack: NAME`", "name the pack, e.g. `pack: news`");
    const entries: Entry[] = [];
    if (!isSeq(entriesNode)) {
      this.problem(
        entriesNode ?? root,
        "`entries` must be a list",
        "each entry starts with `- spun: ...` under `entries:`",
      );
    } else {
      for (const item of entriesNode.items) {
        const e = this.readEntry(item as Node, name, entries.length);
        if (e) entries.push(e);
      }
      this.checkIds(entries);
    }
    if (this.problems.length > 0) return undefined;
    const pack: PackSource = { name, file: this.file, description, entries, phrases: this.phrases.phrases };
    return {
      ...pack,
      ...(halfAt === undefined ? {} : { halfAt }),
      ...(override ? {} : { override: false as const }),
      oldKeys: this.oldKeys,
    };
  }

  /** `override: true|false` (default true: a user's pack replaces the entries before it for its forms). */
  private readOverride(node: Node): boolean {
    if (isScalar(node) && typeof node.value === "boolean") return node.value;
    this.problem(
      node,
      "`override` must be true or false",
      "false: the pack's entries are alternatives, not replacements",
    );
    return true;
  }

  /** `evidence: {half_at: N}`: how the pack's hits make its spinner score (engine/evidence.ts). */
  private readEvidence(node: Node | null): number | undefined {
    if (!isMap(node)) {
      this.problem(node, "`evidence` must be a map", "e.g. `evidence: {half_at: 0.75}`");
      return undefined;
    }
    let halfAt: number | undefined;
    for (const pair of node.items) {
      if (this.keyOf(pair, new Set(["half_at"]), "`evidence`") !== "half_at") continue;
      const v = pair.value as Node;
      if (isScalar(v) && typeof v.value === "number" && v.value > 0) halfAt = v.value;
      else this.problem(v, "`half_at` must be a number > 0", "hits per 100 words at which the score is one half");
    }
    return halfAt;
  }

  private readClasses(node: Node | null): void {
    if (!isMap(node)) {
      this.problem(node, "`classes` must be a map of name: [words]");
      return;
    }
    for (const pair of node.items) {
      const keyNode = pair.key as Node;
      const name = isScalar(keyNode) ? String(keyNode.value) : "";
      if (!/^[a-z][a-z0-9-]*$/.test(name)) {
        this.problem(keyNode, `bad class name \`${name}\``, "use lower-case letters, digits and -");
        continue;
      }
      const words = this.stringList(pair.value as Node, `classes.${name}`);
      this.classes.set(
        name,
        words.map((w) => phraseKeys(w.value)).filter((k) => k.length > 0),
      );
    }
  }

  private readEntry(node: Node, pack: string, index: number): Entry | undefined {
    if (!isMap(node)) {
      this.problem(node, "an entry must be a map", "give it `spun:`, `original:` and `examples:` keys");
      return undefined;
    }
    const before = this.problems.length;
    const map = node as YAMLMap;
    const get = (k: string): Node | undefined =>
      map.items.find((p) => isScalar(p.key) && p.key.value === k)?.value as Node | undefined;
    for (const pair of map.items) this.keyOf(pair, ENTRY_KEYS, "an entry");

    const spunNode = get("spun");
    const originalNode = get("original");
    if (spunNode === undefined)
      this.problem(node, "entry has no `spun`", "add the spun form(s): `spun: chilly struggle`");
    if (originalNode === undefined)
      this.problem(node, "entry has no `original`", "add the restoration: `original: Cold War`");
    const spunItems = spunNode === undefined ? [] : this.stringList(spunNode, "spun");
    for (const s of spunItems) {
      if (phraseKeys(s.value).length === 0) this.problem(s.node, "`spun` has no word in it", "write the spun words");
    }
    const original = originalNode === undefined ? undefined : this.nonEmpty(originalNode, "original");

    let exactCase = false;
    const caseNode = get("case");
    if (caseNode !== undefined) {
      const c = this.string(caseNode, "case");
      if (c === "exact") exactCase = true;
      else if (c !== "follow" && c !== undefined)
        this.problem(caseNode, `\`case\` must be follow or exact, not \`${c}\``);
    }
    const matchCaseNode = get("match_case");
    const matchCase = matchCaseNode === undefined ? false : (this.bool(matchCaseNode, "match_case") ?? false);
    const detectNode = get("detect");
    const detect = detectNode === undefined ? false : (this.bool(detectNode, "detect") ?? false);

    let inflect: Inflect | undefined;
    const inflectNode = get("inflect");
    if (inflectNode !== undefined) {
      const v = this.string(inflectNode, "inflect");
      if (v === "noun" || v === "verb" || v === "both") inflect = v;
      else if (v !== undefined) this.problem(inflectNode, `\`inflect\` must be noun, verb or both, not \`${v}\``);
    }
    const weight = this.readWeight(get("weight"));
    const ambiguousNode = get("ambiguous");
    const ambiguous = ambiguousNode === undefined ? undefined : this.bool(ambiguousNode, "ambiguous");
    const noteNode = get("note");
    const note = noteNode === undefined ? undefined : this.string(noteNode, "note");
    const idNode = get("id");
    const id =
      idNode === undefined
        ? (spunItems[0]?.value ?? "").toLowerCase().trim().replace(/\s+/g, "-")
        : (this.nonEmpty(idNode, "id") ?? "");

    const whenNode = get("when");
    const when = whenNode === undefined ? [] : this.readWhen(whenNode);

    const examples = this.readExamples(node, get("examples"));
    const allows: Allow[] = [];
    const allowsNode = get("allows");
    if (allowsNode !== undefined) {
      for (const a of this.stringList(allowsNode, "allows")) allows.push({ text: a.value, pos: this.pos(a.node) });
    }
    if (this.problems.length > before || original === undefined) return undefined;
    return {
      index,
      id,
      pack,
      pos: this.pos(node),
      spun: spunItems.map((s) => s.value),
      original,
      exactCase,
      matchCase,
      inflect,
      detect,
      weight,
      ambiguous,
      note,
      when,
      examples,
      allows,
    };
  }

  private readWeight(weightNode: Node | undefined): number | undefined {
    if (weightNode === undefined) return undefined;
    if (isScalar(weightNode) && typeof weightNode.value === "number" && weightNode.value >= 0) return weightNode.value;
    this.problem(weightNode, "`weight` must be a number ≥ 0", "e.g. `weight: 120` (how often the pattern was seen)");
    return undefined;
  }

  /** An entry's examples ({in, out} pairs); `node` is the entry, for the problem of having none. */
  private readExamples(node: Node, examplesNode: Node | undefined): Example[] {
    const examples: Example[] = [];
    if (examplesNode === undefined) {
      if (this.requireExamples) {
        this.problem(node, "entry has no `examples`", "add `examples: [{in: spun sentence, out: restored sentence}]`");
      }
    } else if (!isSeq(examplesNode) || examplesNode.items.length === 0) {
      this.problem(examplesNode, "`examples` must be a non-empty list of {in, out}");
    } else {
      for (const ex of examplesNode.items) {
        const e = ex as Node;
        if (!isMap(e)) {
          this.problem(e, "an example must be a map {in, out}");
          continue;
        }
        for (const pair of e.items) this.keyOf(pair, new Set(["in", "out"]), "an example");
        const inText = this.nonEmpty((e.get("in", true) as Node | undefined) ?? e, "in");
        const outText = this.nonEmpty((e.get("out", true) as Node | undefined) ?? e, "out");
        if (inText !== undefined && outText !== undefined)
          examples.push({ in: inText, out: outText, pos: this.pos(e) });
      }
    }
    return examples;
  }

  private checkIds(entries: Entry[]): void {
    const seen = new Map<string, Entry>();
    for (const e of entries) {
      const prev = seen.get(e.id);
      if (prev) {
        this.problems.push({
          file: this.file,
          line: e.pos.line,
          col: e.pos.col,
          message: `duplicate id \`${e.id}\` (first at line ${prev.pos.line})`,
          hint: "give one of them an explicit `id:`, or merge the two entries",
        });
      } else seen.set(e.id, e);
    }
  }
}

/**
 * Parse and validate one pack's source text. Throws a "dictionary" UnspinError listing every problem.
 * `requireExamples` (the default, and always for the shipped packs): an entry without examples is a
 * problem; a user's own dictionary may leave them out (`dict lint` warns).
 */
export function readPack(file: string, source: string, opts: { requireExamples?: boolean } = {}): PackSource {
  const reader = new PackReader(file, source, opts.requireExamples ?? true);
  const pack = reader.read();
  if (!pack) throw dictionaryError(reader.problems);
  return pack;
}

/** This module's own file, part of the pack cache's key (cache.ts). */
export const LOADER_URL = import.meta.url;
