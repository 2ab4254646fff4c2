/**
 * Running a pack's own examples and allows: each example's `in` must restore to its `out` with the
 * entry itself acting; each allow must come out untouched (no edit, no finding but the report of a
 * `document_spun` match in a document not judged spun).
 */
import { buildDictionary } from "../dictionary/build.js";
import type { Dictionary } from "../dictionary/build.js";
import { restore } from "../engine/restore.js";
import type { PackSource } from "../dictionary/loader.js";
import type { Entry, SourcePos } from "../types.js";

export interface CaseFailure {
  entry: Entry;
  kind: "example" | "allow";
  pos: SourcePos;
  input: string;
  expected: string;
  got: string;
  reason: string;
}

export interface PackTestResult {
  pack: string;
  file: string;
  passed: number;
  failures: CaseFailure[];
}

export function testEntry(dict: Dictionary, entry: Entry): { passed: number; failures: CaseFailure[] } {
  const failures: CaseFailure[] = [];
  let passed = 0;
  for (const ex of entry.examples) {
    const r = restore(ex.in, dict, { document: "spun" });
    const acted = r.edits.some((e) => e.entry.id === entry.id && e.entry.pack === entry.pack);
    const reason =
      r.text !== ex.out ? "restored text differs" : acted ? undefined : "the entry itself did not act in its example";
    if (reason)
      failures.push({ entry, kind: "example", pos: ex.pos, input: ex.in, expected: ex.out, got: r.text, reason });
    else passed++;
  }
  for (const allow of entry.allows) {
    // a `document_spun` match below the gate is reported in clean text by design: not a change
    const r = restore(allow.text, dict, { document: "clean" });
    const changed = r.edits.filter((e) => !e.gated);
    if (changed.length > 0) {
      const e = changed[0];
      failures.push({
        entry,
        kind: "allow",
        pos: allow.pos,
        input: allow.text,
        expected: allow.text,
        got: r.text,
        reason: `changed by ${e.entry.id} (${e.entry.file}:${e.entry.line}): '${e.spun}' → '${e.replacement}'${
          e.detect ? " (finding)" : ""
        }`,
      });
    } else passed++;
  }
  return { passed, failures };
}

/** Test every entry of a pack against the pack alone. */
export function testPack(pack: PackSource): PackTestResult {
  const dict = buildDictionary([pack]);
  let passed = 0;
  const failures: CaseFailure[] = [];
  for (const entry of dict.entries) {
    const r = testEntry(dict, entry);
    passed += r.passed;
    failures.push(...r.failures);
  }
  return { pack: pack.name, file: pack.file, passed, failures };
}
