/**
 * `--format diff` (the default): a word-level diff for people. Only the lines that change are
 * shown, each with its line number; long unchanged stretches inside a line are elided; removed words
 * are red, restored words green, findings of detect-only entries yellow. Without colour the marks are
 * git's word-diff marks: [-removed-]{+added+}, and [?finding?: note].
 */
import type { ChalkInstance } from "chalk";
import type { Edit } from "../types.js";
import type { FileResult } from "./types.js";
import { summarize, summaryLine } from "./types.js";

export interface DiffOptions {
  chalk: ChalkInstance;
  /** Unchanged characters kept on each side of an edit inside a long line. */
  context?: number;
  /** Print a header line with the file name (several files). */
  headers?: boolean;
}

interface Line {
  number: number;
  start: number;
  end: number;
}

function changedLines(input: string, edits: readonly Edit[]): { line: Line; edits: Edit[] }[] {
  const out: { line: Line; edits: Edit[] }[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && e.start < last.line.end) {
      last.edits.push(e);
      if (e.end > last.line.end) last.line.end = lineEnd(input, e.end);
      continue;
    }
    const start = input.lastIndexOf("\n", e.start - 1) + 1;
    out.push({ line: { number: e.line, start, end: lineEnd(input, Math.max(e.end, e.start)) }, edits: [e] });
  }
  return out;
}

function lineEnd(input: string, from: number): number {
  const nl = input.indexOf("\n", from);
  const end = nl === -1 ? input.length : nl;
  return end > 0 && input.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
}

/** Shorten an unchanged stretch, keeping `keep` characters next to each edit it touches. */
function elide(text: string, keep: number, chalk: ChalkInstance, editBefore: boolean, editAfter: boolean): string {
  const kept = (editBefore ? keep : 0) + (editAfter ? keep : 0);
  if (text.length <= kept + 10) return text;
  const head = editBefore ? text.slice(0, keep) : "";
  const tail = editAfter ? text.slice(text.length - keep) : "";
  return head + chalk.dim("…") + tail;
}

function markEdit(e: Edit, chalk: ChalkInstance): string {
  if (e.detect) {
    return chalk.level > 0
      ? chalk.yellow.underline(e.spun) + chalk.yellow(` (${e.replacement}?)`)
      : `[?${e.spun}?: ${e.replacement}]`;
  }
  if (chalk.level > 0) return chalk.red.strikethrough(e.spun) + chalk.green(e.replacement);
  return `[-${e.spun}-]{+${e.replacement}+}`;
}

export function formatDiff(results: readonly FileResult[], opts: DiffOptions): string {
  const { chalk } = opts;
  const keep = opts.context ?? 40;
  const out: string[] = [];
  for (const r of results) {
    if (opts.headers) out.push(chalk.bold(r.name === "-" ? "<stdin>" : r.name));
    const lines = changedLines(r.input, r.edits);
    const width = String(lines.length ? lines[lines.length - 1].line.number : 1).length;
    let prev = 0;
    for (const { line, edits } of lines) {
      if (prev && line.number > prev + 1) out.push(chalk.dim(`${" ".repeat(width)} ⋮`));
      let at = line.start;
      let body = "";
      edits.forEach((e, i) => {
        body += elide(r.input.slice(at, e.start), keep, chalk, i > 0, true);
        body += markEdit(e, chalk);
        at = e.end;
      });
      body += elide(r.input.slice(at, line.end), keep, chalk, true, false);
      out.push(`${chalk.dim(`${String(line.number).padStart(width)}│`)} ${body}`);
      prev = line.number + (r.input.slice(line.start, line.end).match(/\n/g)?.length ?? 0);
    }
    const s = summarize([r]);
    const label = r.name === "-" ? "" : ` (${r.name})`;
    out.push(chalk.bold(summaryLine(s)) + chalk.dim(label));
    if (opts.headers) out.push("");
  }
  if (results.length > 1) out.push(chalk.bold(`total: ${summaryLine(summarize(results))}`));
  return `${out.join("\n")}\n`;
}
