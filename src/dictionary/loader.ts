/**
 * Dictionary loader: reads a pack's YAML, validates every key and value, and reports every problem
 * with file:line:col and a hint. A dictionary with any problem does not load at all.
 */
import type { Node, Pair, YAMLMap } from "yaml";
import { isMap, isScalar, isSeq, yaml } from "./yaml-lazy.js";
import { dictionaryError } from "../errors.js";
import type { Problem } from "../errors.js";
import { PhraseTable } from "./phrase-table.js";
import { phraseKeys } from "../text/tokenizer.js";
import type { Allow, CompiledConditions, Entry, Example, Inflect, Shape, SourcePos, WordItem } from "../types.js";

export interface PackSource {
  name: string;
  file: string;
  description?: string;
  entries: Entry[];
  /** Phrases that document conditions refer to, as key sequences; conditions hold indexes into it. */
  phrases: string[][];
  /**
   * A pack shipped with unspin (dictionaries/): built-in packs never override one another (their
   * entries for one spun form are alternatives); any other pack overrides the packs before it.
   */
  builtin?: boolean;
}

const PACK_KEYS = new Set(["pack", "description", "classes", "entries", "$schema"]);
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
const WHEN_KEYS = new Set([
  "before",
  "not_before",
  "after",
  "not_after",
  "sentence_start",
  "document_has",
  "document_has_any",
  "document_lacks",
  "near",
  "not_near",
  "within",
]);
const SHAPES = new Set<Shape>(["number", "capitalised", "lower", "word", "punct"]);

function closest(word: string, options: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const o of options) {
    const d = editDistance(word, o);
    if (d < bestScore) {
      bestScore = d;
      best = o;
    }
  }
  return bestScore <= Math.max(2, word.length / 3) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

class PackReader {
  readonly problems: Problem[] = [];
  private readonly lines = new (yaml().LineCounter)();
  private readonly phrases = new PhraseTable();
  private classes = new Map<string, string[][]>();

  constructor(
    readonly file: string,
    readonly source: string,
  ) {}

  pos(node: Node | null | undefined): SourcePos {
    const offset = node?.range?.[0] ?? 0;
    const lp = this.lines.linePos(offset);
    return { file: this.file, line: lp.line, col: lp.col };
  }

  problem(node: Node | null | undefined, message: string, hint?: string): void {
    const p = this.pos(node);
    this.problems.push({ file: this.file, line: p.line, col: p.col, message, hint });
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
    let entriesNode: Node | null = null;
    for (const pair of root.items) {
      const key = this.keyOf(pair, PACK_KEYS, "pack");
      if (key === "pack") name = this.string(pair.value as Node, "pack") ?? "";
      else if (key === "description") description = this.string(pair.value as Node, "description");
      else if (key === "classes") this.readClasses(pair.value as Node);
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
    return { name, file: this.file, description, entries, phrases: this.phrases.phrases };
  }

  private keyOf(pair: Pair, allowed: Set<string>, where: string): string | undefined {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : "";
    if (!allowed.has(key)) {
      const near = closest(key, allowed);
      this.problem(
        keyNode,
        `unknown key \`${key}\` in ${where}`,
        near ? `did you mean \`${near}\`?` : `allowed: ${[...allowed].join(", ")}`,
      );
      return undefined;
    }
    return key;
  }

  private string(node: Node | null | undefined, what: string): string | undefined {
    if (isScalar(node) && typeof node.value === "string") return node.value;
    if (isScalar(node) && (typeof node.value === "number" || typeof node.value === "boolean")) {
      return String(node.value);
    }
    this.problem(node, `\`${what}\` must be a string`, "quote it if it holds special characters");
    return undefined;
  }

  private nonEmpty(node: Node | null | undefined, what: string): string | undefined {
    const s = this.string(node, what);
    if (s !== undefined && s.trim() === "") {
      this.problem(node, `\`${what}\` is empty`, "write the words, or remove the key");
      return undefined;
    }
    return s;
  }

  private bool(node: Node | null | undefined, what: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === "boolean") return node.value;
    this.problem(node, `\`${what}\` must be true or false`, `write \`${what}: true\` or leave the key out`);
    return undefined;
  }

