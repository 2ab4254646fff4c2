/**
 * Reading YAML nodes into typed values, with every problem reported at its file:line:col and a hint
 * (an unknown key gets the nearest allowed one). The pack loader (loader.ts) is built on this.
 */
import type { Node, Pair } from "yaml";
import type { Problem } from "../errors.js";
import type { SourcePos } from "../types.js";
import { isScalar, isSeq, yaml } from "./yaml-lazy.js";

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

/** A reader of one YAML file's nodes that collects the problems it finds. */
export class NodeReader {
  readonly problems: Problem[] = [];
  protected readonly lines = new (yaml().LineCounter)();

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

  protected keyOf(pair: Pair, allowed: Set<string>, where: string): string | undefined {
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

  protected string(node: Node | null | undefined, what: string): string | undefined {
    if (isScalar(node) && typeof node.value === "string") return node.value;
    if (isScalar(node) && (typeof node.value === "number" || typeof node.value === "boolean")) {
      return String(node.value);
    }
    this.problem(node, `\`${what}\` must be a string`, "quote it if it holds special characters");
    return undefined;
  }

  protected nonEmpty(node: Node | null | undefined, what: string): string | undefined {
    const s = this.string(node, what);
    if (s !== undefined && s.trim() === "") {
      this.problem(node, `\`${what}\` is empty`, "write the words, or remove the key");
      return undefined;
    }
    return s;
  }

  protected bool(node: Node | null | undefined, what: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === "boolean") return node.value;
    this.problem(node, `\`${what}\` must be true or false`, `write \`${what}: true\` or leave the key out`);
    return undefined;
  }

  protected stringList(node: Node | null | undefined, what: string): { value: string; node: Node }[] {
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
}
