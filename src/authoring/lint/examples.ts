/**
 * Examples that do not exercise their entry: restoring the example (as a sentence of a spun
 * document, as `dict test` runs it), the entry itself never acts. Says why: another entry took the
 * match, the entry does not match, or it matched and the evidence step declined it.
 */
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
      let declined: string | undefined;
      const r = restore(ex.in, dict, {
        document: "spun",
        onWeighed: (c, acted) => {
          if (!acted && c.variant.entry === entry && c.evidence?.veto) declined ??= c.evidence.veto;
        },
      });
      if (!r.edits.some((e) => e.entry.id === entry.id && e.entry.pack === entry.pack)) {
        const other = r.edits[0];
        findings.push({
          pos: ex.pos,
          severity: "warning",
          rule: "example-unexercised",
          message:
            `example does not exercise '${entry.id}'` +
            (other
              ? ` (${other.entry.id} matches '${other.spun}' instead)`
              : declined
                ? ` (it matches, but the evidence step declines it: ${declined}; ` +
                  "`ambiguous: false` makes it act wherever its conditions hold)"
                : " (the entry does not match in it)"),
        });
      }
    }
  }
  return findings;
}
