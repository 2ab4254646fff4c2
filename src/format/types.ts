/** What every formatter receives: one result per input file. */
import { counted } from "../text/inflect.js";
import type { DocEvidence, Edit, RestoreResult } from "../types.js";

export interface FileResult extends RestoreResult {
  /** The name shown for the input ("-" or "<stdin>" for standard input). */
  name: string;
  /** The input text the edits' offsets refer to. */
  input: string;
  /** With text-only results (edits and input left out, as --jobs workers send them): the counts. */
  counts?: { restorations: number; findings: number };
}

export interface Summary {
  files: number;
  words: number;
  restorations: number;
  findings: number;
  /** Files whose spinner score says spun. */
  spun: number;
  /** The spinner score, when the summary is of one file. */
  score?: number;
}

/** The summary of one file from its counts and verdict (the streaming formats' own tally). */
export function fileSummary(words: number, restorations: number, findings: number, spun?: DocEvidence): Summary {
  return { files: 1, words, restorations, findings, spun: spun?.spun ? 1 : 0, ...(spun ? { score: spun.score } : {}) };
}

export function summarize(results: readonly FileResult[]): Summary {
  let words = 0;
  let restorations = 0;
  let findings = 0;
  let spun = 0;
  for (const r of results) {
    words += r.words;
    if (r.spun?.spun) spun++;
    if (r.counts) {
      restorations += r.counts.restorations;
      findings += r.counts.findings;
      continue;
    }
    for (const e of r.edits) {
      if (e.detect) findings++;
      else restorations++;
    }
  }
  const one = results.length === 1 ? results[0].spun?.score : undefined;
  return { files: results.length, words, restorations, findings, spun, ...(one === undefined ? {} : { score: one }) };
}

export function summaryLine(s: Summary): string {
  const findings = s.findings ? `, ${counted(s.findings, "finding")}` : "";
  const files = s.files > 1 ? ` across ${counted(s.files, "file")}` : "";
  const verdict =
    s.score !== undefined && s.files === 1
      ? `; spinner score ${s.score.toFixed(2)} (${s.spun ? "spun" : "not spun"})`
      : s.files > 1
        ? `; ${s.spun} judged spun`
        : "";
  return `${counted(s.restorations, "restoration")}${findings} in ${counted(s.words, "word")}${files}${verdict}`;
}

/**
 * A stretch of an input restored window by window, as the JSON and diff writers take it (run/stream.ts'
 * Piece has this shape): its edits (offsets, lines and columns in the whole input), words and counts,
 * and the input offset where the stretch ends.
 */
export interface ResultPart {
  edits: readonly Edit[];
  words: number;
  restorations: number;
  findings: number;
  to?: number;
}
