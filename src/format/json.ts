/** `--format json`: every edit with its provenance, per file, and a summary. */
import type { FileResult } from "./types.js";
import { summarize } from "./types.js";

export function formatJson(results: readonly FileResult[]): string {
  const files = results.map((r) => {
    const s = summarize([r]);
    return {
      file: r.name,
      words: r.words,
      restorations: s.restorations,
      findings: s.findings,
      spun: r.spun,
      edits: r.edits,
    };
  });
  return `${JSON.stringify({ files, summary: summarize(results) }, null, 2)}\n`;
}
