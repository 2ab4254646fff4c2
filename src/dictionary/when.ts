/**
 * Reading an entry's `when:` list: each map is one set of conditions (all must hold), and the entry
 * applies where any set holds. Word lists may name the pack's `classes`; document phrases become
 * ids in the pack's phrase table. The pack loader (loader.ts) builds on this.
 */
import type { Node } from "yaml";
import { phraseKeys } from "../text/tokenizer.js";
import type { CompiledConditions, Shape, SourcePos, WordItem } from "../types.js";
import { PhraseTable } from "./phrase-table.js";
import { NodeReader } from "./validate.js";
import { isMap, isScalar, isSeq } from "./yaml-lazy.js";

/**
 * The clearer names of the neighbour conditions, and the old names they replace (still loaded;
 * `dict lint` notes the new ones): `before: [the]` read as "after the" to many.
 */
export const RENAMED_KEYS: Record<string, string> = {
  before: "preceded_by",
  not_before: "not_preceded_by",
  after: "followed_by",
  not_after: "not_followed_by",
};
const OLD_NAMES: Record<string, string> = Object.fromEntries(Object.entries(RENAMED_KEYS).map(([o, n]) => [n, o]));
const WHEN_KEYS = new Set([
  "preceded_by",
  "not_preceded_by",
  "followed_by",
  "not_followed_by",
  "before",
  "not_before",
  "after",
  "not_after",
  "sentence_start",
  "document_has",
  "document_has_any",
  "document_lacks",
  "document_spun",
  "near",
  "not_near",
  "within",
]);
const SHAPES = new Set<Shape>(["number", "capitalised", "lower", "word", "punct"]);

export class WhenReader extends NodeReader {
  protected readonly phrases = new PhraseTable();
  protected classes = new Map<string, string[][]>();
  /** Old condition names used (before, after…), for `dict lint`. */
  readonly oldKeys: { pos: SourcePos; from: string; to: string }[] = [];

  protected readWhen(node: Node): CompiledConditions[] {
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
      const written = this.keyOf(pair, WHEN_KEYS, "`when`");
      const value = pair.value as Node;
      if (written !== undefined && RENAMED_KEYS[written]) {
        this.oldKeys.push({ pos: this.pos(pair.key as Node), from: written, to: RENAMED_KEYS[written] });
      }
      const key = written !== undefined ? (OLD_NAMES[written] ?? written) : undefined;
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
        case "document_spun":
          if (this.bool(value, key)) c.documentSpun = true;
          else this.problem(value, "`document_spun: false` is not a condition", "leave it out, or write `true`");
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
}

/** This module's own file, part of the pack cache's key (cache.ts): it decides what a pack holds. */
export const WHEN_URL = import.meta.url;
