/**
 * `--format diff` (the default): a word-level diff for people. Only the lines that change are
 * shown, each with its line number; long unchanged stretches inside a line are elided; removed words
 * are red, restored words green, findings of detect-only entries yellow. The marks are git's word-diff
 * marks, [-removed-]{+added+} and [?finding?: note], with colour or without (dimmed with colour), so
 * the diff reads the same for anyone who cannot tell red from green.
 */
import type { ChalkInstance } from "chalk";
import type { Edit } from "../types.js";
import type { DocEvidence } from "../types.js";
import type { FileResult, ResultPart, Summary } from "./types.js";
import { fileSummary, summarize, summaryLine } from "./types.js";

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

/**
 * The input text of a streamed file as restoreStream reads it: what the diff of its edits needs
 * (the stretches around them), with what lies well behind the edits dropped as it goes.
 */
export class InputTail {
  private buf = "";
  private start = 0; // absolute offset of buf[0]
  /** Where the line holding `start` begins (after the last line break dropped). */
  private lineAtStart = 0;

  /** Pass the source through, keeping its text. */
  async *tee(source: AsyncIterable<string>): AsyncGenerator<string> {
    for await (const piece of source) {
      this.buf += piece;
      yield piece;
    }
  }

  get begin(): number {
    return this.start;
  }

  slice(from: number, to: number): string {
    return this.buf.slice(from - this.start, to - this.start);
  }

  /** The first line break at or after `scanFrom` (absolute), or -1 when none up to `scannedTo`. */
  private nextBreak = -1;
  private scanFrom = 0;
  private scannedTo = 0;

  /**
   * The first line break in [from, to) (absolute; `from` never less than a previous call's), or -1.
   * What was searched is remembered: on a long line each call scans only new text.
   */
  lineBreak(from: number, to: number): number {
    const end = this.start + this.buf.length;
    if (from < this.scanFrom || (this.nextBreak !== -1 && this.nextBreak < from)) {
      this.nextBreak = -1;
      this.scannedTo = from;
    }
    this.scanFrom = from;
    if (this.nextBreak === -1 && this.scannedTo < end) {
      const i = this.buf.indexOf("\n", Math.max(this.scannedTo, from, this.start) - this.start);
      this.nextBreak = i === -1 ? -1 : i + this.start;
      this.scannedTo = end;
    }
    return this.nextBreak === -1 || this.nextBreak >= to ? -1 : this.nextBreak;
  }

  /** Where the line holding `at` begins. */
  lineStart(at: number): number {
    const i = this.buf.lastIndexOf("\n", at - this.start - 1);
    return i === -1 ? this.lineAtStart : i + this.start + 1;
  }

  /** Forget the text before `to`. */
  drop(to: number): void {
    const n = to - this.start;
    if (n <= 0) return;
    const nl = this.buf.lastIndexOf("\n", n - 1);
    if (nl !== -1) this.lineAtStart = this.start + nl + 1;
    this.buf = this.buf.slice(n);
    this.start = to;
  }
}

/**
 * The diff of one input restored window by window (restoreStream with edits and from/to), written
 * line by line as the windows come: the same lines formatDiff makes of the input restored whole,
 * save the width of the line numbers, which is `width` (formatDiff takes the last changed line's;
 * here the input's last line). The summary line's verdict is `verdict()`. Memory: the text around
 * the current edit, not the input.
 */
export async function streamDiff(
  name: string,
  input: InputTail,
  pieces: AsyncIterable<ResultPart>,
  verdict: () => DocEvidence | undefined,
  width: number,
  opts: DiffOptions,
  write: (s: string) => Promise<void>,
): Promise<Summary> {
  const { chalk } = opts;
  const keep = opts.context ?? 40;
  const short = keep + 11; // a stretch this long or longer may be elided
  let open = false; // a changed line is being written
  let at = 0; // end of the last edit
  let head = ""; // the first characters after `at`, kept when the text there is dropped
  let prev = 0; // formatDiff's `prev`: the last line number shown, line breaks inside edits counted
  let lineNumber = 0;
  let breaksInside = 0;
  let words = 0;
  let restorations = 0;
  let findings = 0;
  if (opts.headers) await write(`${chalk.bold(name === "-" ? "<stdin>" : name)}\n`);

  /** formatDiff's elide of the input's [from, to). */
  const elideRange = (from: number, to: number, before: boolean, after: boolean): string => {
    const len = to - from;
    const kept = (before ? keep : 0) + (after ? keep : 0);
    if (len <= kept + 10) return input.slice(from, to);
    // elide() reads the kept parts and the character beside each: hand it those, with a gap it drops
    const h = before ? (from >= input.begin ? input.slice(from, from + keep + 1) : head.slice(0, keep + 1)) : "";
    const t = after ? input.slice(to - keep - 1, to) : "";
    return elide(`${h}${"\0".repeat(10)}${t}`, keep, chalk, before, after);
  };
  /** End the changed line at the line break `nl` (or the input's end). */
  const close = async (nl: number): Promise<void> => {
    const end = nl > 0 && input.slice(nl - 1, nl) === "\r" ? nl - 1 : nl;
    await write(`${elideRange(at, end, true, false)}\n`);
    prev = lineNumber + breaksInside;
    open = false;
  };

  for await (const p of pieces) {
    words += p.words;
    restorations += p.restorations;
    findings += p.findings;
    let out = "";
    for (const e of p.edits) {
      if (open) {
        const nl = input.lineBreak(at, e.start);
        if (nl !== -1) {
          if (out) await write(out);
          out = "";
          await close(nl);
        }
      }
      if (open) out += elideRange(at, e.start, true, true);
      else {
        if (prev && e.line > prev + 1) out += `${chalk.dim(`${" ".repeat(width)} ⋮`)}\n`;
        out += `${chalk.dim(`${String(e.line).padStart(width)}│`)} `;
        out += elideRange(input.lineStart(e.start), e.start, false, true);
        open = true;
        lineNumber = e.line;
        breaksInside = 0;
      }
      out += markEdit(e, chalk);
      breaksInside += e.spun.split("\n").length - 1;
      at = e.end;
      head = "";
      if (out.length > 1 << 16) {
        await write(out);
        out = "";
      }
    }
    if (out) await write(out);
    // the changed line ends in what this piece covered: write its end now
    const to = p.to ?? at;
    if (open) {
      const nl = input.lineBreak(at, to);
      if (nl !== -1) await close(nl);
    }
    // keep what the next edits can need: the characters before `to`, and the start of an open line's rest
    let dropTo = to - short;
    if (open && dropTo > at + short) {
      if (!head) head = input.slice(at, at + short);
    } else if (open) dropTo = at;
    input.drop(dropTo);
  }
  if (open) {
    const nl = input.lineBreak(at, Number.POSITIVE_INFINITY);
    await close(nl === -1 ? input.begin + input.slice(input.begin, Number.MAX_SAFE_INTEGER).length : nl);
  }
  const spun = verdict();
  const s = fileSummary(words, restorations, findings, spun);
  const label = name === "-" ? "" : ` (${name})`;
  await write(`${chalk.bold(summaryLine(s)) + chalk.dim(label)}\n`);
  if (opts.headers) await write("\n");
  return s;
}
