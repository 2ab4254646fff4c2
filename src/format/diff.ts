/**
 * `--format diff` (the default): a word-level diff for people. Only the lines that change are
 * shown, each with its line number; long unchanged stretches inside a line are elided; removed words
 * are red, restored words green, findings of detect-only entries yellow. The marks are git's word-diff
 * marks, [-removed-]{+added+} and [?finding?: note], with colour or without (dimmed with colour), so
 * the diff reads the same for anyone who cannot tell red from green.
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

/**
 * Shorten an unchanged stretch, keeping about `keep` characters next to each edit it touches. The
 * cut falls at a word boundary (the nearest space within the kept part), so no word is cut in half.
 */
export function elide(
  text: string,
  keep: number,
  chalk: ChalkInstance,
  editBefore: boolean,
  editAfter: boolean,
): string {
  const kept = (editBefore ? keep : 0) + (editAfter ? keep : 0);
  if (text.length <= kept + 10) return text;
  let head = "";
  if (editBefore) {
    head = text.slice(0, keep);
    // end the head just after the last whole word: at a space in it, or cut nothing if none
    if (/\S/.test(text[keep] ?? " ") && /\S$/.test(head)) {
      const sp = head.search(/\s\S*$/);
      head = sp === -1 ? "" : head.slice(0, sp + 1);
    }
  }
  let tail = "";
  if (editAfter) {
    const from = text.length - keep;
    tail = text.slice(from);
    if (/\S/.test(text[from - 1] ?? " ") && /^\S/.test(tail)) {
      const sp = tail.search(/\s/);
      tail = sp === -1 ? "" : tail.slice(sp);
    }
  }
  return head + chalk.dim("…") + tail;
}

/**
 * An edit, marked. Without colour: git's word-diff marks. With colour the marks stay (dimmed), so
 * the diff does not depend on telling red from green: [-removed-] struck through, {+added+} bold.
 */
function markEdit(e: Edit, chalk: ChalkInstance): string {
  if (e.detect) {
    return chalk.level > 0
      ? chalk.dim("[?") +
          chalk.yellow.underline(e.spun) +
          chalk.dim("?: ") +
          chalk.yellow(e.replacement) +
          chalk.dim("]")
      : `[?${e.spun}?: ${e.replacement}]`;
  }
  if (chalk.level > 0)
    return (
      chalk.dim("[-") +
      chalk.red.strikethrough(e.spun) +
      chalk.dim("-]{+") +
      chalk.green.bold(e.replacement) +
      chalk.dim("+}")
    );
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
