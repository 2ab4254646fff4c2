/**
 * `dict lint`: static checks over a set of pack files. Each finding is one line,
 * `file:line:col: error|warning|info: message [rule]`; only errors make the command fail.
 */
import { counted } from "../text/inflect.js";
import { readPackText } from "../dictionary/packs.js";
import { isUnspinError } from "../errors.js";
import { readPack } from "../dictionary/loader.js";
import { isBuiltin } from "../dictionary/packs.js";
import type { PackSource } from "../dictionary/loader.js";
import { chainsAndCycles } from "./lint/chains.js";
import { clashes } from "./lint/clashes.js";
import { unexercisedExamples } from "./lint/examples.js";
import { inflectedForms } from "./lint/inflected.js";
import { contextLists } from "./lint/lists.js";
import { lintEntries } from "./lint/model.js";
import type { Finding } from "./lint/model.js";
import { impossibleConditions } from "./lint/never.js";
import { oldConditionNames } from "./lint/keys.js";
import { shadowed } from "./lint/shadow.js";

export type { Finding, Severity } from "./lint/model.js";

export interface LintReport {
  findings: Finding[];
  files: number;
  entries: number;
}

/** Lint packs that loaded. */
export function lintPacks(packs: readonly PackSource[]): Finding[] {
  const entries = lintEntries(packs);
  const findings = [
    ...clashes(entries),
    ...chainsAndCycles(entries),
    ...shadowed(entries),
    ...impossibleConditions(entries),
    ...contextLists(entries),
    ...inflectedForms(entries),
    ...packs.flatMap((p) => unexercisedExamples(p)),
    ...packs.flatMap((p) => oldConditionNames(p)),
    ...entries.filter((e) => e.entry.examples.length === 0).map(withoutExamples),
  ];
  return sortFindings(findings);
}

/** An entry of a user's dictionary without examples loads, but nothing tests it. */
function withoutExamples(e: { entry: { pos: Finding["pos"]; id: string } }): Finding {
  return {
    pos: e.entry.pos,
    severity: "warning",
    message: `entry ${e.entry.id} has no examples: nothing tests it (add \`examples: [{in: ..., out: ...}]\`)`,
    rule: "no-examples",
  };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.pos.file.localeCompare(b.pos.file) ||
      a.pos.line - b.pos.line ||
      a.pos.col - b.pos.col ||
      a.rule.localeCompare(b.rule),
  );
}

/** Load and lint files ({path to read, name to show}); a file that does not load gives `load` errors. */
export function lintFiles(files: readonly { path: string; shown: string }[]): LintReport {
  const packs: PackSource[] = [];
  const loadFindings: Finding[] = [];
  for (const f of files) {
    try {
      packs.push(readPack(f.shown, readPackText(f.path, f.shown), { requireExamples: isBuiltin(f.path) }));
    } catch (err) {
      if (!isUnspinError(err, "dictionary") || !err.problems) throw err;
      for (const p of err.problems) {
        loadFindings.push({
          pos: { file: p.file, line: p.line, col: p.col },
          severity: "error",
          rule: "load",
          message: p.message + (p.hint ? ` (hint: ${p.hint})` : ""),
        });
      }
    }
  }
  return {
    findings: sortFindings([...loadFindings, ...lintPacks(packs)]),
    files: files.length,
    entries: packs.reduce((n, p) => n + p.entries.length, 0),
  };
}

export function formatFinding(f: Finding): string {
  return `${f.pos.file}:${f.pos.line}:${f.pos.col}: ${f.severity}: ${f.message} [${f.rule}]`;
}

export function summaryLine(r: LintReport): string {
  const errors = r.findings.filter((f) => f.severity === "error").length;
  const warnings = r.findings.filter((f) => f.severity === "warning").length;
  const notes = r.findings.length - errors - warnings;
  const files = `${counted(r.files, "file")} (${counted(r.entries, "entry")})`;
  const noted = notes ? `, ${counted(notes, "note")}` : "";
  return `${counted(errors, "error")}, ${counted(warnings, "warning")}${noted} in ${files}`;
}
