/**
 * `--format unified`: a standard unified diff that `patch` and `git apply` accept. Built straight
 * from the edits (which lines they touch is known), so it costs linear time whatever the size —
 * a general diff algorithm would rediscover the same lines in quadratic time on large inputs.
 */
import path from "node:path";
import type { Edit } from "../types.js";
import type { FileResult } from "./types.js";

const CONTEXT = 3;

/** Start offsets of the lines of `text` ("\n"-terminated; a final line may lack its "\n"). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (i + 1 < text.length) starts.push(i + 1);
  }
  if (text.length === 0) starts.length = 0;
  return starts;
}

/** Index of the line holding offset `at` (binary search). */
function lineOf(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Lines of a stretch of text, each with its "\n" (the last may lack it). */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl + 1;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

function emit(prefix: string, line: string, out: string[]): void {
  if (line.endsWith("\n")) out.push(prefix + line);
  else out.push(`${prefix}${line}\n\\ No newline at end of file\n`);
}

interface Change {
  first: number; // first and last old line touched
  last: number;
  edits: Edit[];
}

function fileDiff(name: string, input: string, edits: readonly Edit[]): string {
  const applied = edits.filter((e) => !e.detect);
  if (applied.length === 0) return "";
  const starts = lineStarts(input);
  const lineEnd = (l: number) => (l + 1 < starts.length ? starts[l + 1] : input.length);
  const changes: Change[] = [];
  for (const e of applied) {
    const first = lineOf(starts, e.start);
    const last = lineOf(starts, Math.max(e.start, e.end - 1));
    const prev = changes[changes.length - 1];
    if (prev && first <= prev.last) {
      prev.last = Math.max(prev.last, last);
      prev.edits.push(e);
    } else changes.push({ first, last, edits: [e] });
  }
  const out = [`--- a/${name}\n`, `+++ b/${name}\n`];
  let delta = 0; // new line count minus old, before the current hunk
  let i = 0;
  while (i < changes.length) {
    // a hunk: changes whose unchanged gap is at most two contexts
    let j = i;
    while (j + 1 < changes.length && changes[j + 1].first - changes[j].last - 1 <= 2 * CONTEXT) j++;
    const from = Math.max(0, changes[i].first - CONTEXT);
    const to = Math.min(starts.length - 1, changes[j].last + CONTEXT);
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let line = from;
    for (let k = i; k <= j; k++) {
      const c = changes[k];
      for (; line < c.first; line++, oldCount++, newCount++) emit(" ", input.slice(starts[line], lineEnd(line)), body);
      const oldText = input.slice(starts[c.first], lineEnd(c.last));
      let newText = "";
      let at = starts[c.first];
      for (const e of c.edits) {
        newText += input.slice(at, e.start) + e.replacement;
        at = e.end;
      }
      newText += input.slice(at, lineEnd(c.last));
      const oldLines = splitLines(oldText);
      const newLines = splitLines(newText);
      for (const l of oldLines) emit("-", l, body);
      for (const l of newLines) emit("+", l, body);
      oldCount += oldLines.length;
      newCount += newLines.length;
      line = c.last + 1;
    }
    for (; line <= to; line++, oldCount++, newCount++) emit(" ", input.slice(starts[line], lineEnd(line)), body);
    const oldStart = from + 1;
    const newStart = from + 1 + delta;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`, body.join(""));
    delta += newCount - oldCount;
    i = j + 1;
  }
  return out.join("");
}

/**
 * The name a patch gives a file: its path relative to `cwd` (the folder `patch -p1` or `git apply`
 * runs in), with forward slashes, so `/abs/path/x.txt` and `./x.txt` come out as `x.txt` under
 * a/ and b/. A file outside `cwd` keeps its `../` path, which patch and git apply refuse on purpose
 * (run from a folder that holds the files).
 */
export function patchPath(name: string, cwd: string): string {
  if (name === "-") return "stdin";
  const rel = path.relative(cwd, path.resolve(cwd, name));
  return (rel === "" ? path.basename(name) : rel).split(path.sep).join("/");
}

export function formatUnified(results: readonly FileResult[], cwd = process.cwd()): string {
  return results.map((r) => fileDiff(patchPath(r.name, cwd), r.input, r.edits)).join("");
}
