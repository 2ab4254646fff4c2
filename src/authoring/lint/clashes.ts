/**
 * Duplicates, conflicts and redundant entries: two entries with one spun form, by the rule of
 * dictionary/conflicts.ts (LintEntry.signature is its conditionSignature). Each entry is reported once.
 */
import { sameRestoration } from "../../dictionary/conflicts.js";
import type { Entry } from "../../types.js";
import { byForm, describe } from "./model.js";
import type { Finding, LintEntry } from "./model.js";

function clash(a: LintEntry, b: LintEntry, form: string): Finding | undefined {
  const sameOriginal = sameRestoration(a.entry, b.entry);
  if (a.signature === b.signature) {
    if (!sameOriginal) {
      return {
        pos: b.entry.pos,
        severity: "error",
        rule: "conflict",
        message:
          `conflict: '${form}' → '${b.entry.original}', but ${describe(a)} restores the same words and ` +
          `no condition tells them apart`,
      };
    }
    const sameFile = a.entry.pos.file === b.entry.pos.file;
    return {
      pos: b.entry.pos,
      severity: sameFile ? "error" : "warning",
      rule: "duplicate",
      message: `duplicate of ${describe(a)}${sameFile ? "" : "; the first loaded is used"}`,
    };
  }
  if (sameOriginal && a.always !== b.always) {
    const [general, special] = a.always ? [a, b] : [b, a];
    return {
      pos: special.entry.pos,
      severity: "warning",
      rule: "redundant",
      message: `redundant: ${describe(general)} already restores '${form}' the same way without conditions`,
    };
  }
  return undefined;
}

export function clashes(entries: readonly LintEntry[]): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<Entry>();
  for (const [form, group] of byForm(entries)) {
    for (let j = 1; j < group.length; j++) {
      for (let i = 0; i < j; i++) {
        const f = clash(group[i], group[j], form);
        const at = f && (f.pos === group[j].entry.pos ? group[j] : group[i]).entry;
        if (!f || !at || reported.has(at)) continue;
        reported.add(at);
        findings.push(f);
      }
    }
  }
  return findings;
}
