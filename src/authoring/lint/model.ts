/** What every lint rule works on: the linted entries with their spun forms as token keys. */
import { conditionSignature } from "../../dictionary/conflicts.js";
import type { PackSource } from "../../dictionary/loader.js";
import { formsFor, inflectable } from "../../text/inflect.js";
import { phraseKeys } from "../../text/tokenizer.js";
import type { Entry, SourcePos } from "../../types.js";

/** error: the pack is wrong (exit 1); warning: likely wrong; info: how the packs combine, for the record. */
export type Severity = "error" | "warning" | "info";

export interface Finding {
  pos: SourcePos;
  severity: Severity;
  message: string;
  rule: string;
}

export interface LintEntry {
  entry: Entry;
  pack: PackSource;
  /** Each written spun form as token keys. */
  forms: string[][];
  /** The same, joined with spaces (map keys). */
  formKeys: string[];
  /** Conditions with document phrases as text, so entries of different packs compare. */
  signature: string;
  /** Unconditioned: no `when`, no `match_case`. */
  always: boolean;
}

export function lintEntries(packs: readonly PackSource[]): LintEntry[] {
  const out: LintEntry[] = [];
  for (const pack of packs) {
    for (const entry of pack.entries) {
      const forms = entry.spun.map((s) => phraseKeys(s));
      out.push({
        entry,
        pack,
        forms,
        formKeys: forms.map((f) => f.join(" ")),
        signature: conditionSignature(entry, (ids) => ids?.map((i) => pack.phrases[i]?.join(" "))),
        always: entry.when.length === 0 && !entry.matchCase,
      });
    }
  }
  return out;
}

/** Every token key an entry can match, inflected forms of its last word included. */
export function matchableKeys(le: LintEntry): Set<string> {
  const keys = new Set<string>();
  for (const f of le.forms) {
    for (const k of f) keys.add(k);
    const last = f[f.length - 1];
    if (le.entry.inflect && last !== undefined && inflectable(last)) {
      for (const form of formsFor(le.entry.inflect)) keys.add(form(last));
    }
  }
  return keys;
}

/** Group entries by each of their spun forms. */
export function byForm(
  entries: readonly LintEntry[],
  keep: (le: LintEntry) => boolean = () => true,
): Map<string, LintEntry[]> {
  const map = new Map<string, LintEntry[]>();
  for (const le of entries) {
    if (!keep(le)) continue;
    for (const k of new Set(le.formKeys)) {
      const list = map.get(k);
      if (list) list.push(le);
      else map.set(k, [le]);
    }
  }
  return map;
}

export function describe(le: LintEntry): string {
  return `'${le.entry.spun[0]}' → '${le.entry.original}' (${le.entry.pos.file}:${le.entry.pos.line})`;
}
