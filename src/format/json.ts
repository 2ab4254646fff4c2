/**
 * `--format json`: every edit with its provenance, per file, and a summary. Edits carry their
 * offsets in UTF-16 code units (start/end), code points (cpStart/cpEnd) and UTF-8 bytes
 * (byteStart/byteEnd): see offsets.ts.
 */
import type { FileResult } from "./types.js";
import { summarize } from "./types.js";
import { withOffsets } from "./offsets.js";

export function formatJson(results: readonly FileResult[]): string {
  const files = results.map((r) => {
    const s = summarize([r]);
    return {
      file: r.name,
      words: r.words,
      restorations: s.restorations,
      findings: s.findings,
      spun: r.spun,
      edits: withOffsets(r.input, r.edits),
    };
  });
  return `${JSON.stringify({ files, summary: summarize(results) }, null, 2)}\n`;
}
