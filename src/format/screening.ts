/**
 * `--format summary`: the screening report, one line per file, for people who check many papers or
 * pages at once. Each line gives the verdict and spinner score, the counts, and the distinct phrases
 * found with how often each occurs (most frequent first; a finding, reported but not restored, ends
 * in "?"):
 *
 *   paper.txt: spun 0.97, 6 restorations, 1 finding: "profound learning" → "deep learning" ×4, …
 */
import { counted } from "../text/inflect.js";
import type { FileResult } from "./types.js";

/** The distinct phrases of a file's edits: spun form (case folded, spaces collapsed) and its reading. */
function phrases(r: FileResult): string[] {
  const byKey = new Map<string, { spun: string; replacement: string; detect: boolean; n: number }>();
  for (const e of r.edits) {
    const spun = e.spun.replace(/\s+/g, " ");
    const key = `${spun.toLowerCase()}\u0000${e.replacement.toLowerCase()}\u0000${e.detect}`;
    const seen = byKey.get(key);
    if (seen) seen.n++;
    else byKey.set(key, { spun, replacement: e.replacement, detect: e.detect, n: 1 });
  }
  // most frequent first; ties in the order of first occurrence (Array.sort is stable)
  return [...byKey.values()]
    .sort((a, b) => b.n - a.n)
    .map((p) => `"${p.spun}" → "${p.replacement}"${p.detect ? "?" : ""} ×${p.n}`);
}

export function formatScreeningLine(r: FileResult): string {
  const name = r.name === "-" ? "(standard input)" : r.name;
  const verdict = r.spun ? `${r.spun.spun ? "spun" : "clean"} ${r.spun.score.toFixed(2)}` : "not judged";
  let restorations = 0;
  let findings = 0;
  for (const e of r.edits) {
    if (e.detect) findings++;
    else restorations++;
  }
  const list = phrases(r);
  const counts = `${counted(restorations, "restoration")}, ${counted(findings, "finding")}`;
  return `${name}: ${verdict}, ${counts}${list.length ? `: ${list.join(", ")}` : ""}\n`;
}
