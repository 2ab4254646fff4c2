/**
 * `--format jsonl`: one JSON object per input line, `{"id": ..., "text": ...}`, and one per output
 * line, `{"id", "text", "edits", "words", "score", "spun"}` (score: the share of words restored; spun:
 * the record's spinner score and the evidence that made it, as in --format json), so unspin
 * fits GNU parallel --pipe and the stream steps of cluster engines (Spark RDD.pipe, Hadoop
 * Streaming). Each record is a document of its own for document-level conditions.
 */
import type { Dictionary } from "../dictionary/build.js";
import { withOffsets } from "../format/offsets.js";
import { restore } from "../engine/restore.js";
import { UnspinError } from "../errors.js";

export interface JsonlStats {
  records: number;
  restorations: number;
  findings: number;
}

/** Split text pieces into lines (without their line ends). */
export async function* lines(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = "";
  for await (const piece of pieces) {
    rest += piece;
    let nl = rest.indexOf("\n");
    while (nl !== -1) {
      yield rest.slice(0, nl).replace(/\r$/, "");
      rest = rest.slice(nl + 1);
      nl = rest.indexOf("\n");
    }
  }
  if (rest.replace(/\r$/, "") !== "") yield rest.replace(/\r$/, "");
}

/** Restore one JSONL record; `lineNo` names the line in errors. */
export function restoreRecord(
  line: string,
  lineNo: number,
  name: string,
  dict: Dictionary,
  noFindings: boolean,
  document?: "spun" | "clean",
): { out: string; restorations: number; findings: number; spun: boolean } {
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch (err) {
    throw new UnspinError("bad-record", `${name}:${lineNo}: not a JSON object (${(err as Error).message})`);
  }
  if (typeof rec !== "object" || rec === null || typeof (rec as { text?: unknown }).text !== "string") {
    throw new UnspinError("bad-record", `${name}:${lineNo}: a record needs a string "text" (and may have an "id")`);
  }
  const { id, text } = rec as { id?: unknown; text: string };
  const r = restore(text, dict, { noFindings, document });
  const restorations = r.edits.filter((e) => !e.detect).length;
  const findings = r.edits.length - restorations;
  const score = r.words ? Math.round((restorations / r.words) * 1e4) / 1e4 : 0;
  const out = JSON.stringify({
    id: id ?? lineNo,
    text: r.text,
    edits: withOffsets(text, r.edits),
    words: r.words,
    score,
    spun: r.spun,
  });
  return { out: `${out}\n`, restorations, findings, spun: r.spun?.spun === true };
}

export async function restoreJsonl(
  pieces: AsyncIterable<string>,
  name: string,
  dict: Dictionary,
  noFindings: boolean,
  write: (s: string) => Promise<void>,
  document?: "spun" | "clean",
): Promise<JsonlStats> {
  const stats: JsonlStats = { records: 0, restorations: 0, findings: 0 };
  let lineNo = 0;
  for await (const line of lines(pieces)) {
    lineNo++;
    if (line.trim() === "") continue;
    const r = restoreRecord(line, lineNo, name, dict, noFindings, document);
    stats.records++;
    stats.restorations += r.restorations;
    stats.findings += r.findings;
    await write(r.out);
  }
  return stats;
}