  private stringList(node: Node | null | undefined, what: string): { value: string; node: Node }[] {
    if (isScalar(node)) {
      const s = this.nonEmpty(node, what);
      return s === undefined ? [] : [{ value: s, node }];
    }
    if (!isSeq(node)) {
      this.problem(node, `\`${what}\` must be a string or a list of strings`);
      return [];
    }
    if (node.items.length === 0) this.problem(node, `\`${what}\` is an empty list`);
    const out: { value: string; node: Node }[] = [];
    for (const item of node.items) {
      const s = this.nonEmpty(item as Node, what);
      if (s !== undefined) out.push({ value: s, node: item as Node });
    }
    return out;
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
    let weight: number | undefined;
    const weightNode = get("weight");
    if (weightNode !== undefined) {
      if (isScalar(weightNode) && typeof weightNode.value === "number" && weightNode.value >= 0)
        weight = weightNode.value;
      else
        this.problem(
          weightNode,
          "`weight` must be a number ≥ 0",
          "e.g. `weight: 120` (how often the pattern was seen)",
        );
    }
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

    const examples: Example[] = [];
    const examplesNode = get("examples");
    if (examplesNode === undefined) {
      this.problem(node, "entry has no `examples`", "add `examples: [{in: spun sentence, out: restored sentence}]`");
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

  private readWhen(node: Node): CompiledConditions[] {
    if (isSeq(node)) {
      if (node.items.length === 0) this.problem(node, "`when` is an empty list", "remove it, or give at least one map");
      return node.items
        .map((n) => this.readConditions(n as Node))
        .filter((c): c is CompiledConditions => c !== undefined);
    }
    const c = this.readConditions(node);
    return c ? [c] : [];
  }

  private readConditions(node: Node): CompiledConditions | undefined {
    if (!isMap(node)) {
      this.problem(node, "`when` must be a map of conditions, or a list of such maps");
      return undefined;
    }
    const c: CompiledConditions = { within: 10, pos: this.pos(node) };
    for (const pair of node.items) {
      const key = this.keyOf(pair, WHEN_KEYS, "`when`");
      const value = pair.value as Node;
      switch (key) {
        case "before":
          c.before = this.wordItems(value, key);
          break;
        case "not_before":
          c.notBefore = this.wordItems(value, key);
          break;
        case "after":
          c.after = this.wordItems(value, key);
          break;
        case "not_after":
          c.notAfter = this.wordItems(value, key);
          break;
        case "sentence_start":
          c.sentenceStart = this.bool(value, key);
          break;
        case "document_has":
          c.documentHas = this.phraseIds(value, key);
          break;
        case "document_has_any":
          c.documentHasAny = this.phraseIds(value, key);
          break;
        case "document_lacks":
          c.documentLacks = this.phraseIds(value, key);
          break;
        case "near":
          c.near = this.phraseList(value, key);
          break;
        case "not_near":
          c.notNear = this.phraseList(value, key);
          break;
        case "within":
          if (isScalar(value) && Number.isInteger(value.value) && (value.value as number) > 0)
            c.within = value.value as number;
          else this.problem(value, "`within` must be a whole number of words > 0", "e.g. `within: 10`");
          break;
        default:
          break;
      }
    }
    const hasWithin = node.items.some((p) => isScalar(p.key) && p.key.value === "within");
    if (hasWithin && !c.near && !c.notNear)
      this.problem(node, "`within` without `near` or `not_near` never matters", "add `near: [words]`");
    return c;
  }

  private wordItems(node: Node, what: string): WordItem[] {
    const items: WordItem[] = [];
    for (const { value, node: n } of this.stringList(node, what)) {
      const shape = /^<([a-z]+)>$/.exec(value);
      if (shape) {
        if (SHAPES.has(shape[1] as Shape)) items.push({ type: "shape", shape: shape[1] as Shape });
        else
          this.problem(
            n,
            `unknown word shape \`${value}\``,
            `use one of ${[...SHAPES].map((s) => `<${s}>`).join(" ")}`,
          );
        continue;
      }
      const cls = /^@([a-z][a-z0-9-]*)$/.exec(value);
      if (cls) {
        const seqs = this.classes.get(cls[1]);
        if (seqs) items.push({ type: "class", name: cls[1], seqs });
        else
          this.problem(
            n,
            `unknown class \`${value}\``,
            this.classes.size
              ? `defined: ${[...this.classes.keys()].map((k) => `@${k}`).join(" ")}`
              : "define it under `classes:` at the top of the pack",
          );
        continue;
      }
      items.push({ type: "seq", keys: phraseKeys(value) });
    }
    return items;
  }

  /**
   * Phrase ids of a document condition's list. A class `@name` stands for all its phrases: allowed
   * where any phrase will do (document_has_any: one of them occurs; document_lacks: none occurs).
   */
  private phraseIds(node: Node, what: string): number[] {
    const ids: number[] = [];
    for (const { value, node: n } of this.stringList(node, what)) {
      const cls = /^@([a-z][a-z0-9-]*)$/.exec(value);
      if (!cls) {
        ids.push(this.phrases.id(phraseKeys(value)));
        continue;
      }
      const seqs = this.classes.get(cls[1]);
      if (!seqs) this.problem(n, `unknown class \`${value}\``, "define it under `classes:` at the top of the pack");
      else if (what === "document_has")
        this.problem(
          n,
          "a class in `document_has` is ambiguous",
          "use `document_has_any` (one of the class) or list the phrases",
        );
      else for (const keys of seqs) ids.push(this.phrases.id(keys));
    }
    return ids;
  }

  /** Phrases of a near/not_near list as keys; a class `@name` stands for all its phrases. */
  private phraseList(node: Node, what: string): string[][] {
    const out: string[][] = [];
    for (const { value, node: n } of this.stringList(node, what)) {
      const cls = /^@([a-z][a-z0-9-]*)$/.exec(value);
      if (!cls) {
        out.push(phraseKeys(value));
        continue;
      }
      const seqs = this.classes.get(cls[1]);
      if (seqs) out.push(...seqs);
      else this.problem(n, `unknown class \`${value}\``, "define it under `classes:` at the top of the pack");
    }
    return out;
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

/** Parse and validate one pack's source text. Throws a "dictionary" UnspinError listing every problem. */
export function readPack(file: string, source: string): PackSource {
  const reader = new PackReader(file, source);
  const pack = reader.read();
  if (!pack) throw dictionaryError(reader.problems);
  return pack;
}

/** This module's own file, part of the pack cache's key (cache.ts). */
export const LOADER_URL = import.meta.url;
