/**
 * Writing dictionary entries as YAML text without re-serialising the file: an entry is rendered in
 * the file's own indentation style and inserted at the end of the `entries:` list, so every other
 * byte (comments, blank lines, order, quoting) stays as it was.
 */
import type { LineCounter, Node } from "yaml";
import { isSeq, yaml } from "../dictionary/yaml-lazy.js";
import { UnspinError } from "../errors.js";

/** An entry as `dict add` and `dict import` write it. */
export interface EntryDraft {
  id?: string;
  spun: string;
  original: string;
  exact?: boolean;
  detect?: boolean;
  /** Ordinary English: acts only in documents judged spun (an imported synonym always is). */
  ambiguous?: boolean;
  note?: string;
  when?: { before?: string[]; after?: string[] };
  examples: { in: string; out: string }[];
  allows?: string[];
}

/** How a file indents its entries. */
export interface IndentStyle {
  /** Column (0-based) of the `-` of each entry. */
  dash: number;
  /** Column of an entry's keys. */
  key: number;
  /** Extra indentation of a nested list's `-` under its key (0 or 2, usually). */
  nested: number;
}

export const DEFAULT_STYLE: IndentStyle = { dash: 2, key: 4, nested: 2 };

const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** A YAML scalar for `s`: plain when that reads back as the same string, else double-quoted (JSON). */
export function scalar(s: string, flow = false): string {
  const plainOk =
    s.length > 0 &&
    s.trim() === s &&
    !/[\n\r\t"\\]/.test(s) &&
    !RESERVED.test(s) &&
    !/^[-?:,[\]{}#&*!|>'%@`]/.test(s) &&
    !/: |:$| #/.test(s) &&
    !(flow && /[,[\]{}]/.test(s));
  if (plainOk) {
    try {
      const back: unknown = flow ? (yaml().parse(`[${s}]`) as unknown[])[0] : yaml().parse(s);
      if (back === s) return s;
    } catch {
      // not plain-safe: quote
    }
  }
  return JSON.stringify(s);
}

/** The entry as YAML lines (ending with a newline) in the given style. */
export function renderEntry(e: EntryDraft, style: IndentStyle = DEFAULT_STYLE): string {
  const k = " ".repeat(style.key);
  const k2 = " ".repeat(style.key + 2);
  const n = " ".repeat(style.key + style.nested);
  const fields: string[] = [];
  if (e.id !== undefined) fields.push(`id: ${scalar(e.id)}`);
  fields.push(`spun: ${scalar(e.spun)}`, `original: ${scalar(e.original)}`);
  if (e.exact) fields.push("case: exact");
  if (e.detect) fields.push("detect: true");
  if (e.ambiguous) fields.push("ambiguous: true");
  if (e.note !== undefined) fields.push(`note: ${scalar(e.note)}`);
  const lines = fields.map(
    (f, i) => (i === 0 ? `${" ".repeat(style.dash)}-${" ".repeat(style.key - style.dash - 1)}` : k) + f,
  );
  if (e.when && (e.when.before?.length || e.when.after?.length)) {
    lines.push(`${k}when:`);
    for (const [key, words] of [
      ["preceded_by", e.when.before],
      ["followed_by", e.when.after],
    ] as const) {
      if (words?.length) lines.push(`${k2}${key}: [${words.map((w) => scalar(w, true)).join(", ")}]`);
    }
  }
  lines.push(`${k}examples:`);
  for (const ex of e.examples) {
    lines.push(`${n}- in: ${scalar(ex.in)}`, `${n}  out: ${scalar(ex.out)}`);
  }
  if (e.allows?.length) {
    lines.push(`${k}allows:`);
    for (const a of e.allows) lines.push(`${n}- ${scalar(a)}`);
  }
  return `${lines.join("\n")}\n`;
}

function entriesNode(source: string): { node: Node; lines: LineCounter } {
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(source, { lineCounter: lines });
  if (doc.errors.length > 0)
    throw new UnspinError("dictionary", `cannot parse the file as YAML: ${doc.errors[0].message.split("\n")[0]}`);
  const node = doc.get("entries", true) as Node | undefined;
  if (!node) throw new UnspinError("dictionary", "the file has no `entries:` list");
  return { node, lines };
}

/** The indentation style of the file's existing entries (the default when it has none). */
export function detectStyle(source: string): IndentStyle {
  const { node, lines } = entriesNode(source);
  if (!isSeq(node) || node.items.length === 0 || node.flow) return DEFAULT_STYLE;
  const first = node.items[0] as Node;
  const start = first.range?.[0] ?? 0;
  const key = lines.linePos(start).col - 1;
  const lineStart = source.lastIndexOf("\n", start - 1) + 1;
  const dashAt = source.indexOf("-", lineStart);
  const dash = dashAt >= 0 && dashAt < start ? dashAt - lineStart : Math.max(0, key - 2);
  let nested = 2;
  for (const item of node.items) {
    const ex = (item as { get?: (k: string, keep: boolean) => unknown }).get?.("examples", true) as Node | undefined;
    if (isSeq(ex) && !ex.flow && ex.items.length > 0) {
      const exCol = lines.linePos((ex.items[0] as Node).range?.[0] ?? 0).col - 1;
      // the item's map starts after "- ": its dash is two columns left of it
      nested = Math.max(0, exCol - 2 - key);
      break;
    }
  }
  return { dash, key, nested };
}

/**
 * The source with `entryText` added as the last item of `entries:`. Only an insertion: every byte
 * of the source is kept, in order (a file ending without a newline gets one before the entry; an
 * empty flow list `entries: []` is the one case where two bytes are replaced).
 */
export function appendEntryText(source: string, entryText: string): string {
  const { node } = entriesNode(source);
  if (!isSeq(node)) throw new UnspinError("dictionary", "`entries` is not a list");
  if (node.flow) {
    if (node.items.length > 0)
      throw new UnspinError("dictionary", "`entries` is a flow list [...]; write it as a block list to add entries");
    const [from, to] = [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
    return `${source.slice(0, from)}\n${entryText.replace(/\n$/, "")}${source.slice(to)}`;
  }
  const last = node.items[node.items.length - 1] as Node;
  const at = last.range?.[2] ?? source.length;
  const eol = source.includes("\r\n") ? "\r\n" : "\n";
  const sep = at > 0 && source[at - 1] !== "\n" ? eol : "";
  return source.slice(0, at) + sep + entryText.replace(/\n/g, eol) + source.slice(at);
}
