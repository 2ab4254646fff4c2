/** Duplicates, conflicts and redundant entries: two entries with one spun form. */
import { byForm, describe } from "./model.js";
import type { Finding, LintEntry } from "./model.js";

export function clashes(entries: readonly LintEntry[]): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const [form, group] of byForm(entries)) {
    for (let j = 1; j < group.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = group[i];
        const b = group[j];
        const pair = `${a.entry.pos.file}:${a.entry.index}|${b.entry.pos.file}:${b.entry.index}`;
        if (reported.has(pair)) continue;
        const sameOriginal = a.entry.original.toLowerCase() === b.entry.original.toLowerCase() && a.entry.detect === b.entry.detect;
        const sameConditions = a.signature === b.signature;
        let f: Omit<Finding, "pos"> | undefined;
        if (sameConditions && sameOriginal) {
          const sameFile = a.entry.pos.file === b.entry.pos.file;
          f = {
            severity: sameFile ? "error" : "warning", rule: "duplicate",
            message: `duplicate of ${describe(a)}${sameFile ? "" : "; the first loaded is used"}`,
          };
        } else if (sameConditions) {
          f = {
            severity: "error", rule: "conflict",
            message: `conflict: '${form}' → '${b.entry.original}', but ${describe(a)} restores the same words and no condition tells them apart`,
          };
        } else if (sameOriginal && (a.always || b.always)) {
          const general = a.always ? a : b;
          f = {
            severity: "warning", rule: "redundant",
            message: `redundant: ${describe(general)} already restores '${form}' the same way without conditions`,
          };
        }
        if (f) {
          reported.add(pair);
          findings.push({ ...f, pos: b.entry.pos });
        }
      }
    }
  }
  return findings;
}
