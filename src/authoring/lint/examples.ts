/** Examples that do not exercise their entry: restoring the example, the entry itself never acts. */
import { buildDictionary } from "../../dictionary/build.js";
import { restore } from "../../engine/restore.js";
import type { Dictionary } from "../../dictionary/build.js";
import type { PackSource } from "../../dictionary/loader.js";
import type { Finding } from "./model.js";

export function unexercisedExamples(pack: PackSource): Finding[] {
  let dict: Dictionary;
  try {
    dict = buildDictionary([pack]);
  } catch {
    return []; // the pack's conflicts are reported by the clash rule
  }
  const findings: Finding[] = [];
  for (const entry of dict.entries) {
    for (const ex of entry.examples) {
      const r = restore(ex.in, dict, { document: "spun" });
      if (!r.edits.some((e) => e.entry.id === entry.id && e.entry.pack === entry.pack)) {
        const other = r.edits[0];
        findings.push({
          pos: ex.pos,
          severity: "warning",
          rule: "example-unexercised",
          message:
            `example does not exercise '${entry.id}'` +
            (other ? ` (${other.entry.id} matches '${other.spun}' instead)` : " (the entry does not match in it)"),
        });
      }
    }
  }
  return findings;
}
