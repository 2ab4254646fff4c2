/**
 * `--format json`: every edit with its provenance, per file, and a summary. Edits carry their
 * offsets in UTF-16 code units (start/end), code points (cpStart/cpEnd) and UTF-8 bytes
 * (byteStart/byteEnd): see offsets.ts. JsonWriter writes it piece by piece in bounded memory (one
 * file at a time; a streamed input's edits window by window), the same bytes as formatJson for
 * files restored whole.
 */
import type { DocEvidence } from "../types.js";
import type { FileResult, ResultPart, Summary } from "./types.js";
import { fileSummary, summarize } from "./types.js";
import { OffsetCounter, withOffsets } from "./offsets.js";

function fileObject(r: FileResult) {
  const s = summarize([r]);
  return {
    file: r.name,
    words: r.words,
    restorations: s.restorations,
    findings: s.findings,
    spun: r.spun,
    edits: withOffsets(r.input, r.edits),
  };
}

export function formatJson(results: readonly FileResult[]): string {
  const files = results.map(fileObject);
  return `${JSON.stringify({ files, summary: summarize(results) }, null, 2)}\n`;
}

/** JSON.stringify(v, null, 2) nested `depth` spaces deep (strings never hold a raw line break). */
function nested(v: unknown, depth: number): string {
  return JSON.stringify(v, null, 2).replace(/\n/g, `\n${" ".repeat(depth)}`);
}

/** The summary of several files' summaries, as summarize() makes it of their results. */
export function addSummaries(list: readonly Summary[]): Summary {
  const total: Summary = { files: 0, words: 0, restorations: 0, findings: 0, spun: 0 };
  for (const s of list) {
    total.files += s.files;
    total.words += s.words;
    total.restorations += s.restorations;
    total.findings += s.findings;
    total.spun += s.spun;
  }
  if (list.length === 1 && list[0].score !== undefined) total.score = list[0].score;
  return total;
}

/**
 * `{"files": [` … `], "summary": …}` written as the files come. Nothing is written until the first
 * file (every input refused: no output, as before).
 */
export class JsonWriter {
  private files = 0;

  constructor(private readonly write: (s: string) => Promise<void>) {}

  private async next(): Promise<void> {
    await this.write(this.files === 0 ? '{\n  "files": [\n    ' : ",\n    ");
    this.files++;
  }

  /** A file restored whole. */
  async file(r: FileResult): Promise<void> {
    await this.next();
    await this.write(nested(fileObject(r), 4));
  }

  /**
   * A file restored window by window: its edits are written as each window yields them, its
   * counts and verdict (`verdict()`, called at the end) after them: they are known only then. A failure after the first
   * window closes the file's object with an "error" (the JSON stays whole) and is rethrown.
   */
  async streamed(
    name: string,
    pieces: AsyncIterable<ResultPart>,
    verdict: () => DocEvidence | undefined,
    input: { slice(from: number, to: number): string; drop(to: number): void },
  ): Promise<Summary> {
    const offsets = new OffsetCounter((from, to) => input.slice(from, to));
    let started = false;
    let edits = 0;
    let words = 0;
    let restorations = 0;
    let findings = 0;
    try {
      for await (const p of pieces) {
        if (!started) {
          await this.next();
          await this.write(`{\n      "file": ${JSON.stringify(name)},\n      "edits": [`);
          started = true;
        }
        words += p.words;
        restorations += p.restorations;
        findings += p.findings;
        // a window's edits in batches: no string of a whole window's edits
        let out = "";
        for (const e of p.edits) {
          out += `${edits++ === 0 ? "" : ","}\n        ${nested(offsets.add(e), 8)}`;
          if (out.length > 1 << 16) {
            await this.write(out);
            out = "";
          }
        }
        if (out) await this.write(out);
        // no later edit starts before this piece's end: count up to it, and forget the text before it
        if (p.to !== undefined) offsets.advance(p.to);
        input.drop(offsets.reached);
      }
    } catch (err) {
      if (started) {
        const message = JSON.stringify(err instanceof Error ? err.message : String(err));
        await this.write(`${edits ? "\n      " : ""}],\n      "error": ${message}\n    }`);
      }
      throw err;
    }
    const spun = verdict();
    const tail = { words, restorations, findings, ...(spun ? { spun } : {}) };
    await this.write(`${edits ? "\n      " : ""}],\n      ${nested(tail, 4).slice(8, -6)}\n    }`);
    return fileSummary(words, restorations, findings, spun);
  }

  /** Close the files list and write the summary (nothing when no file was written). */
  async end(summary: Summary): Promise<void> {
    if (this.files === 0) return;
    await this.write(`\n  ],\n  "summary": ${nested(summary, 2)}\n}\n`);
  }
}
